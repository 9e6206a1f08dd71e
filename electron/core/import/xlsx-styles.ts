import { builtInFormatCode } from './number-format/built-in-formats';
import { GENERAL, numberFormat, type NumberFormat } from './number-format/number-format';
import { elementContent, elementsNamed } from './xlsx-xml';

/** A cell style's number format. */
export type CellFormat = NumberFormat;

export const GENERAL_FORMAT: CellFormat = GENERAL;

/**
 * The number format of each cell style (the s="N" of a cell indexes <cellXfs>), from styles.xml read whole: it is
 * small next to the sheets. A format the workbook defines itself replaces a built-in one of the same id.
 */
export function cellFormatsFromStyles(stylesXml: string): CellFormat[] {
  const customCodes = new Map<number, string>();
  for (const numFmt of elementsNamed(elementContent(stylesXml, 'numFmts'), 'numFmt')) {
    const id = parseInt(numFmt.get('numFmtId') ?? '', 10);
    if (!Number.isNaN(id)) customCodes.set(id, numFmt.get('formatCode') ?? '');
  }
  const formats: CellFormat[] = [];
  for (const xf of elementsNamed(elementContent(stylesXml, 'cellXfs'), 'xf')) {
    const id = parseInt(xf.get('numFmtId') ?? '0', 10);
    formats.push(
      Number.isNaN(id) || id === 0 ? GENERAL_FORMAT : numberFormat(customCodes.get(id) ?? builtInFormatCode(id)),
    );
  }
  return formats;
}
