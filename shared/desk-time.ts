// Dates and times as the desk shows and takes them: UK time, written the GOV.UK way ("5 December 2026 at 9:00am"),
// whatever the locale or time zone of the browser or computer in front of the person.

import { LONDON_TIME_ZONE, londonFormatter } from './notify/london-formatter';
import { ENGLISH_MONTH_NAMES } from './month-names';

/** How far ahead a message or a batch may be scheduled: Notify's own limit for scheduled sends. */
export const MAX_IMPORT_SCHEDULE_DAYS = 7;

/** The desk's time zone: Notify's services are British, and so is every time the desk shows or takes. */
export const DESK_TIME_ZONE = LONDON_TIME_ZONE;
/** How the desk names its time zone to a person. */
export const DESK_TIME_ZONE_NAME = 'UK time';

const DAY_MS = 86_400_000;

const londonParts = londonFormatter({
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The calendar date and clock time in the UK at an instant. */
function ukWallClock(ms: number): WallClock & { second: number } {
  const parts = londonParts().formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour') % 24,
    minute: part('minute'),
    second: part('second'),
  };
}

/** How far UK time is ahead of UTC at an instant, in milliseconds (0 in winter, an hour in summer). */
function ukOffsetMs(ms: number): number {
  const wall = ukWallClock(ms);
  return (
    Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - Math.floor(ms / 1000) * 1000
  );
}

/** The instant a UK date and time stands for, or null when the clocks skip it (the hour they go forward). */
function fromUkWallClock(wall: WallClock): number | null {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  let instant = asUtc - ukOffsetMs(asUtc);
  instant = asUtc - ukOffsetMs(instant);
  const back = ukWallClock(instant);
  const same =
    back.year === wall.year &&
    back.month === wall.month &&
    back.day === wall.day &&
    back.hour === wall.hour &&
    back.minute === wall.minute;
  return same ? instant : null;
}

function clockTime(hour: number, minute: number): string {
  if (minute === 0 && hour === 0) return 'midnight';
  if (minute === 0 && hour === 12) return 'midday';
  return `${hour % 12 === 0 ? 12 : hour % 12}:${String(minute).padStart(2, '0')}${hour < 12 ? 'am' : 'pm'}`;
}

const toMs = (at: string | Date | number): number =>
  at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);

/** "5 December 2026", in UK time. */
export function formatDeskDate(at: string | Date | number): string {
  const wall = ukWallClock(toMs(at));
  return `${wall.day} ${ENGLISH_MONTH_NAMES[wall.month - 1] ?? ''} ${wall.year}`;
}

/** "9:00am", "2:30pm", "midday" or "midnight", in UK time. */
export function formatDeskTime(at: string | Date | number): string {
  const wall = ukWallClock(toMs(at));
  return clockTime(wall.hour, wall.minute);
}

/** "5 December 2026 at 9:00am", in UK time. */
export function formatDeskDateTime(at: string | Date | number): string {
  return `${formatDeskDate(at)} at ${formatDeskTime(at)}`;
}

export type DeskTimeParse =
  | {
      ok: true;
      /** The instant, as an ISO string in UTC. */
      iso: string;
      /** Whether the text named its own offset (…Z, +01:00); otherwise it was read as UK time. */
      offsetGiven: boolean;
    }
  | { ok: false; message: string };

