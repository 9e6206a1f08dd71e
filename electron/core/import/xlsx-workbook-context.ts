import { posix } from 'node:path';
import { readSharedStrings } from './xlsx-shared-strings';
import { cellFormatsFromStyles, type CellFormat } from './xlsx-styles';
import { elementsNamed } from './xlsx-xml';
import { readZipEntryWhole, type ZipEntry } from './zip-archive';

/** What the cells of every sheet refer to. Only the shared strings grow with the workbook. */
export interface WorkbookCellContext {
  sharedStrings: readonly string[];
  /** By cell style index (the s="N" of a cell or row). */
  cellFormats: readonly CellFormat[];
  date1904: boolean;
}

/** Reads the shared strings, the cell styles' number formats and the date system, from the parts the workbook names. */
export async function readWorkbookCellContext(path: string, entries: readonly ZipEntry[], fileName: string): Promise<WorkbookCellContext> {
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const readPart = async (name: string): Promise<string> => {
    const entry = byName.get(name);
    return entry ? readZipEntryWhole(path, entry, fileName) : '';
  };
  const [relationshipsXml, workbookXml] = await Promise.all([readPart('xl/_rels/workbook.xml.rels'), readPart('xl/workbook.xml')]);
  const partOfType = (typeSuffix: string, usualName: string): ZipEntry | undefined => {
    for (const relationship of elementsNamed(relationshipsXml, 'Relationship')) {
      const target = relationship.get('Target');
      if (!relationship.get('Type')?.endsWith(typeSuffix) || !target || relationship.get('TargetMode') === 'External') continue;
      const entry = byName.get(target.startsWith('/') ? target.slice(1) : posix.join('xl', target));
      if (entry) return entry;
    }
    return byName.get(usualName);
  };
  const sharedStringsEntry = partOfType('/sharedStrings', 'xl/sharedStrings.xml');
  const stylesEntry = partOfType('/styles', 'xl/styles.xml');
  const date1904 = elementsNamed(workbookXml, 'workbookPr').next().value?.get('date1904');
  const [sharedStrings, cellFormats] = await Promise.all([
    sharedStringsEntry ? readSharedStrings(path, sharedStringsEntry, fileName) : [],
    stylesEntry ? readZipEntryWhole(path, stylesEntry, fileName).then(cellFormatsFromStyles) : [],
  ]);
  return { sharedStrings, cellFormats, date1904: date1904 === '1' || date1904 === 'true' };
}
