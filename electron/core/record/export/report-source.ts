import type { RecordFilter } from '../../../../shared/contract';
import { insensitiveKey } from '../../../../shared/notify/formatters';
import type { Db } from '../../database/open-database';
import { UserError } from '../../dispatch';
import { filterSql, whereClause } from '../record-filter';
import {
  batchReportHeaders,
  batchReportRow,
  MESSAGES_REPORT_HEADERS,
  messageReportRow,
  type BatchReportSource,
  type MessageReportSource,
  type ReportRow,
} from './report-columns';

/** Rows are read a page at a time, so other calls can use the database between pages and memory stays flat. */
const PAGE_ROWS = 2_000;

/**
 * A report: its headers, then its rows a page at a time as SQLite gave them, each turned into cells by `cells` only
 * as it is written, so the cells of a page never outlive their row (memory stays flat whatever the size).
 */
export interface ReportSource<Row = unknown> {
  headers: readonly string[];
  total: number;
  /** Columns that hold phone numbers: an XLSX formats them as text, so editing one keeps its leading zero. */
  textColumns: readonly number[];
  /** A name to offer for the file, without extension. */
  suggestedName: string;
  pages(): AsyncGenerator<readonly Row[]>;
  cells(row: Row): ReportRow;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The columns `messageReportRow` reads, in its order. */
const MESSAGE_REPORT_COLUMNS = `r.type, r.origin, r.status, r.recipient, r.recipient_key, r.reference, r.template_name, r.sent_by,
  b.file_name, r.notify_id, r.created_at, r.completed_at, r.id`;

/** The notifications report of a filter: the same messages as the Sent messages page, newest first. */
export function messagesReport(db: Db, filter: RecordFilter, now = new Date()): ReportSource<MessageReportSource> {
  const { conditions, params } = filterSql(filter, { withStatus: true, now });
  const { total } = db
    .prepare(`SELECT COUNT(*) AS total FROM record_messages r ${whereClause(conditions)}`)
    .get(params) as { total: number };
  const select = (withCursor: boolean) =>
    db
      .prepare(
        `SELECT ${MESSAGE_REPORT_COLUMNS} FROM record_messages r LEFT JOIN batches b ON b.id = r.batch_id
         ${whereClause(withCursor ? [...conditions, '(r.created_at, r.id) < (@afterCreatedAt, @afterId)'] : conditions)}
         ORDER BY r.created_at DESC, r.id DESC LIMIT ${PAGE_ROWS}`,
      )
      .raw();
  const first = select(false);
  const next = select(true);
  return {
    headers: MESSAGES_REPORT_HEADERS,
    total,
    textColumns: [0],
    cells: messageReportRow,
    suggestedName: `${now.toISOString().slice(0, 10)} - sent messages report`,
    async *pages() {
      let cursor: { afterCreatedAt: string; afterId: string } | null = null;
      for (;;) {
        const rows = (cursor ? next.all({ ...params, ...cursor }) : first.all(params)) as MessageReportSource[];
        if (rows.length === 0) return;
        yield rows;
        const last = rows[rows.length - 1] as MessageReportSource;
        cursor = { afterCreatedAt: last[10], afterId: last[12] };
        if (rows.length < PAGE_ROWS) return;
        await yieldToEventLoop();
      }
    },
  };
}

/** Notify's batch report of one imported spreadsheet: every row the desk queued, in the file's order. */
export function batchReport(db: Db, batchId: string): ReportSource<BatchReportSource & { position: number }> {
  const batch = db.prepare('SELECT file_name, columns, queued_count FROM batches WHERE id = ?').get(batchId) as
    { file_name: string; columns: string | null; queued_count: number } | undefined;
  if (!batch) throw new UserError('That batch is not on this desk.');
  const columns = batch.columns ? (JSON.parse(batch.columns) as string[]) : [];
  const recipientColumn = columns.findIndex((header) => insensitiveKey(header) === 'phonenumber');
  const page = db.prepare(
    `SELECT o.row_number, o.row_cells, o.type, o.state, r.status, t.name AS template_name, b.file_name AS job,
       o.notify_id, COALESCE(r.created_at, o.created_at) AS created_at, r.completed_at, o.rowid AS position
     FROM outbox_messages o JOIN templates t ON t.id = o.template_id JOIN batches b ON b.id = o.batch_id
       LEFT JOIN record_messages r ON r.id = o.id
     WHERE o.batch_id = @batchId AND o.rowid > @after ORDER BY o.rowid LIMIT ${PAGE_ROWS}`,
  );
  return {
    headers: batchReportHeaders(columns),
    total: batch.queued_count,
    textColumns: recipientColumn < 0 ? [] : [recipientColumn + 1],
    cells: (row) => batchReportRow(row, columns.length, recipientColumn < 0 ? null : recipientColumn),
    suggestedName: batch.file_name.replace(/\.[^.]+$/, '') + ' - report',
    async *pages() {
      let after = 0;
      for (;;) {
        const rows = page.all({ batchId, after }) as (BatchReportSource & { position: number })[];
        if (rows.length === 0) return;
        yield rows;
        after = (rows[rows.length - 1] as { position: number }).position;
        if (rows.length < PAGE_ROWS) return;
        await yieldToEventLoop();
      }
    },
  };
}
