import { formatDeskDateTime, formatDeskTime } from '../../../shared/desk-time';

/** "5 December 2026 at 9:00am", in UK time whatever the browser's locale or zone. */
export function formatDateTime(iso: string): string {
  return formatDeskDateTime(iso);
}

/** "9:00am", in UK time. */
export function formatTime(iso: string): string {
  return formatDeskTime(iso);
}
