import type { ExaminedFile } from './examine-file';
import { ImportError, fileReadError, throwIfCancelled } from './import-error';
import { DEFAULT_CHUNK_SIZE, type RowReadOptions, type SheetRow, yieldToEventLoop } from './sheet-row';
import { readSheetLayout, type SheetLayout } from './xlsx-layout';
import { WorkbookPackage, type WorkbookSheet } from './xlsx-package';
import { sheetRowsFromText } from './xlsx-sheet-reader';
import { readWorkbookCellContext } from './xlsx-workbook-context';
import { MalformedXmlError } from './xlsx-xml';
import { damagedWorkbookError } from './zip-archive';

/** The sheets of a workbook, in order, as the user sees their tabs. */
export async function listWorkbookSheets(file: ExaminedFile): Promise<WorkbookSheet[]> {
  const workbook = await WorkbookPackage.open(file.path, file.fileName);
  try {
    return (await workbook.readWorkbook()).sheets;
  } catch (error) {
    throw asReadError(error, file.fileName);
  } finally {
    workbook.close();
  }
}

export function chooseSheet(
  sheets: readonly WorkbookSheet[],
  name: string | undefined,
  fileName: string,
): WorkbookSheet {
  if (name === undefined) {
    const visible = sheets.filter((sheet) => !sheet.hidden);
    const only = visible.length === 1 ? visible[0] : sheets.length === 1 ? sheets[0] : undefined;
    if (only) return only;
    throw new ImportError(
      'choose-sheet',
      `${fileName} has ${sheets.length} sheets: choose one (${sheets.map((sheet) => sheet.name).join(', ')}).`,
    );
  }
  const sheet =
    sheets.find((candidate) => candidate.name === name) ??
    sheets.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (!sheet)
    throw new ImportError(
      'no-such-sheet',
      `${fileName} has no sheet called "${name}". Its sheets are: ${sheets.map((candidate) => candidate.name).join(', ')}.`,
    );
  return sheet;
}

/**
 * Streams one sheet as rows, using formulas' cached values, leaving out hidden rows and columns (as Notify does),
 * and giving every cell of a merged range the value of its top-left cell.
 */
export async function* readXlsxRows(
  file: ExaminedFile,
  sheetName: string | undefined,
  options: RowReadOptions = {},
): AsyncGenerator<SheetRow[]> {
  const workbook = await WorkbookPackage.open(file.path, file.fileName);
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  let chunk: SheetRow[] = [];
  try {
    const { workbookXml, sheets, related } = await workbook.readWorkbook();
    const sheet = chooseSheet(sheets, sheetName, file.fileName);
    const [layout, context] = await Promise.all([
      readSheetLayout(workbook, sheet),
      readWorkbookCellContext(workbook, workbookXml, related),
    ]);
    const merged = mergedCellFiller(layout);
    const rowBatches = sheetRowsFromText(workbook.text(sheet.entry), context, {
      skipRows: layout.hiddenRows,
      skipColumns: layout.hiddenColumns,
    });
    for await (const rows of rowBatches) {
      for (const row of rows) {
        merged(row.rowNumber, row.cells);
        row.cells = withoutHiddenColumns(row.cells, layout.hiddenColumns);
        chunk.push(row);
        if (chunk.length >= chunkSize) {
          yield chunk;
          chunk = [];
          await yieldToEventLoop();
          throwIfCancelled(options.signal);
        }
      }
    }
  } catch (error) {
    throw asReadError(error, file.fileName);
  } finally {
    workbook.close();
  }
  if (chunk.length > 0) yield chunk;
}

/** XML that cannot be read is a damaged workbook; a file system failure keeps its own message. */
function asReadError(error: unknown, fileName: string): ImportError {
  if (error instanceof ImportError) return error;
  if (error instanceof MalformedXmlError || (error as NodeJS.ErrnoException).code === undefined)
    return damagedWorkbookError(fileName);
  return fileReadError(error, fileName);
}

/** Fills the cells of merged ranges from their top-left cell, which is always read first. */
function mergedCellFiller(layout: SheetLayout): (rowNumber: number, cells: string[]) => void {
  if (layout.merges.length === 0) return () => undefined;
  const originValues = new Map<string, string>();
  return (rowNumber, cells) => {
    for (const merge of layout.merges) {
      if (rowNumber < merge.top || rowNumber > merge.bottom) continue;
      const key = `${merge.top}:${merge.left}`;
      if (rowNumber === merge.top) originValues.set(key, cells[merge.left - 1] ?? '');
      const value = originValues.get(key) ?? '';
      for (let column = merge.left; column <= merge.right; column += 1) {
        if (column === merge.left && rowNumber === merge.top) continue;
        cells[column - 1] = value;
      }
    }
  };
}

/** Fills the holes of a sparse row (in place) with empty cells and leaves out the hidden columns. */
function withoutHiddenColumns(cells: string[], hiddenColumns: ReadonlySet<number>): string[] {
  for (let index = 0; index < cells.length; index += 1) cells[index] ??= '';
  if (hiddenColumns.size === 0) return cells;
  return cells.filter((_, index) => !hiddenColumns.has(index + 1));
}
