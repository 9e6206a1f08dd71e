// Notify's data files read as notifications-utils reads them (_load_data): JSON with its key order, text files
// as a list of stripped lines.
import { pythonStrip } from '../../shared/notify/formatters';

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/** JSON.parse, refusing objects whose key order JavaScript would change (keys that look like array indexes). */
export function parseJsonKeepingOrder(text: string, fileName: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const numericKey = Object.keys(value).find((name) => ARRAY_INDEX.test(name));
      if (numericKey !== undefined) {
        throw new Error(`${fileName}: the key "${numericKey}" would lose its place in the file's order`);
      }
    }
    return value;
  });
}

/** Python's `[line.strip() for line in open(file).readlines()]`. */
export function pythonLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map(pythonStrip);
}
