// Notify's own download of the texts a service received (notifications-admin inbox_download): three columns, the
// number in its human-readable form, the text with any leading = + - @ taken off (so no spreadsheet reads it as a
// formula), and the time it arrived in UK time.
import { formatPhoneNumberHumanReadable } from './phone-number';
import { formatUkDateNumeric, formatUkDateTimeNumeric } from './uk-time';

export const INBOX_DOWNLOAD_COLUMNS = ['Phone number', 'Message', 'Received'] as const;

/** Python's str.lstrip('=+-@'). */
export function stripLeadingFormulaCharacters(text: string): string {
  return text.replace(/^[=+\-@]+/, '');
}

export function inboxDownloadRow(text: { userNumber: string; content: string; receivedAt: string }): [string, string, string] {
  return [formatPhoneNumberHumanReadable(text.userNumber), stripLeadingFormulaCharacters(text.content), formatUkDateTimeNumeric(text.receivedAt)];
}

/** Notify's file name: `Received text messages YYYY-MM-DD.csv`, the date in the UK. */
export function inboxDownloadFileName(now: Date = new Date()): string {
  return `Received text messages ${formatUkDateNumeric(now.toISOString())}.csv`;
}
