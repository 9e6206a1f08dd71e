import type { ImportSheet } from '../../../shared/contract';
import type { ExaminedFile } from './examine-file';
import { throwIfCancelled } from './import-error';
import { openSheet } from './sheet-rows';
import { listWorkbookSheets } from './xlsx-rows';

/** Every sheet's headers and number of rows (a text file has one sheet, named after the file). */
export async function inspectSheets(
  file: ExaminedFile,
  options: { signal?: AbortSignal; onRows?: (rows: number) => void } = {},
): Promise<ImportSheet[]> {
  const workbookSheets =
    file.kind === 'xlsx' ? await listWorkbookSheets(file) : [{ name: file.fileName, hidden: false }];
  const sheets: ImportSheet[] = [];
  let rowsRead = 0;
  for (const sheet of workbookSheets) {
    let headers: string[] = [];
    let rowCount = 0;
    try {
      const content = await openSheet(file, file.kind === 'xlsx' ? sheet.name : undefined, { signal: options.signal });
      headers = content.headers;
      for await (const chunk of content.rows) {
        throwIfCancelled(options.signal);
        rowCount += chunk.length;
        rowsRead += chunk.length;
        options.onRows?.(rowsRead);
      }
    } catch (error) {
      // An empty sheet in a workbook is listed with no headers; an empty text file is an error.
      if (file.kind !== 'xlsx' || (error as { code?: string }).code !== 'empty-file') throw error;
    }
    sheets.push({ name: sheet.name, hidden: sheet.hidden, rowCount, headers });
  }
  return sheets;
}
