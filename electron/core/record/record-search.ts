import type {
  Channel,
  RecordCounts,
  RecordFilter,
  RecordMessageSummary,
  RecordOrigin,
  RecordSearchResult,
} from '../../../shared/contract';
import { screenStatus, statusBucket } from '../../../shared/notify/notification-status';
import type { Db } from '../database/open-database';
import { UserError } from '../dispatch';
import { reportRecipient } from './export/report-columns';
import { countableFromTotals, filterSql, hasSelectiveField, whereClause } from './record-filter';

export interface RecordRow {
  id: string;
  notify_id: string | null;
  origin: RecordOrigin;
  type: Channel;
  status: string;
  recipient: string;
  recipient_key: string;
  reference: string | null;
  template_name: string | null;
  sent_by: string | null;
  batch_id: string | null;
  spreadsheet: string | null;
  row_number: number | null;
  created_at: string;
  status_at: string;
}

export const recordSummaryColumns = `r.id, r.notify_id, r.origin, r.type, r.status, r.recipient, r.recipient_key, r.reference, r.template_name,
  r.sent_by, r.batch_id, b.file_name AS spreadsheet, r.row_number, r.created_at, r.status_at`;
export const recordFrom = 'record_messages r LEFT JOIN batches b ON b.id = r.batch_id';

export function toSummary(row: RecordRow): RecordMessageSummary {
  return {
    id: row.id,
    notifyId: row.notify_id,
    type: row.type,
    status: row.status,
    statusText: screenStatus(row.type, row.status),
    bucket: statusBucket(row.status),
    recipient: row.type === 'letter' ? row.recipient : reportRecipient(row.type, row.recipient, row.recipient_key),
    reference: row.reference,
    templateName: row.template_name,
    sentBy: row.sent_by,
    origin: row.origin,
    batchId: row.batch_id,
    spreadsheet: row.spreadsheet,
    // Notify numbers a batch's rows from 1 for the first under the header.
    rowNumber: row.row_number === null ? null : row.row_number - 1,
    createdAt: row.created_at,
    statusAt: row.status_at,
  };
}

const splitCounts = ({
  matching,
  ...counts
}: RecordCounts & { matching: number }): { total: number; counts: RecordCounts } => ({
  total: matching,
  counts,
});

/** A page position: the last message shown, newest first by creation time then id. */
export function encodeCursor(row: { created_at: string; id: string }): string {
  return Buffer.from(`${row.created_at}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id) throw new UserError('That page of results is no longer available: start the search again.');
  return { createdAt, id };
}

export interface SearchOptions {
  after?: string;
  limit: number;
  now?: Date;
}

/** One page of the record, newest first, with stable keyset paging, and the counts per bucket for the filter. */
export function searchRecord(db: Db, filter: RecordFilter, options: SearchOptions): RecordSearchResult {
  const counts = countRecord(db, filter, options.now);
  const { conditions, params } = filterSql(filter, {
    withStatus: true,
    now: options.now,
    statusIndex: useStatusIndex(filter, counts),
  });
  if (options.after) {
    const cursor = decodeCursor(options.after);
    params.afterCreatedAt = cursor.createdAt;
    params.afterId = cursor.id;
    conditions.push('(r.created_at, r.id) < (@afterCreatedAt, @afterId)');
  }
  const rows = db
    .prepare(
      `SELECT ${recordSummaryColumns} FROM ${recordFrom} ${whereClause(conditions)}
       ORDER BY r.created_at DESC, r.id DESC LIMIT @limit`,
    )
    .all({ ...params, limit: options.limit + 1 }) as RecordRow[];
  const more = rows.length > options.limit;
  const page = more ? rows.slice(0, options.limit) : rows;
  const last = page.at(-1);
  return {
    messages: page.map(toSummary),
    nextCursor: more && last ? encodeCursor(last) : null,
    ...splitCounts(counts),
  };
}

/** Below this share of the messages in range, a status is found sooner through its index than by walking back in time. */
const STATUS_INDEX_BELOW_SHARE = 0.02;

/**
 * The counts say how common the filter's status is: a rare one (a failure kind, a final status never seen) is read
 * from the status index; a common one (delivered) by walking back in time, where the first 50 come soon.
 */
function useStatusIndex(filter: RecordFilter, counts: RecordCounts & { matching: number }): boolean {
  if (!filter.status || hasSelectiveField(filter)) return true;
  return counts.matching < counts.total * STATUS_INDEX_BELOW_SHARE;
}

/**
 * Messages of the filter by bucket, leaving out the filter's own status (so every bucket shows its figure), and
 * `matching`: how many the filter matches with its status.
 */
export function countRecord(db: Db, filter: RecordFilter, now?: Date): RecordCounts & { matching: number } {
  const byStatus = countableFromTotals(filter) ? countFromTotals(db, filter, now) : countFromMessages(db, filter, now);
  const counts = { total: 0, other: 0, delivering: 0, delivered: 0, failed: 0, matching: 0 };
  for (const { status, n } of byStatus) {
    counts.total += n;
    const bucket = statusBucket(status);
    if (bucket) counts[bucket] += n;
    else counts.other += n;
    if (!filter.status || filter.status === status || filter.status === bucket) counts.matching += n;
  }
  return counts;
}

function countFromMessages(db: Db, filter: RecordFilter, now?: Date): { status: string; n: number }[] {
  const { conditions, params } = filterSql(filter, { withStatus: false, now });
  return db
    .prepare(`SELECT r.status, COUNT(*) AS n FROM record_messages r ${whereClause(conditions)} GROUP BY r.status`)
    .all(params) as { status: string; n: number }[];
}

function countFromTotals(db: Db, filter: RecordFilter, now?: Date): { status: string; n: number }[] {
  const { days } = filterSql(filter, { withStatus: false, now });
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  if (days.since) {
    conditions.push('day >= @since');
    params.since = days.since;
  }
  if (days.until) {
    conditions.push('day <= @until');
    params.until = days.until;
  }
  if (filter.type) {
    conditions.push('type = @type');
    params.type = filter.type;
  }
  if (filter.template) {
    conditions.push('template_name = @template');
    params.template = filter.template;
  }
  const table = filter.template ? 'record_template_totals' : 'record_daily_totals';
  return db
    .prepare(`SELECT status, SUM(messages) AS n FROM ${table} ${whereClause(conditions)} GROUP BY status`)
    .all(params) as { status: string; n: number }[];
}
