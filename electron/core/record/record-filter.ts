import type { RecordFilter, RecordPeriod } from '../../../shared/contract';
import { addDays, londonDate, londonMidnight } from '../../../shared/notify/london-time';
import { statusBuckets, statusesInBucket, type StatusBucket } from '../../../shared/notify/notification-status';
import { recipientSearchKeys } from '../database/record-functions';

/** A filter as SQL over `record_messages r`: conditions joined with AND, and their named parameters. */
export interface FilterSql {
  conditions: string[];
  params: Record<string, string | number>;
  /** London dates the filter covers (inclusive), when it has a time range. */
  days: { since: string | null; until: string | null };
}

/** The London dates a period covers, ending today. */
export function periodDays(period: RecordPeriod, now: Date = new Date()): { since: string; until: string } {
  const today = londonDate(now.toISOString());
  switch (period) {
    case 'today':
      return { since: today, until: today };
    case 'last-7-days':
      return { since: addDays(today, -6), until: today };
    case 'this-month':
      return { since: `${today.slice(0, 8)}01`, until: today };
    case 'this-financial-year': {
      const year = Number(today.slice(0, 4));
      const startYear = Number(today.slice(5, 7)) >= 4 ? year : year - 1;
      return { since: `${startYear}-04-01`, until: today };
    }
  }
}

const isBucket = (status: string): status is StatusBucket => (statusBuckets as readonly string[]).includes(status);

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The filter's conditions; `withStatus: false` leaves the status out (for the counts at the top of a page).
 * `statusIndex: false` keeps SQLite off the status index (a common status is found sooner walking by time).
 */
export function filterSql(
  filter: RecordFilter,
  options: { withStatus: boolean; now?: Date; statusIndex?: boolean },
): FilterSql {
  const conditions: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.search) {
    params.searchKeys = JSON.stringify(recipientSearchKeys(filter.search));
    params.searchText = filter.search;
    params.searchLike = likePattern(filter.search);
    conditions.push(`(r.recipient_key IN (SELECT value FROM json_each(@searchKeys)) OR r.reference = @searchText
      OR r.batch_id IN (SELECT id FROM batches WHERE file_name LIKE @searchLike ESCAPE '\\'))`);
  }
  if (filter.to) {
    params.toKeys = JSON.stringify(recipientSearchKeys(filter.to));
    conditions.push('r.recipient_key IN (SELECT value FROM json_each(@toKeys))');
  }
  if (filter.reference) {
    params.reference = filter.reference;
    conditions.push('r.reference = @reference');
  }
  if (filter.spreadsheet) {
    params.spreadsheetLike = likePattern(filter.spreadsheet);
    conditions.push(`r.batch_id IN (SELECT id FROM batches WHERE file_name LIKE @spreadsheetLike ESCAPE '\\')`);
  }
  if (filter.type) {
    params.type = filter.type;
    conditions.push('r.type = @type');
  }
  if (filter.status && options.withStatus) {
    const column = options.statusIndex === false ? '+r.status' : 'r.status';
    if (isBucket(filter.status)) {
      params.statuses = JSON.stringify(statusesInBucket(filter.status));
      conditions.push(`${column} IN (SELECT value FROM json_each(@statuses))`);
    } else {
      params.status = filter.status;
      conditions.push(`${column} = @status`);
    }
  }
  if (filter.template) {
    params.template = filter.template;
    conditions.push('r.template_name = @template');
  }
  if (filter.sentBy) {
    params.sentBy = filter.sentBy;
    conditions.push('r.sent_by = @sentBy');
  }
  if (filter.batchId) {
    params.batchId = filter.batchId;
    conditions.push('r.batch_id = @batchId');
  }
  const days = filterDays(filter, options.now);
  if (days.since) {
    params.since = londonMidnight(days.since);
    conditions.push('r.created_at >= @since');
  }
  if (days.until) {
    params.until = londonMidnight(addDays(days.until, 1));
    conditions.push('r.created_at < @until');
  }
  return { conditions, params, days };
}

/** The filter's London dates: a period, or since/until (a period wins when both are given). */
export function filterDays(filter: RecordFilter, now?: Date): { since: string | null; until: string | null } {
  if (filter.period) return periodDays(filter.period, now);
  return { since: filter.since ?? null, until: filter.until ?? null };
}

/** Whether the daily totals can answer the filter's counts (they know day, type, template and status only). */
export function countableFromTotals(filter: RecordFilter): boolean {
  return !filter.search && !filter.to && !filter.reference && !filter.spreadsheet && !filter.sentBy && !filter.batchId;
}

/** Whether the filter names something an index of its own finds (a recipient, a reference, a batch, a sender, a template). */
export function hasSelectiveField(filter: RecordFilter): boolean {
  return !countableFromTotals(filter) || filter.template !== undefined;
}

export const whereClause = (conditions: readonly string[]): string =>
  conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
