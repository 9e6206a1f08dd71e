import type { Db } from './database/open-database';
import type { CoreEventBus } from './events';
import type { NetworkAccess } from './network/network-access';
import type { NotifyClient } from './notify-client';
import type { SecretStore } from './secrets/keychain';
import type { ApiKeySource } from './secrets/api-key-sources';
import type { DeskPerson } from './policy/desk-person';
import type { AuditRecorder } from './audit/audit-trail';
import type { DeskPolicy } from './policy/desk-policy';

/** What every practice run's service id starts with (and so the `sent_through` of the messages it accepted). */
export const PRACTICE_RUN_PREFIX = 'practice:';

/** How a step of a service's set-up ended: done, refused by Notify (a person must fix the key or address), or to try again. */
export type ServiceSetUpResult =
  { state: 'complete' } | { state: 'key-refused'; message: string } | { state: 'waiting'; message: string };

/** Work on a configured service that the sync engine does through its own client before sending. */
export interface ServiceSetUpStep {
  /** Nothing is sent until the step completes (the service was saved while Notify could not be reached). */
  blocksSending: boolean;
  /** Whether the step should run now; a person asking (`eager`) makes it due at once. */
  due(eager: boolean): boolean;
  run(client: NotifyClient): Promise<ServiceSetUpResult>;
}

/** The Notify service the outbox sends through: a configured one, or the in-process practice simulator. */
export interface ActiveService {
  /** A configured service's id, or one run of practice mode's (`practice:…`): recorded with each message it accepts. */
  id: string;
  name: string;
  kind: 'notify' | 'practice';
  baseUrl: string;
  rateLimitPerMinute: number;
  /** Notify template ids whose body is `((body))` (and subject `((subject))`), used for templates written on the desk. */
  passThroughTemplates: { sms: string | null; email: string | null; letter: string | null };
  /** Read from where the key lives (the keychain, or what IT provides) on demand; never stored anywhere else. */
  apiKey: () => Promise<string>;
  /** The way to the service: the proxy and the certificates to trust. */
  network: NetworkAccess;
  /** Present while the service's set-up is unfinished, or its templates are due to be looked up again. */
  setUp?: ServiceSetUpStep;
  /**
   * Practice mode: every status is final within this time, and the service forgets its messages when the process
   * that runs it ends.
   */
  practice?: { finalStatusWithinMs: number };
}

export interface CoreContext {
  db: Db;
  dataDir: string;
  /** The person's login name, recorded on what they do (the same as `person.user`). */
  user: string;
  /** Who is at the desk and what their role lets them do. */
  person: DeskPerson;
  /** What the organisation's policy file fixes (its defaults where there is none). */
  policy: DeskPolicy;
  /** The append-only audit trail: `audit.record(action, detail)` for each change of how the desk sends, export and purge. */
  audit: AuditRecorder;
  events: CoreEventBus;
  secrets: SecretStore;
  /** The way out to a configured service (and, later, direct providers): proxy settings and trusted certificates. */
  network: NetworkAccess;
  /** Places IT may provide a key outside the keychain, for as long as the desk runs (the policy file, then the environment). */
  apiKeySources: readonly ApiKeySource[];
  /** The service to send through now (practice mode when none is configured). */
  activeService(): Promise<ActiveService>;
}
