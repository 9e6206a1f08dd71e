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

export interface ReceivedTextForDownload {
  userNumber: string;
  content: string;
  receivedAt: string;
}

export function inboxDownloadRow(
  text: ReceivedTextForDownload,
  humanReadable: (number: string) => string = formatPhoneNumberHumanReadable,
): [string, string, string] {
  return [
    humanReadable(text.userNumber),
    stripLeadingFormulaCharacters(text.content),
    formatUkDateTimeNumeric(text.receivedAt),
  ];
}

/** Rows for one download: a number that sent many texts is made human-readable once. */
export function inboxDownloadRows(): (text: ReceivedTextForDownload) => [string, string, string] {
  const numbers = new Map<string, string>();
  const humanReadable = (number: string): string => {
    let shown = numbers.get(number);
    if (shown === undefined) {
      shown = formatPhoneNumberHumanReadable(number);
      numbers.set(number, shown);
    }
    return shown;
  };
  return (text) => inboxDownloadRow(text, humanReadable);
}

/** Notify's file name: `Received text messages YYYY-MM-DD.csv`, the date in the UK. */
export function inboxDownloadFileName(now: Date = new Date()): string {
  return `Received text messages ${formatUkDateNumeric(now.toISOString())}.csv`;
}