/** What the desk says when a date and time cannot be read: the forms it takes. */
export const DESK_TIME_EXAMPLES = '5 December 2026 at 9:00am, 2026-12-05 09:00 or tomorrow 9am';
const notUnderstood = (text: string): DeskTimeParse => ({
  ok: false,
  message: `“${text}” is not a date and time the desk can read. Enter one like ${DESK_TIME_EXAMPLES} (${DESK_TIME_ZONE_NAME}).`,
});

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LOCAL = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+(?:at\s+)?)(.+))?$/i;
const UK_NUMERIC = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(?:at\s+)?(.+))?$/i;
const WRITTEN = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(.+))?$/i;
const RELATIVE = /^(today|tomorrow)(?:,?\s+(?:at\s+)?(.+))?$/i;
const TIME = /^(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?$/i;

/** Hours and minutes of a clock time such as 9am, 9:30am, 14:30, midday or midnight; null when it is not one. */
function readClockTime(text: string | undefined): { hour: number; minute: number } | null {
  const trimmed = (text ?? '').trim().toLowerCase();
  if (trimmed === 'midday' || trimmed === 'noon') return { hour: 12, minute: 0 };
  if (trimmed === 'midnight') return { hour: 0, minute: 0 };
  const match = TIME.exec(trimmed);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  const half = match[3]?.replace(/\./g, '');
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (match[2] === undefined || hour > 23) {
    return null;
  }
  return { hour, minute };
}

function monthNumber(name: string): number | null {
  const lower = name.toLowerCase();
  if (lower.length < 3) return null;
  const index = ENGLISH_MONTH_NAMES.findIndex(
    (month) => month.toLowerCase().startsWith(lower) || (lower === 'sept' && month === 'September'),
  );
  return index < 0 ? null : index + 1;
}

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Reads a date and time as a person types it, in UK time: "5 December 2026 at 9:00am", "2026-12-05 09:00",
 * "05/12/2026 09:00", "tomorrow 9am", "today at 14:30". An ISO time with its own offset (…Z, +01:00) is taken as
 * it is. The answer is an instant, or a sentence saying what the desk can read.
 */
export function parseDeskDateTime(text: string, now: Date = new Date()): DeskTimeParse {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '')
    return { ok: false, message: `Enter a date and time, for example ${DESK_TIME_EXAMPLES} (${DESK_TIME_ZONE_NAME}).` };
  if (ISO_WITH_OFFSET.test(trimmed)) {
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? notUnderstood(trimmed) : { ok: true, iso: new Date(ms).toISOString(), offsetGiven: true };
  }
  let date: { year: number; month: number; day: number } | null = null;
  let timeText: string | undefined;
  const relative = RELATIVE.exec(trimmed);
  const iso = ISO_LOCAL.exec(trimmed);
  const numeric = UK_NUMERIC.exec(trimmed);
  const written = WRITTEN.exec(trimmed);
  if (relative) {
    const today = ukWallClock(now.getTime());
    const day = new Date(
      Date.UTC(today.year, today.month - 1, today.day) + (relative[1]!.toLowerCase() === 'tomorrow' ? DAY_MS : 0),
    );
    date = { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() };
    timeText = relative[2];
  } else if (iso) {
    date = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
    timeText = iso[4];
  } else if (numeric) {
    date = { year: Number(numeric[3]), month: Number(numeric[2]), day: Number(numeric[1]) };
    timeText = numeric[4];
  } else if (written) {
    const month = monthNumber(written[2]!);
    if (month !== null) date = { year: Number(written[3]), month, day: Number(written[1]) };
    timeText = written[4];
  }
  if (!date || !validDate(date.year, date.month, date.day)) return notUnderstood(trimmed);
  if (timeText === undefined) {
    return {
      ok: false,
      message: `Add a time to ${trimmed}, for example ${trimmed} at 9:00am (${DESK_TIME_ZONE_NAME}).`,
    };
  }
  const time = readClockTime(timeText);
  if (!time) return notUnderstood(trimmed);
  const instant = fromUkWallClock({ ...date, ...time });
  if (instant === null) {
    return {
      ok: false,
      message: `${clockTime(time.hour, time.minute)} on ${date.day} ${ENGLISH_MONTH_NAMES[date.month - 1]} ${date.year} does not exist in ${DESK_TIME_ZONE_NAME}: the clocks go forward an hour then. Choose another time.`,
    };
  }
  return { ok: true, iso: new Date(instant).toISOString(), offsetGiven: false };
}

/** A time to send at, as a person types it: readable, in the future, and within the next 7 days. */
export function readSendTime(text: string, now: Date = new Date()): DeskTimeParse {
  const parsed = parseDeskDateTime(text, now);
  if (!parsed.ok) return parsed;
  const at = Date.parse(parsed.iso);
  if (at <= now.getTime()) {
    return {
      ok: false,
      message: `${formatDeskDateTime(at)} has already passed. Choose a time in the future, within the next ${MAX_IMPORT_SCHEDULE_DAYS} days.`,
    };
  }
  if (at > now.getTime() + MAX_IMPORT_SCHEDULE_DAYS * DAY_MS) {
    return {
      ok: false,
      message: `Choose a time within the next ${MAX_IMPORT_SCHEDULE_DAYS} days: ${formatDeskDateTime(at)} is too far ahead.`,
    };
  }
  return parsed;
}
