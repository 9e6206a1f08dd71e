import type { StoredNotification } from './notification';
import type { ApiStatus, InternalStatus } from './types';

/** The status now, from the notification's own timestamps (so nothing ever has to be updated). */
export function internalStatusAt(notification: StoredNotification, nowMs: number): InternalStatus {
  if (nowMs >= notification.completedAtMs) return notification.finalStatus;
  if (nowMs >= notification.sendingAtMs) return 'sending';
  return notification.precompiled ? 'pending-virus-check' : 'created';
}

/** Letters are shown as accepted (created, sending) and received (delivered, returned-letter). */
export function apiStatusOf(notification: StoredNotification, status: InternalStatus): ApiStatus {
  if (notification.type !== 'letter') return status;
  if (status === 'created' || status === 'sending') return 'accepted';
  if (status === 'delivered' || status === 'returned-letter') return 'received';
  return status;
}

const FINAL_STATUSES: ReadonlySet<InternalStatus> = new Set([
  'sent',
  'delivered',
  'failed',
  'technical-failure',
  'temporary-failure',
  'permanent-failure',
  'returned-letter',
  'cancelled',
  'validation-failed',
  'virus-scan-failed',
]);

export const isFinalStatus = (status: InternalStatus): boolean => FINAL_STATUSES.has(status);

/** What the list endpoint's `status` filter values match (notify-api.md §4.6, §7). */
export function expandStatusFilter(values: readonly string[]): Set<InternalStatus> {
  const expanded = new Set<InternalStatus>();
  for (const value of values) {
    if (value === 'failed') {
      for (const failure of [
        'failed',
        'technical-failure',
        'temporary-failure',
        'permanent-failure',
        'validation-failed',
        'virus-scan-failed',
        'returned-letter',
      ] as const) {
        expanded.add(failure);
      }
    } else if (value === 'accepted') {
      expanded.add('created');
      expanded.add('sending');
    } else if (value === 'received') {
      expanded.add('delivered');
    } else {
      expanded.add(value as InternalStatus);
    }
  }
  return expanded;
}
