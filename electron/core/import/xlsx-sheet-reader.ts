import type { SheetRow } from './sheet-row';
import { GENERAL_FORMAT, type CellFormat } from './xlsx-styles';
import { isoDateText, numberCellText } from './xlsx-value-text';
import type { WorkbookCellContext } from './xlsx-workbook-context';
import { decodeXmlText, joinCarried, MalformedXmlError, nameIs, newXmlTag, readTag, type XmlTag } from './xlsx-xml';

export interface SheetReadOptions {
  /** Rows and columns (1-based) whose cells are not wanted: they are scanned past without being turned into text. */
  skipRows?: ReadonlySet<number>;
  skipColumns?: ReadonlySet<number>;
}

/**
 * The rows of a sheet's XML arriving in chunks of text cut anywhere, never holding more of it than one chunk. Each
 * row's cells are sparse: a cell with no value is a hole, and so is a skipped column. Rows and cells without an r
 * attribute follow the one before.
 */
export async function* sheetRowsFromText(
  chunks: AsyncIterable<string> | Iterable<string>,
  context: WorkbookCellContext,
  options: SheetReadOptions = {},
): AsyncGenerator<SheetRow[]> {
  const scanner = new SheetScanner(context, options);
  let carry = '';
  for await (const chunk of chunks) {
    carry = scanner.scan(joinCarried(carry, chunk));
    if (scanner.rows.length > 0) yield scanner.takeRows();
    if (scanner.finished) return;
  }
  if (scanner.inSheetData) throw new MalformedXmlError('the sheet ends inside its rows');
}

const NUMBER = 0;
const SHARED_STRING = 1;
const FORMULA_STRING = 2;
const INLINE_STRING = 3;
const BOOLEAN = 4;
const ERROR = 5;
const ISO_DATE = 6;

class SheetScanner {
  rows: SheetRow[] = [];
  inSheetData = false;
  finished = false;
  private readonly tag: XmlTag = newXmlTag();
  private readonly skipRows: ReadonlySet<number>;
  private readonly skipColumns: ReadonlySet<number>;

  private row: SheetRow | null = null;
  private rowSkipped = false;
  private previousRowNumber = 0;
  private previousColumn = 0;

  private inCell = false;
  private cellSkipped = false;
  private column = 0;
  private cellType = NUMBER;
  private cellFormat: CellFormat = GENERAL_FORMAT;
  private hasFormula = false;
  private hasValue = false;
  private hasInlineString = false;
  private inInlineString = false;
  private phoneticDepth = 0;
  /** The value's text so far; a shared string's index is read straight from the chunk when it can be. */
  private valueText = '';
  private sharedIndex = -1;
  /** Where the open <v> or inline <t> text starts in the current chunk, or -1 outside one. */
  private textStart = -1;

  constructor(
    private readonly context: WorkbookCellContext,
    options: SheetReadOptions,
  ) {
    this.skipRows = options.skipRows ?? new Set();
    this.skipColumns = options.skipColumns ?? new Set();
  }

  takeRows(): SheetRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  /** Scans what it can of text and returns the unfinished tag at its end, if any, to go before the next chunk. */
  scan(text: string): string {
    const tag = this.tag;
    let position = 0;
    for (;;) {
      const tagStart = text.indexOf('<', position);
      if (tagStart < 0) break;
      if (!readTag(text, tagStart, tag)) return this.carryFrom(text, tagStart);
      position = tag.end;
      if (tag.other) continue;
      const { localNameStart: start, nameEnd: end } = tag;
      switch (end - start) {
        case 1:
          if (text.charCodeAt(start) === 99 /* c */ && this.row && !tag.closing && !tag.selfClosing) {
            this.startCell(text);
            position = this.readPlainCellValue(text, tag.end);
          } else {
            this.oneLetterElement(text, tagStart, text.charCodeAt(start));
          }
          break;
        case 2:
          if (this.inCell && text.startsWith('is', start)) {
            this.inInlineString = !tag.closing && !tag.selfClosing;
            if (!tag.closing) this.hasInlineString = true;
          }
          break;
        case 3:
          if (text.startsWith('row', start)) this.rowElement(text);
          else if (this.inInlineString && text.startsWith('rPh', start) && !tag.selfClosing)
            this.phoneticDepth += tag.closing ? -1 : 1;
          break;
        case 9:
          if (text.startsWith('sheetData', start)) {
            this.inSheetData = !tag.closing && !tag.selfClosing;
            if (!this.inSheetData) {
              this.finished = true;
              return '';
            }
          }
          break;
        default:
          break;
      }
    }
    return this.carryFrom(text, text.length);
  }

