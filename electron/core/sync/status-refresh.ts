import type { Db } from '../database/open-database';
import type { NotifyClient } from '../notify-client';
import { stateForNotifyStatus } from '../outbox/notify-status';
import { markStatusUnknown, recordNotifyStatuses, type StatusUpdate } from '../outbox/transitions';

export interface StatusRefreshOptions {
  /** Check every accepted message now, whatever its age. */
  force?: boolean;
  minPollMs: number;
  maxPollMs: number;
  retentionDays: number;
  now?: Date;
}

export interface StatusRefreshReport {
  requests: number;
  changedIds: string[];
  unknownIds: string[];
}

interface TrackedRow {
  id: string;
  notify_id: string;
  notify_status: string | null;
  accepted_at: string | null;
  status_checked_at: string | null;
}

/** Notify's created_at can differ from the desk's clock by up to 30 s (the JWT's window) plus the request's time. */
const CLOCK_SLACK_MS = 120_000;
const DAY_MS = 86_400_000;

/** How often a message is checked: a tenth of its age, within bounds, so fresh messages are followed closely and old ones rarely. */
export function pollIntervalMs(ageMs: number, minPollMs: number, maxPollMs: number): number {
  return Math.min(Math.max(ageMs / 10, minPollMs), maxPollMs);
}

/**
 * Brings accepted messages' statuses up to date with the list endpoint: pages of 250, newest first, following
 * `older_than` only as far back as the oldest message due a check. Messages past Notify's retention that it no
 * longer lists become `status-unknown`.
 */
export async function refreshStatuses(db: Db, client: NotifyClient, options: StatusRefreshOptions): Promise<StatusRefreshReport> {
  const report: StatusRefreshReport = { requests: 0, changedIds: [], unknownIds: [] };
  const nowMs = (options.now ?? new Date()).getTime();
  const tracked = db
    .prepare(
      `SELECT id, notify_id, notify_status, accepted_at, status_checked_at FROM outbox_messages
       WHERE state = 'accepted' AND notify_id IS NOT NULL`,
    )
    .all() as TrackedRow[];
  const acceptedMs = (row: TrackedRow): number => Date.parse(row.accepted_at ?? '') || nowMs;
  const due = tracked.filter((row) => {
    if (options.force || !row.status_checked_at) return true;
    const interval = pollIntervalMs(nowMs - acceptedMs(row), options.minPollMs, options.maxPollMs);
    return nowMs - Date.parse(row.status_checked_at) >= interval;
  });
  if (due.length === 0) return report;

  const trackedByNotifyId = new Map(tracked.map((row) => [row.notify_id, row]));
  const dueNotifyIds = new Set(due.map((row) => row.notify_id));
  const stopBeforeMs = due.reduce((oldest, row) => Math.min(oldest, acceptedMs(row)), nowMs) - CLOCK_SLACK_MS;
  const updates: StatusUpdate[] = [];
  const seenIds: string[] = [];
  let olderThan: string | undefined;
  for (;;) {
    const page = await client.listNotifications(olderThan ? { olderThan } : {});
    report.requests += 1;
    for (const notification of page.notifications) {
      const row = trackedByNotifyId.get(notification.id);
      if (!row) continue;
      seenIds.push(row.id);
      dueNotifyIds.delete(notification.id);
      if (notification.status !== row.notify_status) {
        updates.push({ id: row.id, notifyStatus: notification.status, state: stateForNotifyStatus(notification.status) });
      }
    }
    const last = page.notifications.at(-1);
    if (!last || !page.links?.next || dueNotifyIds.size === 0) break;
    if (Date.parse(last.created_at) < stopBeforeMs) break;
    olderThan = last.id;
    await new Promise((resolve) => setImmediate(resolve));
  }

  const expiredBeforeMs = nowMs - options.retentionDays * DAY_MS;
  const notListed = due.filter((row) => dueNotifyIds.has(row.notify_id));
  const expired = notListed.filter((row) => acceptedMs(row) < expiredBeforeMs).map((row) => row.id);
  const stillWaiting = notListed.filter((row) => acceptedMs(row) >= expiredBeforeMs).map((row) => row.id);
  report.changedIds = recordNotifyStatuses(db, updates, [...seenIds, ...stillWaiting], new Date(nowMs));
  report.unknownIds = markStatusUnknown(db, expired, options.retentionDays, new Date(nowMs));
  return report;
}
