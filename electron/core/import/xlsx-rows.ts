import ExcelJS from 'exceljs';
import type { ExaminedFile } from './examine-file';
import { ImportError, fileReadError, throwIfCancelled } from './import-error';
import { DEFAULT_CHUNK_SIZE, type RowReadOptions, type SheetRow, yieldToEventLoop } from './sheet-row';
import { cellText } from './xlsx-cell-text';
import { readSheetLayout, readWorkbookSheets, type SheetLayout, type WorkbookSheet } from './xlsx-layout';
import { damagedWorkbookMessage } from './zip-archive';

interface StreamCell {
  value: unknown;
  numFmt?: string;
}
interface StreamRow {
  number: number;
  eachCell(options: { includeEmpty: boolean }, callback: (cell: StreamCell, column: number) => void): void;
}
interface StreamWorksheet extends AsyncIterable<StreamRow> {
  name?: string;
}
interface StreamWorkbook extends AsyncIterable<StreamWorksheet> {
  on(event: 'entry', listener: (entry: { type: string; id?: string }) => void): void;
  properties?: { date1904?: boolean };
}

/** The sheets of a workbook, in order, as the user sees their tabs. */
export async function listWorkbookSheets(file: ExaminedFile): Promise<WorkbookSheet[]> {
  return (await readWorkbookSheets(file.path, file.fileName)).sheets;
}

export function chooseSheet(sheets: readonly WorkbookSheet[], name: string | undefined, fileName: string): WorkbookSheet {
  if (name === undefined) {
    const visible = sheets.filter((sheet) => !sheet.hidden);
    const only = visible.length === 1 ? visible[0] : sheets.length === 1 ? sheets[0] : undefined;
    if (only) return only;
    throw new ImportError('choose-sheet', `${fileName} has ${sheets.length} sheets: choose one (${sheets.map((sheet) => sheet.name).join(', ')}).`);
  }
  const sheet = sheets.find((candidate) => candidate.name === name) ?? sheets.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (!sheet) throw new ImportError('no-such-sheet', `${fileName} has no sheet called "${name}". Its sheets are: ${sheets.map((candidate) => candidate.name).join(', ')}.`);
  return sheet;
}

/**
 * Streams one sheet as rows with exceljs' streaming reader, using formulas' cached values, leaving out hidden rows
 * and columns (as Notify does), and giving every cell of a merged range the value of its top-left cell.
 */
export async function* readXlsxRows(file: ExaminedFile, sheetName: string | undefined, options: RowReadOptions = {}): AsyncGenerator<SheetRow[]> {
  const sheets = await listWorkbookSheets(file);
  const sheet = chooseSheet(sheets, sheetName, file.fileName);
  const layout = await readSheetLayout(file.path, sheet, file.fileName);
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file.path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  }) as unknown as StreamWorkbook;
  let currentSheetNumber: string | undefined;
  workbook.on('entry', (entry) => {
    if (entry.type === 'worksheet') currentSheetNumber = entry.id;
  });
  const merged = mergedCellFiller(layout);
  let chunk: SheetRow[] = [];
  let found = false;
  try {
    for await (const worksheet of workbook) {
      if (currentSheetNumber !== sheet.sheetNumber) continue;
      found = true;
      const date1904 = workbook.properties?.date1904 === true;
      for await (const row of worksheet) {
        if (layout.hiddenRows.has(row.number)) continue;
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          if (layout.hiddenColumns.has(column)) return;
          cells[column - 1] = cellText(cell.value, cell.numFmt, date1904);
        });
        merged(row.number, cells);
        chunk.push({ rowNumber: row.number, cells: withoutHiddenColumns(cells, layout.hiddenColumns) });
        if (chunk.length >= chunkSize) {
          yield chunk;
          chunk = [];
          await yieldToEventLoop();
          throwIfCancelled(options.signal);
        }
      }
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    if ((error as NodeJS.ErrnoException).code === undefined || String((error as Error).message).match(/zip|signature|invalid|unexpected/i)) {
      throw new ImportError('damaged-workbook', damagedWorkbookMessage(file.fileName));
    }
    throw fileReadError(error, file.fileName);
  }
  if (!found) throw new ImportError('damaged-workbook', damagedWorkbookMessage(file.fileName));
  if (chunk.length > 0) yield chunk;
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

function withoutHiddenColumns(cells: string[], hiddenColumns: ReadonlySet<number>): string[] {
  const dense = Array.from(cells, (cell) => cell ?? '');
  if (hiddenColumns.size === 0) return dense;
  return dense.filter((_, index) => !hiddenColumns.has(index + 1));
}