  private carryFrom(text: string, from: number): string {
    if (this.textStart >= 0) {
      this.valueText += text.slice(this.textStart, from);
      this.textStart = 0;
    }
    return text.slice(from);
  }

  /**
   * Most cells are <c …><v>text</v></c>: this reads such a cell to its end in one step and returns where it ends,
   * or returns from unchanged for anything else, which the tag-by-tag scan then reads.
   */
  private readPlainCellValue(text: string, from: number): number {
    if (this.cellType === INLINE_STRING || !text.startsWith('<v>', from)) return from;
    const valueStart = from + 3;
    const valueEnd = text.indexOf('<', valueStart);
    if (valueEnd < 0 || !text.startsWith('</v></c>', valueEnd)) return from;
    this.hasValue = true;
    if (this.cellType === SHARED_STRING) this.sharedIndex = digitsValue(text, valueStart, valueEnd);
    if (this.sharedIndex < 0) this.valueText = text.slice(valueStart, valueEnd);
    this.endCell();
    return valueEnd + 8;
  }

  private oneLetterElement(text: string, tagStart: number, letter: number): void {
    const tag = this.tag;
    if (letter === 99 /* c */) {
      if (!this.row) return;
      if (tag.closing) this.endCell();
      else {
        this.startCell(text);
        if (tag.selfClosing) this.endCell();
      }
      return;
    }
    if (!this.inCell) return;
    // An inline string's text is its value: a cached <v> beside it is not added to it (openpyxl reads only <is>).
    if (letter === 118 /* v */ && this.cellType !== INLINE_STRING) {
      if (tag.closing) {
        if (this.textStart < 0) return;
        if (this.cellType === SHARED_STRING && this.valueText === '')
          this.sharedIndex = digitsValue(text, this.textStart, tagStart);
        if (this.sharedIndex < 0) this.valueText += text.slice(this.textStart, tagStart);
        this.textStart = -1;
      } else {
        this.hasValue = true;
        this.valueText = '';
        this.sharedIndex = -1;
        this.textStart = tag.selfClosing ? -1 : tag.end;
      }
    } else if (letter === 116 /* t */) {
      if (!this.inInlineString || this.phoneticDepth > 0) return;
      if (tag.closing) {
        if (this.textStart >= 0) this.valueText += text.slice(this.textStart, tagStart);
        this.textStart = -1;
      } else if (!tag.selfClosing) {
        this.textStart = tag.end;
      }
    } else if (letter === 102 /* f */ && !tag.closing) {
      this.hasFormula = true;
    }
  }

  private rowElement(text: string): void {
    const tag = this.tag;
    if (!this.inSheetData) return;
    if (tag.closing) {
      this.endRow();
      return;
    }
    const rowNumber = tag.rStart >= 0 ? digitsValue(text, tag.rStart, tag.rEnd) : -1;
    this.previousRowNumber = rowNumber > 0 ? rowNumber : this.previousRowNumber + 1;
    this.previousColumn = 0;
    this.row = { rowNumber: this.previousRowNumber, cells: [] };
    this.rowSkipped = this.skipRows.has(this.previousRowNumber);
    if (tag.selfClosing) this.endRow();
  }

