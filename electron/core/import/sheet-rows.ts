import type { ExaminedFile } from './examine-file';
import { readCsvRows } from './csv-rows';
import { ImportError } from './import-error';
import type { RowReadOptions, SheetRow } from './sheet-row';
import { readXlsxRows } from './xlsx-rows';

/** Notify's absolute limit on columns with a header. */
export const MAX_COLUMNS = 1000;

export interface SheetContent {
  headers: string[];
  /** Data rows in chunks: empty rows left out, cells cut to the header's width. */
  rows: AsyncGenerator<SheetRow[]>;
}

const isBlank = (cell: string | undefined): boolean => cell === undefined || cell.trim() === '';

/**
 * Opens a sheet: the first row with anything in it is the header; trailing empty columns are dropped, and so are
 * empty rows (Excel leaves many at the end).
 */
export async function openSheet(
  file: ExaminedFile,
  sheet: string | undefined,
  options: RowReadOptions = {},
): Promise<SheetContent> {
  const source = file.kind === 'xlsx' ? readXlsxRows(file, sheet, options) : readCsvRows(file, options);
  let pending: SheetRow[] = [];
  let header: SheetRow | undefined;
  while (!header) {
    const next = await source.next();
    if (next.done) {
      throw new ImportError(
        'empty-file',
        `${file.fileName}${sheet ? ` (sheet ${sheet})` : ''} has no rows. Add a header row and at least one row of recipients.`,
      );
    }
    const index = next.value.findIndex((row) => row.cells.some((cell) => !isBlank(cell)));
    if (index >= 0) {
      header = next.value[index];
      pending = next.value.slice(index + 1);
    }
  }
  let width = header.cells.length;
  while (width > 0 && isBlank(header.cells[width - 1])) width -= 1;
  if (width > MAX_COLUMNS) {
    throw new ImportError(
      'too-many-columns',
      `${file.fileName} has ${width.toLocaleString('en-GB')} columns; a file can have up to ${MAX_COLUMNS.toLocaleString('en-GB')}. Delete the columns the template does not use and import it again.`,
    );
  }
  const headers = header.cells.slice(0, width).map((cell) => (cell ?? '').trim());
  const fitRows = (rows: SheetRow[]): SheetRow[] => {
    const kept: SheetRow[] = [];
    for (const row of rows) {
      const cells = row.cells.length > width ? row.cells.slice(0, width) : row.cells;
      if (cells.some((cell) => !isBlank(cell))) kept.push({ rowNumber: row.rowNumber, cells });
    }
    return kept;
  };
  async function* dataRows(): AsyncGenerator<SheetRow[]> {
    try {
      const first = fitRows(pending);
      if (first.length > 0) yield first;
      for await (const chunk of source) {
        const rows = fitRows(chunk);
        if (rows.length > 0) yield rows;
      }
    } finally {
      await source.return(undefined);
    }
  }
  return { headers, rows: dataRows() };
}
