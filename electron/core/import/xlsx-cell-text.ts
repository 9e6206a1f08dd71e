/**
 * The text Notify gets from a workbook cell. Notify reads workbooks with openpyxl and writes each value with
 * Python's str(); the desk does the same except for Excel's damage to phone numbers: a whole number is written
 * with all its digits (447700900123, not 4.47700900123E+11 or 447700900123.0), which Notify then reads as a
 * number missing its + or its leading 0.
 */
export function cellText(value: unknown, numberFormat: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return isDateFormat(numberFormat) ? serialDateText(value, date1904) : numberText(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('result' in record || 'formula' in record || 'sharedFormula' in record) {
      return cellText(record.result, numberFormat, date1904);
    }
    if (Array.isArray(record.richText)) {
      return record.richText.map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : '')).join('');
    }
    if ('error' in record) return String(record.error);
    if ('text' in record) return cellText(record.text, undefined, date1904);
  }
  return String(value);
}

export function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(value);
}

function serialDateText(serial: number, date1904: boolean): string {
  const milliseconds = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  return serial >= 0 && serial < 1 ? timeText(new Date(milliseconds)) : dateText(new Date(milliseconds));
}

/** Python's str(datetime): 2024-03-01 00:00:00 (microseconds only when there are any). */
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const pad = (number: number, width = 2): string => String(number).padStart(width, '0');
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return `${day} ${timeText(date)}`;
}

function timeText(date: Date): string {
  const pad = (number: number, width = 2): string => String(number).padStart(width, '0');
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const milliseconds = date.getUTCMilliseconds();
  return milliseconds === 0 ? time : `${time}.${pad(milliseconds * 1000, 6)}`;
}

/** Excel's test for a date format: y, m, d, h, s or b outside quoted text and [colour]/[condition] blocks. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhsb]/i.test(bare);
}
