import type {
  Channel,
  DashboardFigures,
  DashboardPeriod,
  RecordDashboard,
  RecordPeriod,
} from '../../../shared/contract';
import { addDays, londonDate, londonMidnight } from '../../../shared/notify/london-time';
import { STATUS_UNKNOWN, statusBucket } from '../../../shared/notify/notification-status';
import type { Db } from '../database/open-database';
import { periodDays } from './record-filter';
import { readRecordSettings } from './record-settings';

const CHANNELS: readonly Channel[] = ['sms', 'email', 'letter'];
const PERIOD_LABELS: Record<RecordPeriod, string> = {
  today: 'Today',
  'last-7-days': 'In the last 7 days',
  'this-month': 'This month',
  'this-financial-year': 'This financial year',
};
/** Notify warns when more than this share of messages failed. */
const FAILURE_WARNING_PERCENT = 3;

interface TotalRow {
  type: Channel;
  status: string;
  n: number;
}

function figures(rows: readonly TotalRow[], type: Channel): DashboardFigures {
  const result = { requested: 0, delivering: 0, delivered: 0, failed: 0 };
  for (const row of rows) {
    if (row.type !== type || row.status === 'cancelled') continue;
    result.requested += row.n;
    const bucket = statusBucket(row.status);
    if (bucket) result[bucket] += row.n;
  }
  const failureRate = result.requested === 0 ? 0 : Math.round((result.failed / result.requested) * 1000) / 10;
  return { ...result, failureRate, failureWarning: failureRate > FAILURE_WARNING_PERCENT };
}

interface DayTotal {
  day: string;
  type: Channel;
  status: string;
  postage: string;
  messages: number;
  billable_units: number;
}

const within = (row: DayTotal, since: string, until: string): boolean => row.day >= since && row.day <= until;

/** The 30 London days to today, oldest first: sent (not cancelled), delivered and failed. */
function dailyChart(rows: readonly DayTotal[], today: string): RecordDashboard['daily'] {
  const firstDay = addDays(today, -29);
  const daily = Array.from({ length: 30 }, (_, index) => ({
    date: addDays(firstDay, index),
    sent: 0,
    delivered: 0,
    failed: 0,
  }));
  const dayIndex = new Map(daily.map((entry, index) => [entry.date, index]));
  for (const row of rows) {
    const entry = daily[dayIndex.get(row.day) ?? -1];
    if (!entry || row.status === 'cancelled') continue;
    entry.sent += row.messages;
    const bucket = statusBucket(row.status);
    if (bucket === 'delivered') entry.delivered += row.messages;
    if (bucket === 'failed') entry.failed += row.messages;
  }
  return daily;
}

/**
 * The supervisor's first screen, read from the daily totals (their size grows with days, not with messages): one
 * read of the days since the start of the financial year (or the last 30, if earlier) serves every period.
 */
export function readDashboard(db: Db, now: Date = new Date()): RecordDashboard {
  const today = londonDate(now.toISOString());
  const year = periodDays('this-financial-year', now);
  const earliest = [year.since, addDays(today, -29)].sort()[0] as string;
  const rows = db
    .prepare(
      'SELECT day, type, status, postage, messages, billable_units FROM record_daily_totals WHERE day >= ? AND day <= ?',
    )
    .all(earliest, today) as DayTotal[];

  const periods: DashboardPeriod[] = (Object.keys(PERIOD_LABELS) as RecordPeriod[]).map((period) => {
    const { since, until } = periodDays(period, now);
    const inPeriod: TotalRow[] = rows
      .filter((row) => within(row, since, until))
      .map((row) => ({ type: row.type, status: row.status, n: row.messages }));
    const byChannel = Object.fromEntries(CHANNELS.map((type) => [type, figures(inPeriod, type)])) as Record<
      Channel,
      DashboardFigures
    >;
    return { period, label: PERIOD_LABELS[period], since, until, byChannel };
  });

  const settings = readRecordSettings(db);
  const thisYear = rows.filter((row) => within(row, year.since, year.until));
  const smsPartsThisYear = thisYear
    .filter((row) => row.type === 'sms')
    .reduce((sum, row) => sum + row.billable_units, 0);
  const letters = new Map<string, number>();
  for (const row of thisYear) {
    if (row.type === 'letter' && row.status !== 'cancelled')
      letters.set(row.postage, (letters.get(row.postage) ?? 0) + row.messages);
  }
  const lettersThisYear = [...letters.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([postage, count]) => ({ postage, count }));

  const week = periodDays('last-7-days', now);
  const templateUsage = db
    .prepare(
      `SELECT template_name AS templateName, type, SUM(messages) AS count FROM record_template_totals
       WHERE day >= ? AND day <= ? AND status <> 'cancelled' GROUP BY template_name, type ORDER BY count DESC, template_name LIMIT 20`,
    )
    .all(week.since, week.until) as RecordDashboard['templateUsage'];

  const batchesThisWeek = readBatchesSince(db, londonMidnight(week.since));
  const daily = dailyChart(rows, today);

  const utcMidnight = `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
  const sentToday = db
    .prepare(`SELECT type, COUNT(*) AS n FROM record_messages WHERE created_at >= ? GROUP BY type`)
    .all(utcMidnight) as { type: Channel; n: number }[];
  const dailyUsage = CHANNELS.map((channel) => ({
    channel,
    sent: sentToday.find((row) => row.type === channel)?.n ?? 0,
    limit: settings.dailyLimits[channel],
  }));

  const statusUnknown =
    (
      db.prepare('SELECT SUM(messages) AS n FROM record_daily_totals WHERE status = ?').get(STATUS_UNKNOWN) as {
        n: number | null;
      }
    ).n ?? 0;

  return {
    generatedAt: now.toISOString(),
    periods,
    dailyUsage,
    smsPartsThisYear,
    smsFreeAllowance: settings.smsFreeAllowance,
    smsFreeAllowanceLeft: Math.max(settings.smsFreeAllowance - smsPartsThisYear, 0),
    lettersThisYear,
    templateUsage,
    batchesThisWeek,
    daily,
    statusUnknown,
    lastHarvestAt: settings.lastHarvestAt,
  };
}

function readBatchesSince(db: Db, since: string): RecordDashboard['batchesThisWeek'] {
  const batches = db
    .prepare(
      `SELECT id, file_name, created_at, queued_count FROM batches WHERE status = 'ready' AND created_at >= ?
       ORDER BY created_at DESC LIMIT 20`,
    )
    .all(since) as { id: string; file_name: string; created_at: string; queued_count: number }[];
  const byStatus = db.prepare('SELECT status, COUNT(*) AS n FROM record_messages WHERE batch_id = ? GROUP BY status');
  return batches.map((batch) => {
    const progress = { delivered: 0, failed: 0, delivering: 0 };
    for (const row of byStatus.all(batch.id) as { status: string; n: number }[]) {
      const bucket = statusBucket(row.status);
      if (bucket) progress[bucket] += row.n;
    }
    return {
      batchId: batch.id,
      fileName: batch.file_name,
      createdAt: batch.created_at,
      total: batch.queued_count,
      ...progress,
    };
  });
}
