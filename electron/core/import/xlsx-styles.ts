import { isDateFormat } from './xlsx-cell-text';
import { elementContent, elementsNamed } from './xlsx-xml';

/** A cell style's number format, with the two date tests that decide how its numbers are written out. */
export interface CellFormat {
  code: string | undefined;
  /**
   * exceljs' own date test (case-sensitive: y m d h M s b): a plain number cell in this format was read as a Date,
   * written with date and time even when it is only a time.
   */
  readAsDate: boolean;
  /** cellText's date test (any case), applied to formula results and to numbers exceljs left as numbers. */
  writtenAsDate: boolean;
}

export const GENERAL_FORMAT: CellFormat = { code: undefined, readAsDate: false, writtenAsDate: false };

/** Excel's built-in number formats that have one code in every locale (as exceljs knows them), by numFmtId. */
const BUILT_IN_FORMATS = new Map<number, string>([
  [0, 'General'],
  [1, '0'],
  [2, '0.00'],
  [3, '#,##0'],
  [4, '#,##0.00'],
  [9, '0%'],
  [10, '0.00%'],
  [11, '0.00E+00'],
  [12, '# ?/?'],
  [13, '# ??/??'],
  [14, 'mm-dd-yy'],
  [15, 'd-mmm-yy'],
  [16, 'd-mmm'],
  [17, 'mmm-yy'],
  [18, 'h:mm AM/PM'],
  [19, 'h:mm:ss AM/PM'],
  [20, 'h:mm'],
  [21, 'h:mm:ss'],
  [22, 'm/d/yy "h":mm'],
  [37, '#,##0 ;(#,##0)'],
  [38, '#,##0 ;[Red](#,##0)'],
  [39, '#,##0.00 ;(#,##0.00)'],
  [40, '#,##0.00 ;[Red](#,##0.00)'],
  [45, 'mm:ss'],
  [46, '[h]:mm:ss'],
  [47, 'mmss.0'],
  [48, '##0.0E+0'],
  [49, '@'],
]);

/**
 * The number format of each cell style (the s="N" of a cell indexes <cellXfs>), from styles.xml read whole: it is
 * small next to the sheets. A style with numFmtId 0 has no format, as exceljs reads it.
 */
export function cellFormatsFromStyles(stylesXml: string): CellFormat[] {
  const customCodes = new Map<number, string>();
  for (const numFmt of elementsNamed(elementContent(stylesXml, 'numFmts'), 'numFmt')) {
    const id = parseInt(numFmt.get('numFmtId') ?? '', 10);
    // exceljs drops the backslash of every escaped character in a format code.
    const code = (numFmt.get('formatCode') ?? '').replace(/\\(.)/g, '$1');
    if (!Number.isNaN(id)) customCodes.set(id, code);
  }
  const formats: CellFormat[] = [];
  const byId = new Map<number, CellFormat>();
  for (const xf of elementsNamed(elementContent(stylesXml, 'cellXfs'), 'xf')) {
    const id = parseInt(xf.get('numFmtId') ?? '', 10);
    let format = byId.get(id);
    if (!format) {
      const code = id ? customCodes.get(id) || BUILT_IN_FORMATS.get(id) : undefined;
      format = code ? { code, readAsDate: isExceljsDateFormat(code), writtenAsDate: isDateFormat(code) } : GENERAL_FORMAT;
      byId.set(id, format);
    }
    formats.push(format);
  }
  return formats;
}

function isExceljsDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}
