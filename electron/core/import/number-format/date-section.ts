import type { FormatSection, FormatToken } from './format-code';
import { splitSections } from './format-code';
import { ENGLISH_MONTH_NAMES } from '../../../../shared/month-names';

type DateToken = Extract<FormatToken, { kind: 'date' }>;

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** 31 December 9999, the last day Excel shows; later serials (and negative ones) show as ####. */
const LAST_SERIAL = 2_958_466;

/** Windows' own long date and time for the United Kingdom, which [$-F800] and [$-F400] stand for. */
const SYSTEM_FORMATS = {
  'long-date': splitSections('dd mmmm yyyy')[0],
  time: splitSections('hh:mm:ss')[0],
};

const resolved = new WeakMap<FormatSection, DateToken[]>();

/**
 * A serial date and time in a section of date parts, or undefined when Excel would show #### (negative, or after
 * 9999). Day 60 of the 1900 system is 29 February 1900, as in Excel (and Lotus before it).
 */
export function formatDateSection(section: FormatSection, serial: number, date1904: boolean): string | undefined {
  if (!(serial >= 0 && serial < LAST_SERIAL)) return undefined;
  const source = section.systemFormat ? (SYSTEM_FORMATS[section.systemFormat] ?? section) : section;
  let tokens = resolved.get(source);
  if (!tokens) {
    tokens = resolveMinutes(source.tokens);
    resolved.set(source, tokens);
  }
  // Rounded to what the format shows of a second (to whole seconds unless it shows tenths to thousandths).
  const subsecondDigits = Math.min(
    3,
    Math.max(0, ...tokens.map((token) => (token.code.startsWith('.') ? token.code.length - 1 : 0))),
  );
  const perSecond = 10 ** subsecondDigits;
  const ticks = Math.round(serial * 86_400 * perSecond);
  const day = Math.floor(ticks / (86_400 * perSecond));
  const secondsOfDay = Math.floor((ticks - day * 86_400 * perSecond) / perSecond);
  const subsecond = ticks - (day * 86_400 + secondsOfDay) * perSecond;
  const { year, month, dayOfMonth } = calendarDate(day, date1904);
  const weekday = (day + (date1904 ? 5 : 6)) % 7;
  const hours = Math.floor(secondsOfDay / 3600);
  const minutes = Math.floor(secondsOfDay / 60) % 60;
  const seconds = secondsOfDay % 60;
  const twelveHour = tokens.some((token) => token.code === 'am/pm' || token.code === 'a/p');
  const totalSeconds = day * 86_400 + secondsOfDay;
  const two = (number: number): string => String(number).padStart(2, '0');
  let out = '';
  for (const token of source.tokens) {
    if (token.kind !== 'date') {
      out += literalText(token);
      continue;
    }
    const code = (tokens[source.tokens.indexOf(token)] ?? token).code;
    switch (code) {
      case 'yy':
        out += two(year % 100);
        break;
      case 'yyyy':
        out += String(year).padStart(4, '0');
        break;
      case 'month':
        out += String(month);
        break;
      case 'mmonth':
        out += two(month);
        break;
      case 'mmm':
        out += (ENGLISH_MONTH_NAMES[month - 1] ?? '').slice(0, 3);
        break;
      case 'mmmmm':
        out += (ENGLISH_MONTH_NAMES[month - 1] ?? '').charAt(0);
        break;
      case 'minute':
        out += String(minutes);
        break;
      case 'mminute':
        out += two(minutes);
        break;
      case 'd':
        out += String(dayOfMonth);
        break;
      case 'dd':
        out += two(dayOfMonth);
        break;
      case 'ddd':
        out += (DAYS[weekday] ?? '').slice(0, 3);
        break;
      case 'h':
        out += String(twelveHour ? ((hours + 11) % 12) + 1 : hours);
        break;
      case 'hh':
        out += two(twelveHour ? ((hours + 11) % 12) + 1 : hours);
        break;
      case 's':
        out += String(seconds);
        break;
      case 'ss':
        out += two(seconds);
        break;
      case 'am/pm':
        out += amPm(token.written, hours, 2);
        break;
      case 'a/p':
        out += amPm(token.written, hours, 1);
        break;
      default:
        out += longerCode(code, { month, weekday, totalSeconds, subsecond, subsecondDigits });
    }
  }
  return out;
}

