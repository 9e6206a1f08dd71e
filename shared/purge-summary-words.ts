import type { PurgeSummary } from './contract/retention';
import { formatDeskDate, formatDeskDateTime } from './desk-time';

const count = (value: number, one: string, many: string): string =>
  `${value.toLocaleString('en-GB')} ${value === 1 ? one : many}`;

const megabytes = (bytes: number): string =>
  `${(bytes / 1_048_576).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

const oldestFrom = (oldest: string | null): string => (oldest ? ` (the oldest from ${formatDeskDate(oldest)})` : '');

/** What a purge took, or would take, in sentences: the same on the command line and in Settings. */
export function purgeSummaryLines(summary: PurgeSummary): string[] {
  const went = summary.dryRun ? 'would go' : 'went';
  const { personalData, records, files } = summary;
  return [
    `${summary.dryRun ? 'A purge now' : `The purge at ${formatDeskDateTime(summary.at)}`}: personal data is kept ${count(personalData.days, 'day', 'days')}, records ${count(records.days, 'day', 'days')}.`,
    `Personal data of messages created before ${formatDeskDate(personalData.before)}: ${count(personalData.messages, 'message', 'messages')} ${summary.dryRun ? 'would have' : 'had'} the recipient, values and content erased${oldestFrom(personalData.oldest)}; ${count(personalData.receivedTexts, 'received text', 'received texts')} ${went}.`,
    `Records created before ${formatDeskDate(records.before)}: ${count(records.messages, 'message', 'messages')}${oldestFrom(records.oldest)}, ${count(records.batches, 'import', 'imports')}, ${count(records.printRuns, 'print run', 'print runs')} and ${count(records.watchFolderFiles, 'note of a file taken from a watch folder', 'notes of files taken from watch folders')} ${went}.`,
    `Files from before ${formatDeskDate(personalData.before)}: ${count(files.uploads, 'uploaded spreadsheet', 'uploaded spreadsheets')}, ${count(files.rejectedRowsFiles, 'file of rows set aside', 'files of rows set aside')}, ${count(files.watchFolderCopies, 'file taken from a watch folder (with its report)', 'files taken from watch folders (with their reports)')}, ${count(files.letterPdfs, 'letter PDF', 'letter PDFs')} and ${count(files.exportDownloads, 'export waiting to be downloaded', 'exports waiting to be downloaded')} ${went}.`,
    ...(summary.databaseBytes
      ? [
          `The database file went from ${megabytes(summary.databaseBytes.before)} to ${megabytes(summary.databaseBytes.after)}.`,
        ]
      : []),
  ];
}
