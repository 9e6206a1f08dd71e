import ExcelJS from 'exceljs';
import type { SheetRow } from '../../../electron/core/import/sheet-row';
import { serialDate } from '../../../electron/core/import/number-format/date-section';
import { numberFormat } from '../../../electron/core/import/number-format/number-format';
import { readSheetLayout } from '../../../electron/core/import/xlsx-layout';
import { WorkbookPackage } from '../../../electron/core/import/xlsx-package';

interface ExceljsCell {
  value: unknown;
  numFmt?: string;
}
interface ExceljsRow {
  number: number;
  eachCell(options: { includeEmpty: boolean }, callback: (cell: ExceljsCell, column: number) => void): void;
}
interface ExceljsReader extends AsyncIterable<AsyncIterable<ExceljsRow>> {
  on(event: 'entry', listener: (entry: { type: string; id?: string }) => void): void;
  properties?: { model?: { date1904?: boolean } };
}

/**
 * The oracle: the rows exceljs' streaming reader gives, each cell written in its number format, with hidden rows and
 * columns left out and merged ranges filled from their top-left cell: how readXlsxRows read sheets before.
 */
export async function exceljsRows(path: string, sheetName?: string): Promise<SheetRow[]> {
  // exceljs' streaming reader now and then loses the workbook part when the machine is busy, and then fails with
  // "Cannot read properties of undefined (reading 'sheets')" (exceljs issue 962): the oracle reads the file again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await exceljsRowsOnce(path, sheetName);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes("reading 'sheets'")) throw error;
    }
  }
}

async function exceljsRowsOnce(path: string, sheetName?: string): Promise<SheetRow[]> {
  const workbook = await WorkbookPackage.open(path, 'book.xlsx');
  const { sheets } = await workbook.readWorkbook();
  const sheet = sheetName === undefined ? sheets[0] : sheets.find((candidate) => candidate.name === sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const layout = await readSheetLayout(workbook, sheet);
  workbook.close();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  }) as unknown as ExceljsReader;
  let currentSheet: string | undefined;
  reader.on('entry', (entry) => {
    if (entry.type === 'worksheet') currentSheet = entry.id;
  });
  const rows: SheetRow[] = [];
  const mergeOrigins = new Map<string, string>();
  for await (const worksheet of reader) {
    // exceljs names a worksheet by the N of its part, xl/worksheets/sheetN.xml. Another sheet is read to its end all
    // the same: exceljs deletes the temporary file it may have kept that sheet in as soon as the loop moves on, and
    // a sheet never read then fails to open it, as an uncaught error, when the machine is busy.
    if (currentSheet !== sheet.entry.name.match(/sheet(\d+)\.xml$/)?.[1]) {
      for await (const row of worksheet) void row;
      continue;
    }
    const date1904 = reader.properties?.model?.date1904 === true;
    for await (const row of worksheet) {
      if (layout.hiddenRows.has(row.number)) continue;
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (!layout.hiddenColumns.has(column)) cells[column - 1] = exceljsCellText(cell.value, cell.numFmt, date1904);
      });
      for (const merge of layout.merges) {
        if (row.number < merge.top || row.number > merge.bottom) continue;
        const key = `${merge.top}:${merge.left}`;
        if (row.number === merge.top) mergeOrigins.set(key, cells[merge.left - 1] ?? '');
        for (let column = merge.left; column <= merge.right; column += 1) {
          if (column !== merge.left || row.number !== merge.top) cells[column - 1] = mergeOrigins.get(key) ?? '';
        }
      }
      const dense = Array.from(cells, (cell) => cell ?? '').filter((_, index) => !layout.hiddenColumns.has(index + 1));
      rows.push({ rowNumber: row.number, cells: dense });
    }
  }
  return rows;
}

/** exceljs names the built-in short date (id 14) by its American code; in the United Kingdom Excel shows it so. */
const UK_CODES: Readonly<Record<string, string>> = { 'mm-dd-yy': 'dd/mm/yyyy', 'm/d/yy "h":mm': 'dd/mm/yyyy hh:mm' };

/** A cell's value as exceljs gives it (a Date for a date-formatted number), written in its number format. */
function exceljsCellText(value: unknown, numFmt: string | undefined, date1904: boolean): string {
  const format = numberFormat(UK_CODES[numFmt ?? ''] ?? numFmt ?? 'General');
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return format.changesText ? format.formatText(value) : value;
  if (typeof value === 'number') return format.formatNumber(value, date1904);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return format.formatNumber(serialDate(value.getTime(), date1904), date1904);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('result' in record || 'formula' in record || 'sharedFormula' in record)
      return exceljsCellText(record.result, numFmt, date1904);
    if (Array.isArray(record.richText))
      return record.richText.map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : '')).join('');
    if ('error' in record) return String(record.error);
    if ('text' in record) return exceljsCellText(record.text, undefined, date1904);
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a cell object ExcelJS has no text for shows as String() shows it
  return String(value);
}