function longerCode(
  code: string,
  at: { month: number; weekday: number; totalSeconds: number; subsecond: number; subsecondDigits: number },
): string {
  if (code === 'mmmm') return ENGLISH_MONTH_NAMES[at.month - 1] ?? '';
  if (code === 'dddd') return DAYS[at.weekday] ?? '';
  if (code.startsWith('[h')) return String(Math.floor(at.totalSeconds / 3600)).padStart(code.length - 2, '0');
  if (code.startsWith('[m')) return String(Math.floor(at.totalSeconds / 60)).padStart(code.length - 2, '0');
  if (code.startsWith('[s')) return String(at.totalSeconds).padStart(code.length - 2, '0');
  if (code.startsWith('.'))
    return `.${String(at.subsecond)
      .padStart(at.subsecondDigits, '0')
      .slice(0, code.length - 1)
      .padEnd(code.length - 1, '0')}`;
  return '';
}

/** What a token that is not a date part writes in a date: its own character (/ . , % 0), or its text. */
function literalText(token: FormatToken): string {
  switch (token.kind) {
    case 'literal':
      return token.text;
    case 'slash':
      return '/';
    case 'point':
      return '.';
    case 'comma':
      return ',';
    case 'percent':
      return '%';
    case 'digit':
      return token.placeholder;
    default:
      return '';
  }
}

function amPm(written: string, hours: number, length: number): string {
  const word = hours < 12 ? 'AM' : 'PM';
  const text = written.charAt(0) === written.charAt(0).toLowerCase() ? word.toLowerCase() : word;
  return text.slice(0, length);
}

/**
 * Each m or mm is a month unless it follows an hour or precedes a second (skipping literal text), as Excel decides;
 * months are coded month/mmonth and minutes minute/mminute, so the writer need not decide again.
 */
function resolveMinutes(tokens: FormatToken[]): DateToken[] {
  const dates = tokens.map((token) =>
    token.kind === 'date' ? token : { kind: 'date' as const, code: '', written: '' },
  );
  const dateIndexes = dates.flatMap((token, index) => (token.code ? [index] : []));
  return dates.map((token, index) => {
    if (token.code !== 'm' && token.code !== 'mm') return token;
    const position = dateIndexes.indexOf(index);
    const before = dates[dateIndexes[position - 1] ?? -1]?.code ?? '';
    const after = dates[dateIndexes[position + 1] ?? -1]?.code ?? '';
    const minute = before.startsWith('h') || before.startsWith('[h') || after.startsWith('s') || after.startsWith('[s');
    return { ...token, code: `${token.code === 'mm' ? 'm' : ''}${minute ? 'minute' : 'month'}` };
  });
}

/**
 * The serial date of a moment (as UTC milliseconds) in the workbook's date system; before 1 March 1900, Excel's
 * serials are one less than the days since 30 December 1899 (they count its 29 February 1900).
 */
export function serialDate(utcMilliseconds: number, date1904: boolean): number {
  const days = utcMilliseconds / 86_400_000 + 25_569;
  return date1904 ? days - 1462 : days >= 1 && days < 61 ? days - 1 : days;
}

/** The calendar date of a day number in the workbook's date system. */
function calendarDate(day: number, date1904: boolean): { year: number; month: number; dayOfMonth: number } {
  if (!date1904) {
    if (day === 0) return { year: 1900, month: 1, dayOfMonth: 0 };
    if (day === 60) return { year: 1900, month: 2, dayOfMonth: 29 };
  }
  const offset = date1904 ? Date.UTC(1904, 0, 1) : day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(offset + day * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, dayOfMonth: date.getUTCDate() };
}
