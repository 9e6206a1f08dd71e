import type { Delimiter } from './delimiter';

export type CsvSyntaxProblem = 'quote-not-closed' | 'record-too-large';

export class CsvSyntaxError extends Error {
  constructor(
    readonly problem: CsvSyntaxProblem,
    /** The record (counting from 1, header included) where the problem starts. */
    readonly recordNumber: number,
  ) {
    super(
      problem === 'quote-not-closed'
        ? `a quotation mark opens a cell in record ${recordNumber} and is never closed`
        : `record ${recordNumber} is too large`,
    );
  }
}

const QUOTE = 0x22;
const CARRIAGE_RETURN = 0x0d;
const LINE_FEED = 0x0a;
const NUL = 0x00;

/** White space left out at the start of an unquoted cell: what Excel shows as nothing before the value. */
function isTrimmedAtCellStart(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Reads CSV text given in pieces, as csv-parse reads it with `relax_quotes`, `relax_column_count` and `ltrim` (the
 * parser this replaces, and the oracle its tests compare with):
 * - a cell is quoted only when its first character, after leading white space, is `"`; inside, `""` is one quote,
 *   and the closing quote must be followed by the delimiter, a line break, a NUL or the end of the text, or else it
 *   does not close: the cell then keeps both quotes and what follows, as written;
 * - a quote anywhere else in an unquoted cell is kept as written;
 * - the line break is the first one found outside quotes (`\r\n`, `\n` or `\r`), and only that one ends records;
 * - a last record that is empty is not a record; an empty line elsewhere is a record of one empty cell.
 * Each cell is one slice of the text where possible, and each character is looked at once.
 */
export class CsvRecordParser {
  private readonly delimiterCode: number;
  private carried = '';
  private record: string[] = [];
  private field = '';
  private quoting = false;
  private wasQuoting = false;
  private recordDelimiter = '';
  private recordCharacters = 0;
  private recordsEnded = 0;

  constructor(
    delimiter: Delimiter,
    private readonly maxRecordCharacters: number,
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** The records this text completes; the rest waits for more text, or for `end`. */
  push(text: string): string[][] {
    return this.parse(this.carried === '' ? text : this.carried + text, false);
  }

  /** The last record, if the text did not end with a line break; throws if a quoted cell was never closed. */
  end(): string[][] {
    const records = this.parse(this.carried, true);
    if (this.quoting) throw new CsvSyntaxError('quote-not-closed', this.recordsEnded + 1);
    if (this.wasQuoting || this.record.length > 0 || this.field !== '') records.push(this.endRecord(this.field));
    return records;
  }

  private parse(text: string, final: boolean): string[][] {
    const records: string[][] = [];
    const { delimiterCode } = this;
    // A quote or a carriage return needs the next two characters to be decided; they wait for the next piece.
    const limit = final ? text.length : text.length - 2;
    let pos = 0;
    let runStart = 0;
    while (pos < limit) {
      const code = text.charCodeAt(pos);
      if (this.quoting) {
        if (code !== QUOTE) {
          pos += 1;
          continue;
        }
        const next = text.charCodeAt(pos + 1);
        if (next === QUOTE) {
          this.field += text.slice(runStart, pos + 1);
          pos += 2;
        } else if (
          pos + 1 >= text.length ||
          next === NUL ||
          next === delimiterCode ||
          this.recordDelimiterAt(text, pos + 1) > 0
        ) {
          this.field += text.slice(runStart, pos);
          this.quoting = false;
          this.wasQuoting = true;
          pos += 1;
        } else {
          this.field = `"${this.field}${text.slice(runStart, pos + 1)}`;
          this.quoting = false;
          this.wasQuoting = true;
          pos += 1;
        }
        runStart = pos;
        continue;
      }
      if (code === QUOTE) {
        if (runStart === pos && this.field === '') {
          this.quoting = true;
          runStart = pos + 1;
        }
        pos += 1;
        continue;
      }
      if (code === delimiterCode) {
        this.endField(this.field + text.slice(runStart, pos));
        pos += 1;
        runStart = pos;
        continue;
      }
      if (code === LINE_FEED || code === CARRIAGE_RETURN) {
        const lineBreak = this.recordDelimiterAt(text, pos);
        if (lineBreak > 0) {
          records.push(this.endRecord(this.field + text.slice(runStart, pos)));
          pos += lineBreak;
          runStart = pos;
          continue;
        }
      }
      if (runStart === pos && this.field === '' && isTrimmedAtCellStart(code)) runStart = pos + 1;
      pos += 1;
    }
    this.field += text.slice(runStart, pos);
    this.carried = text.slice(pos);
    if (this.recordCharacters + this.field.length > this.maxRecordCharacters) {
      throw new CsvSyntaxError('record-too-large', this.recordsEnded + 1);
    }
    return records;
  }

  /** The length of the line break at `pos`; the first one found outside quotes decides which one is used. */
  private recordDelimiterAt(text: string, pos: number): number {
    if (this.recordDelimiter === '') {
      const code = text.charCodeAt(pos);
      if (code === CARRIAGE_RETURN) this.recordDelimiter = text.charCodeAt(pos + 1) === LINE_FEED ? '\r\n' : '\r';
      else if (code === LINE_FEED) this.recordDelimiter = '\n';
      else return 0;
      return this.recordDelimiter.length;
    }
    return text.startsWith(this.recordDelimiter, pos) ? this.recordDelimiter.length : 0;
  }

  private endField(field: string): void {
    this.record.push(field);
    this.recordCharacters += field.length;
    if (this.recordCharacters > this.maxRecordCharacters)
      throw new CsvSyntaxError('record-too-large', this.recordsEnded + 1);
    this.field = '';
    this.wasQuoting = false;
  }

  private endRecord(lastField: string): string[] {
    this.endField(lastField);
    const record = this.record;
    this.record = [];
    this.recordCharacters = 0;
    this.recordsEnded += 1;
    return record;
  }
}
