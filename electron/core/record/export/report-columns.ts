import type { Channel, RecordOrigin } from '../../../../shared/contract';
import { describeState } from '../../../../shared/contract/message-state-words';
import type { MessageState } from '../../../../shared/contract';
import { formatLondonReportTime } from '../../../../shared/notify/london-time';
import { formatPhoneNumberHumanReadable } from '../../../../shared/notify/phone-number';
import { csvStatus, screenStatus } from '../../../../shared/notify/notification-status';

/** Notify's notifications report, exactly, then the desk's own columns (never before Notify's). */
export const MESSAGES_REPORT_HEADERS = [
  'Recipient', 'Reference', 'Template', 'Type', 'Sent by', 'Sent by email', 'Job', 'Status', 'Time',
  'Notify ID', 'Status detail', 'Final status time', 'Sent from',
] as const;

/** Notify's batch report around the spreadsheet's own columns, then the desk's own. */
export const batchReportHeaders = (spreadsheetColumns: readonly string[]): string[] => [
  'Row number', ...spreadsheetColumns, 'Template', 'Type', 'Job', 'Status', 'Time', 'Notify ID', 'Status detail', 'Final status time',
];

const ORIGIN_WORDS: Record<RecordOrigin, string> = { desk: 'This desk', 'other-desk': 'Another desk', elsewhere: 'Elsewhere' };

/** Which cells hold a phone number, written as text so a spreadsheet keeps its leading zero and spaces. */
export interface ReportRow {
  cells: string[];
  phoneColumn: number | null;
}

export interface MessageReportSource {
  type: Channel;
  origin: RecordOrigin;
  status: string;
  recipient: string;
  recipient_key: string;
  reference: string | null;
  template_name: string | null;
  sent_by: string | null;
  job: string | null;
  notify_id: string | null;
  created_at: string;
  completed_at: string | null;
}

const PHONE_FORM = /^\+?[0-9][0-9 ()-]*$/;

/** Notify's Recipient: a phone number human-readable, an email as sent, a letter's first line without a trailing " ,". */
export function reportRecipient(type: Channel, recipient: string, key: string): string {
  if (type === 'sms') return PHONE_FORM.test(key) ? key : recipient;
  if (type === 'letter') return (recipient.split('\n')[0] ?? '').replace(/[ ,]+$/, '');
  return recipient;
}

export function messageReportRow(row: MessageReportSource): ReportRow {
  return {
    cells: [
      reportRecipient(row.type, row.recipient, row.recipient_key),
      row.reference ?? '',
      row.template_name ?? '',
      row.type,
      row.sent_by ?? '',
      '',
      row.job ?? '',
      csvStatus(row.type, row.status),
      formatLondonReportTime(row.created_at),
      row.notify_id ?? '',
      screenStatus(row.type, row.status),
      row.completed_at ? formatLondonReportTime(row.completed_at) : '',
      ORIGIN_WORDS[row.origin],
    ],
    phoneColumn: row.type === 'sms' ? 0 : null,
  };
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
  return {
    cells: [
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
    ],
    phoneColumn: phoneColumn === null ? null : phoneColumn + 1,
  };
}

function parseCells(json: string | null, count: number): string[] {
  let cells: unknown = [];
  try {
    cells = json ? JSON.parse(json) : [];
  } catch {
    cells = [];
  }
  const list = Array.isArray(cells) ? cells : [];
  return Array.from({ length: count }, (_, index) => (typeof list[index] === 'string' ? (list[index] as string) : ''));
}
