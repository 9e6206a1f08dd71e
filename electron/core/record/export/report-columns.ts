import type { Channel, RecordOrigin } from '../../../../shared/contract';
import { describeState } from '../../../../shared/message-state-words';
import type { MessageState } from '../../../../shared/contract';
import { formatLondonReportTime } from '../../../../shared/notify/london-time';
import { formatPhoneNumberHumanReadable } from '../../../../shared/notify/phone-number';
import { csvStatus, screenStatus } from '../../../../shared/notify/notification-status';

/** Notify's notifications report, exactly, then the desk's own columns (never before Notify's). */
export const MESSAGES_REPORT_HEADERS = [
  'Recipient',
  'Reference',
  'Template',
  'Type',
  'Sent by',
  'Sent by email',
  'Job',
  'Status',
  'Time',
  'Notify ID',
  'Status detail',
  'Final status time',
  'Sent from',
] as const;

/** Notify's batch report around the spreadsheet's own columns, then the desk's own. */
export const batchReportHeaders = (spreadsheetColumns: readonly string[]): string[] => [
  'Row number',
  ...spreadsheetColumns,
  'Template',
  'Type',
  'Job',
  'Status',
  'Time',
  'Notify ID',
  'Status detail',
  'Final status time',
];

const ORIGIN_WORDS: Record<RecordOrigin, string> = {
  desk: 'This desk',
  'other-desk': 'Another desk',
  elsewhere: 'Elsewhere',
};

/** One row of a report: its cells as text, in the headers' order. */
export type ReportRow = string[];

/** A row as SQLite gives it (raw, in this order): type, origin, status, recipient, recipient key, reference,
 * template name, sent by, job, Notify id, created at, completed at, id. */
export type MessageReportSource = [
  Channel,
  RecordOrigin,
  string,
  string,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string,
  string | null,
  string,
];

const PHONE_FORM = /^\+?[0-9][0-9 ()-]*$/;

/** Notify's Recipient: a phone number human-readable, an email as sent, a letter's first line without a trailing " ,". */
export function reportRecipient(type: Channel, recipient: string, key: string): string {
  if (type === 'sms') return PHONE_FORM.test(key) ? key : recipient;
  if (type === 'letter') return (recipient.split('\n')[0] ?? '').replace(/[ ,]+$/, '');
  return recipient;
}

/** Both wordings of a status, worked out once per type and status rather than once per row. */
const statusWords = new Map<string, { csv: string; screen: string }>();
function wordsFor(type: Channel, status: string): { csv: string; screen: string } {
  const key = `${type}:${status}`;
  let words = statusWords.get(key);
  if (!words) {
    words = { csv: csvStatus(type, status), screen: screenStatus(type, status) };
    statusWords.set(key, words);
  }
  return words;
}

export function messageReportRow(row: MessageReportSource): ReportRow {
  const [
    type,
    origin,
    status,
    recipient,
    recipientKey,
    reference,
    templateName,
    sentBy,
    job,
    notifyId,
    createdAt,
    completedAt,
  ] = row;
  const words = wordsFor(type, status);
  return [
    reportRecipient(type, recipient, recipientKey),
    reference ?? '',
    templateName ?? '',
    type,
    sentBy ?? '',
    '',
    job ?? '',
    words.csv,
    formatLondonReportTime(createdAt),
    notifyId ?? '',
    words.screen,
    completedAt ? formatLondonReportTime(completedAt) : '',
    ORIGIN_WORDS[origin],
  ];
}

export interface BatchReportSource {
  row_number: number | null;
  row_cells: string | null;
  type: Channel;
  state: MessageState;
  status: string | null;
  template_name: string;
  job: string;
  notify_id: string | null;
  created_at: string;
  completed_at: string | null;
}

export function batchReportRow(row: BatchReportSource, columnCount: number, recipientColumn: number | null): ReportRow {
  const cells = parseCells(row.row_cells, columnCount);
  const phoneColumn = row.type === 'sms' && recipientColumn !== null ? recipientColumn : null;
  if (phoneColumn !== null) cells[phoneColumn] = formatPhoneNumberHumanReadable(cells[phoneColumn] ?? '');
  const statusText = row.status === null ? describeState(row.state, row.type) : csvStatus(row.type, row.status);
  return [
    row.row_number === null ? '' : String(row.row_number - 1),
    ...cells,
    row.template_name,
    row.type,
    row.job,
    statusText,
    formatLondonReportTime(row.created_at),
    row.notify_id ?? '',
    row.status === null ? statusText : screenStatus(row.type, row.status),
    row.completed_at ? formatLondonReportTime(row.completed_at) : '',
  ];
}

function parseCells(json: string | null, count: number): string[] {
  let cells: unknown;
  try {
    cells = json ? JSON.parse(json) : [];
  } catch {
    cells = [];
  }
  const list = Array.isArray(cells) ? cells : [];
  return Array.from({ length: count }, (_, index) => (typeof list[index] === 'string' ? list[index] : ''));
}
