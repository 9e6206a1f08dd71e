import { serialDate } from './number-format/date-section';
import { numberFormat } from './number-format/number-format';
import type { CellFormat } from './xlsx-styles';

/**
 * A number cell's text as the spreadsheet shows it, its number format applied. In General, a plain integer of up to
 * 15 digits is already its own text, which saves parsing the commonest cell.
 */
export function numberCellText(raw: string, format: CellFormat, date1904: boolean): string {
  if (format.isGeneral && isPlainInteger(raw)) return raw;
  const value = Number(raw.trim());
  // A value that is not a number shows as nothing.
  if (raw.trim() === '' || Number.isNaN(value)) return '';
  return format.formatNumber(value, date1904);
}

function isPlainInteger(raw: string): boolean {
  const start = raw.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const digits = raw.length - start;
  if (digits < 1 || digits > 15) return false;
  const first = raw.charCodeAt(start);
  if (first < 49 || first > 57) return raw === '0';
  for (let index = start + 1; index < raw.length; index += 1) {
    const code = raw.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

const DATE_ONLY = 'dd/mm/yyyy';
const DATE_AND_TIME = 'dd/mm/yyyy hh:mm:ss';
const TIME_ONLY = 'hh:mm:ss';

/**
 * A t="d" cell holds an ISO 8601 date, date-time or time. It is shown in the cell's format as the serial date it
 * stands for; in General, as a date, a date and time, or a time.
 */
export function isoDateText(iso: string, format: CellFormat, date1904: boolean): string {
  const dateTime =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  const time = dateTime ? null : /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(iso);
  if (!dateTime && !time) return iso;
  const [year, month, day, hours, minutes, seconds, fraction] = dateTime
    ? dateTime.slice(1).map((part) => part ?? '0')
    : ['1899', '12', '30', ...(time?.slice(1) ?? []).map((part) => part ?? '0')];
  const milliseconds = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hours),
    Number(minutes),
    Number(seconds),
    Math.round(Number(`0.${fraction}`) * 1000),
  );
  if (Number.isNaN(milliseconds)) return iso;
  // A time alone is a fraction of a day, in either date system.
  const serial = time ? milliseconds / 86_400_000 + 25_569 : serialDate(milliseconds, date1904);
  if (!format.isGeneral) return format.formatNumber(serial, date1904);
  const code = time ? TIME_ONLY : Number.isInteger(serial) ? DATE_ONLY : DATE_AND_TIME;
  return numberFormat(code).formatNumber(serial, date1904);
}