  private endRow(): void {
    if (this.row && !this.rowSkipped) this.rows.push(this.row);
    this.row = null;
    this.inCell = false;
  }

  private startCell(text: string): void {
    const tag = this.tag;
    const column = tag.rStart >= 0 ? columnValue(text, tag.rStart, tag.rEnd) : 0;
    this.column = column > 0 ? column : this.previousColumn + 1;
    this.previousColumn = this.column;
    this.inCell = true;
    this.cellSkipped = this.rowSkipped || this.skipColumns.has(this.column);
    this.cellType = tag.tStart >= 0 ? cellType(text, tag.tStart, tag.tEnd) : NUMBER;
    // A cell without s has style 0 (a row's own style is only for the cells it does not list).
    const style = tag.sStart >= 0 ? digitsValue(text, tag.sStart, tag.sEnd) : 0;
    this.cellFormat = this.context.cellFormats[style] ?? GENERAL_FORMAT;
    this.hasFormula = this.hasValue = this.hasInlineString = this.inInlineString = false;
    this.phoneticDepth = 0;
    this.valueText = '';
    this.sharedIndex = -1;
    this.textStart = -1;
  }

  private endCell(): void {
    if (!this.inCell) return;
    this.inCell = false;
    this.textStart = -1;
    if (this.cellSkipped || !this.row) return;
    const text = this.cellText();
    if (text !== undefined) this.row.cells[this.column - 1] = text;
  }

  /** The cell's text, or undefined for a cell with nothing in it. */
  private cellText(): string | undefined {
    if (!this.hasValue && !this.hasInlineString) return this.hasFormula ? '' : undefined;
    const written = this.valueText;
    // A number, index or flag written as CDATA (or beside a comment) is the only kind with markup left in it.
    const raw = written.indexOf('<') < 0 ? written : decodeXmlText(written).trim();
    switch (this.cellType) {
      case SHARED_STRING:
        return this.textInFormat(
          this.context.sharedStrings[this.sharedIndex >= 0 ? this.sharedIndex : parseInt(raw, 10)],
        );
      case FORMULA_STRING:
      case INLINE_STRING:
        return this.textInFormat(decodeXmlText(written));
      case ERROR:
        return decodeXmlText(written);
      case BOOLEAN:
        return parseInt(raw, 10) !== 0 ? 'TRUE' : 'FALSE';
      case ISO_DATE:
        return isoDateText(decodeXmlText(written).trim(), this.cellFormat, this.context.date1904);
      default:
        if (!this.hasValue) return this.textInFormat(decodeXmlText(written));
        return numberCellText(raw, this.cellFormat, this.context.date1904);
    }
  }

  /** Text as its cell shows it: only a format with a text section (such as "Ref "@) changes it. */
  private textInFormat(text: string | undefined): string | undefined {
    return text !== undefined && this.cellFormat.changesText ? this.cellFormat.formatText(text) : text;
  }
}

function cellType(text: string, start: number, end: number): number {
  if (end - start === 1) {
    switch (text.charCodeAt(start)) {
      case 115 /* s */:
        return SHARED_STRING;
      case 98 /* b */:
        return BOOLEAN;
      case 101 /* e */:
        return ERROR;
      case 100 /* d */:
        return ISO_DATE;
      default:
        return NUMBER;
    }
  }
  if (nameIs(text, start, end, 'str')) return FORMULA_STRING;
  if (nameIs(text, start, end, 'inlineStr')) return INLINE_STRING;
  return NUMBER;
}

/** The whole number written in text[start, end), or -1 if it is not one. */
function digitsValue(text: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let value = 0;
  for (let index = start; index < end; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** The column number of a cell reference such as AB12 (or $AB$12), or 0 if it has no letters. */
function columnValue(text: string, start: number, end: number): number {
  let column = 0;
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index) | 32;
    if (code >= 97 && code <= 122) column = column * 26 + (code - 96);
    else if (code !== 36 /* $ */ && column > 0) break;
  }
  return column;
}
