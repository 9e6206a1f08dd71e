import { cellText, numberText } from './xlsx-cell-text';
import type { CellFormat } from './xlsx-styles';

/**
 * A number cell's text. Without a date format, a plain integer of up to 15 digits is already its own text (as
 * numberText would write it), which saves parsing the commonest cell.
 */
export function numberCellText(raw: string, format: CellFormat, isFormulaResult: boolean, date1904: boolean): string {
  if (!format.writtenAsDate && isPlainInteger(raw)) return raw;
  const value = parseFloat(raw);
  // exceljs wrote NaN for a value that is not a number; an empty cell is what it holds.
  if (Number.isNaN(value)) return '';
  if (format.readAsDate && !isFormulaResult) {
    return cellText(new Date(Math.round((value - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)), undefined, date1904);
  }
  return format.writtenAsDate ? cellText(value, format.code, date1904) : numberText(value);
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

/** A t="d" cell holds an ISO 8601 date, date-time or time; written as Python's str() of it, as openpyxl reads it. */
export function isoDateText(iso: string): string {
  const dateTime = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (dateTime) {
    const [, year, month, day, hours, minutes, seconds, fraction] = dateTime.map((part) => part ?? '0');
    const milliseconds = Math.round(Number(`0.${fraction}`) * 1000);
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes), Number(seconds), milliseconds));
    return cellText(date, undefined, false);
  }
  const time = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(iso);
  if (time) {
    const [, hours, minutes, seconds, fraction] = time.map((part) => part ?? '0');
    const dayFraction = (Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) + Number(`0.${fraction}`)) / 86_400;
    return cellText(dayFraction, 'h:mm:ss', false);
  }
  return iso;
}
