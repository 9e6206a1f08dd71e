import type Database from 'better-sqlite3-multiple-ciphers';
import { londonDate } from '../../../shared/notify/london-time';
import { formatPhoneNumberHumanReadable } from '../../../shared/notify/phone-number';
import { formatRecipient } from '../../../shared/notify/recipient-format';

/**
 * The recipient as the record searches it, one form for every way of writing it: a phone number in Notify's
 * human-readable form (`07700 900123`, `+1 202-555-0123`, which exports also show), an email address as Notify
 * compares it, a letter's first address line; all in lower case.
 */
export function recipientSearchKey(type: string, recipient: string): string {
  const text = recipient.trim();
  if (type === 'letter') return (text.split('\n')[0] ?? '').trim().toLowerCase();
  if (type === 'sms') return formatPhoneNumberHumanReadable(text).toLowerCase();
  return formatRecipient(text).toLowerCase();
}

/** Every key a typed search could match: as a phone number, as an email address, as a letter's first line. */
export function recipientSearchKeys(typed: string): string[] {
  return [...new Set((['sms', 'email', 'letter'] as const).map((type) => recipientSearchKey(type, typed)))];
}

/**
 * Functions the delivery record's triggers call (migration 7). Every connection that changes outbox states or the
 * record must have them: the core's connections are all opened by `openDatabase`, which registers them.
 */
export function registerRecordFunctions(db: Database.Database): void {
  db.function('notify_desk_london_date', { deterministic: true }, (iso: unknown) => londonDate(String(iso)));
  db.function('notify_desk_recipient_key', { deterministic: true }, (type: unknown, recipient: unknown) =>
    recipientSearchKey(String(type), String(recipient)),
  );
}
