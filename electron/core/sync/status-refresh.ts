import { PRACTICE_RUN_PREFIX } from '../core-context';
import type { Db } from '../database/open-database';
import type { NotifyClient } from '../notify-client';
import { stateForNotifyStatus } from '../outbox/notify-status';
import {
  markStatusUnknown,
  recordNotifyStatuses,
  retentionPassedReason,
  type StatusUpdate,
} from '../outbox/transitions';

export interface StatusRefreshOptions {
  /** The service asked (ActiveService.id): only messages it accepted (or accepted before the desk recorded which) are its to report. */
  serviceId: string;
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
  sent_through: string | null;
}

export const PRACTICE_STATUS_LOST =
  'Sent in practice mode, whose statuses last only as long as the desk that sent it keeps running in practice mode: its final status can never be known. Nothing was really sent.';

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
 * longer lists become `status-unknown`, and so do messages a practice run that has stopped accepted (it took their
 * statuses with it). Messages another service accepted are not asked about; past the retention they are unknown too.
 */
export async function refreshStatuses(
  db: Db,
  client: NotifyClient,
  options: StatusRefreshOptions,
): Promise<StatusRefreshReport> {
  const report: StatusRefreshReport = { requests: 0, changedIds: [], unknownIds: [] };
  const nowMs = (options.now ?? new Date()).getTime();
  const accepted = db
    .prepare(
      `SELECT id, notify_id, notify_status, accepted_at, status_checked_at, sent_through FROM outbox_messages
       WHERE state = 'accepted' AND notify_id IS NOT NULL`,
    )
    .all() as TrackedRow[];
  const acceptedMs = (row: TrackedRow): number => Date.parse(row.accepted_at ?? '') || nowMs;
  const expiredBeforeMs = nowMs - options.retentionDays * DAY_MS;
  const tracked = accepted.filter((row) => row.sent_through === null || row.sent_through === options.serviceId);
  const elsewhere = accepted.filter((row) => row.sent_through !== null && row.sent_through !== options.serviceId);
  const lostWithPracticeRun = elsewhere
    .filter((row) => row.sent_through?.startsWith(PRACTICE_RUN_PREFIX))
    .map((row) => row.id);
  const pastRetentionElsewhere = elsewhere
    .filter((row) => !row.sent_through?.startsWith(PRACTICE_RUN_PREFIX) && acceptedMs(row) < expiredBeforeMs)
    .map((row) => row.id);
  report.unknownIds = [
    ...markStatusUnknown(db, lostWithPracticeRun, PRACTICE_STATUS_LOST, new Date(nowMs)),
    ...markStatusUnknown(db, pastRetentionElsewhere, retentionPassedReason(options.retentionDays), new Date(nowMs)),
  ];
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
        updates.push({
          id: row.id,
          notifyStatus: notification.status,
          state: stateForNotifyStatus(notification.status),
        });
      }
    }
    const last = page.notifications.at(-1);
    if (!last || !page.links?.next || dueNotifyIds.size === 0) break;
    if (Date.parse(last.created_at) < stopBeforeMs) break;
    olderThan = last.id;
    await new Promise((resolve) => setImmediate(resolve));
  }

  const notListed = due.filter((row) => dueNotifyIds.has(row.notify_id));
  const expired = notListed.filter((row) => acceptedMs(row) < expiredBeforeMs).map((row) => row.id);
  const stillWaiting = notListed.filter((row) => acceptedMs(row) >= expiredBeforeMs).map((row) => row.id);
  report.changedIds = recordNotifyStatuses(db, updates, [...seenIds, ...stillWaiting], new Date(nowMs));
  report.unknownIds.push(
    ...markStatusUnknown(db, expired, retentionPassedReason(options.retentionDays), new Date(nowMs)),
  );
  return report;
}
