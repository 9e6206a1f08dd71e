import type { RequestKind } from './request-latency';
import type { SimulatorSeedInput } from './seed-file';

export type KeyType = 'live' | 'team' | 'test';
export type NotificationType = 'sms' | 'email' | 'letter';
export type DailyLimitType = NotificationType | 'international_sms';
export type Postage = 'first' | 'second' | 'economy' | 'europe' | 'rest-of-world';

/** Notify's internal statuses (the API shows letters' ones as accepted / received). */
export type InternalStatus =
  | 'cancelled'
  | 'created'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'pending'
  | 'failed'
  | 'technical-failure'
  | 'temporary-failure'
  | 'permanent-failure'
  | 'pending-virus-check'
  | 'validation-failed'
  | 'virus-scan-failed'
  | 'returned-letter';

export type ApiStatus = InternalStatus | 'accepted' | 'received';

export interface Faults {
  /** 0..1 of API requests answered 500. */
  failRate: number;
  /** Delay before every API request is handled. */
  latencyMs: number;
  /** 0..1 of API requests whose connection is destroyed before they are handled (nothing is persisted). */
  resetRate: number;
  /** Every send is answered 429 RateLimitError for this long (from when it is set). */
  rateLimitStorm?: { durationMs: number };
  /** The listener closes and open sockets are destroyed for this long, then it listens again on the same port. */
  outage?: { durationMs: number };
}

export interface SimulatorOptions {
  /** 0 = a free port (default). */
  port?: number;
  failRate?: number;
  latencyMs?: number;
  resetRate?: number;
  /** Per service × key type, default 3000 (Notify's default). */
  rateLimitPerMinute?: number;
  /** Pace of created → sending → final status: sending after half of it, final after all of it. Default 1000. */
  deliverAfterMs?: number;
  dailyLimits?: Partial<Record<DailyLimitType, number>>;
  /** Live keys can only send to the team and guest list; letters refused for non-test keys. */
  trialMode?: boolean;
  /** No log lines on stderr. */
  quiet?: boolean;
  /** What the service holds, added to the built-in data or in its place (validated: see seed-file.ts). */
  seed?: SimulatorSeedInput;
  /** Delay before each kind of request is handled, over DEFAULT_REQUEST_LATENCY_MS. */
  requestLatencyMs?: Partial<Record<RequestKind, number>>;
  /** The key the /_simulator/ control routes need (`Authorization: Bearer <key>`); random when not given. */
  controlKey?: string;
  /** Serve HTTPS with this certificate and key (PEM) instead of plain HTTP: for tests of certificates and proxies. */
  tls?: { cert: string; key: string };
}

/** What the control endpoint and `notifications()` report for every persisted notification. */
export interface AcceptedNotification {
  id: string;
  reference: string | null;
  type: NotificationType;
  /** The phone number or email address as supplied (trimmed), or the first address line of a letter. */
  recipient: string;
  status: ApiStatus;
  key_type: KeyType;
  created_at: string;
  template_id: string;
  template_version: number;
  personalisation: Record<string, unknown>;
  body: string;
  subject: string | null;
  postage: string | null;
  precompiled: boolean;
}

export interface RunningSimulator {
  url: string;
  apiKeys: { live: string; team: string; test: string };
  /** For the /_simulator/ control routes: `Authorization: Bearer <controlKey>`. */
  controlKey: string;
  serviceId: string;
  port: number;
  /** A text received from a phone number now, as POST /_simulator/received-text-messages adds one. */
  addReceivedText(userNumber: string, content: string): ReceivedTextView;
  setFaults(faults: Partial<Faults>): void;
  notifications(): AcceptedNotification[];
  close(): Promise<void>;
}

/** A received text as GET /v2/received-text-messages shows it. */
export interface ReceivedTextView {
  id: string;
  user_number: string;
  notify_number: string;
  created_at: string;
  service_id: string;
  content: string;
}
