import type { Micros } from './timestamps';
import type { InternalStatus, KeyType, NotificationType, Postage } from './types';

/** A persisted notification. Its status is not stored: lifecycle.ts computes it from these timestamps. */
export interface StoredNotification {
  id: string;
  createdMicros: Micros;
  keyType: KeyType;
  type: NotificationType;
  reference: string | null;
  templateId: string;
  templateVersion: number;
  personalisation: Record<string, unknown>;
  /** The phone number or email address as supplied, trimmed; null for letters. */
  recipient: string | null;
  /** Letters: personalisation address_line_1..6 and postcode, as supplied. */
  addressLines: Array<string | null>;
  postcode: string | null;
  body: string;
  subject: string | null;
  postage: Postage | null;
  oneClickUnsubscribeUrl: string | null;
  precompiled: boolean;
  /** SMS fragments or sheets of paper. */
  billableUnits: number;
  international: boolean;
  /** SMS: Notify's international rate multiplier (1 for UK numbers). */
  rateMultiplier: number;
  /** When it leaves `created` (or `pending-virus-check`) for `sending`. */
  sendingAtMs: number;
  /** When it reaches finalStatus. */
  completedAtMs: number;
  finalStatus: InternalStatus;
  /** Precompiled letters: the PDF that was sent. */
  pdf: Buffer | null;
  /** Sent by a person in Notify's web interface (one-off, or `fromJob` for a spreadsheet upload): their name. */
  createdByName?: string | null;
  /** From a spreadsheet upload: listed only with `include_jobs=true`. */
  fromJob?: boolean;
}
