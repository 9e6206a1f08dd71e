// Notify's screens and downloads give times in UK time (Europe/London), whatever the computer's own zone: the inbox
// download's Received column is `YYYY-MM-DD HH:MM` there (notifications-admin format_datetime_numeric).

import { londonOffsetMinutes } from './london-time';

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function londonWallClock(utcMs: number): WallClock {
  const wall = new Date(utcMs + londonOffsetMinutes(utcMs) * 60_000);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}

/** `YYYY-MM-DD HH:MM` in UK time, as Notify's inbox download writes a text's time; '' for a time that cannot be read. */
export function formatUkDateTimeNumeric(iso: string): string {
  const utcMs = Date.parse(iso);
  if (Number.isNaN(utcMs)) return '';
  const wall = new Date(utcMs + londonOffsetMinutes(utcMs) * 60_000).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 16)}`;
}

/** `YYYY-MM-DD`, the UK date of an instant. */
export function formatUkDateNumeric(iso: string): string {
  return formatUkDateTimeNumeric(iso).slice(0, 10);
}

/** A time of day as `HH:MM` (24-hour), or null when it is not one. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}

/** The UTC instant of a UK wall-clock time (a time skipped when the clocks go forward lands an hour later). */
function ukWallClockToUtc(year: number, month: number, day: number, hour: number, minute: number): number {
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute);
  const guess = asIfUtc - londonOffsetMinutes(asIfUtc) * 60_000;
  return asIfUtc - londonOffsetMinutes(guess) * 60_000;
}

/** The next time the UK clock shows `HH:MM` after `now`: today's, or tomorrow's once today's has passed. */
export function nextUkTimeOfDay(timeOfDay: string, now: Date = new Date()): Date {
  const time = parseTimeOfDay(timeOfDay);
  if (!time) throw new Error(`Not a time of day: ${timeOfDay}`);
  const today = londonWallClock(now.getTime());
  for (let daysAhead = 0; daysAhead < 3; daysAhead += 1) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + daysAhead));
    const at = ukWallClockToUtc(
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      time.hour,
      time.minute,
    );
    if (at > now.getTime()) return new Date(at);
  }
  throw new Error('unreachable: a time of day recurs within two days');
}
