import type { PartRelationship, WorkbookPackage } from './xlsx-package';
import { sharedStringsFromText } from './xlsx-shared-strings';
import { cellFormatsFromStyles, type CellFormat } from './xlsx-styles';
import { elementsNamed } from './xlsx-xml';

/** What the cells of every sheet refer to. Only the shared strings grow with the workbook. */
export interface WorkbookCellContext {
  sharedStrings: readonly string[];
  /** By cell style index (the s="N" of a cell or row). */
  cellFormats: readonly CellFormat[];
  date1904: boolean;
}

/** Reads the shared strings, the cell styles' number formats and the date system, from the parts the workbook names. */
export async function readWorkbookCellContext(
  workbook: WorkbookPackage,
  workbookXml: string,
  related: readonly PartRelationship[],
): Promise<WorkbookCellContext> {
  const partOfKind = (kind: string) => {
    for (const relationship of related) {
      const entry = relationship.kind === kind ? workbook.entry(relationship.target) : undefined;
      if (entry) return entry;
    }
    return undefined;
  };
  const sharedStringsEntry = partOfKind('sharedStrings');
  const stylesEntry = partOfKind('styles');
  const date1904 = elementsNamed(workbookXml, 'workbookPr').next().value?.get('date1904');
  const [sharedStrings, cellFormats] = await Promise.all([
    sharedStringsEntry ? sharedStringsFromText(workbook.text(sharedStringsEntry)) : [],
    stylesEntry ? workbook.whole(stylesEntry.name).then(cellFormatsFromStyles) : [],
  ]);
  return { sharedStrings, cellFormats, date1904: date1904 === '1' || date1904 === 'true' };
}
