import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import type { RecordExportFormat } from '../../../../shared/contract';
import { UserError } from '../../dispatch';
import { formulaSafe } from './safe-cell';
import type { ReportRow } from './report-columns';
import type { ReportSource } from './report-source';

export interface WriteReportOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export class ExportCancelledError extends UserError {
  constructor() {
    super('The export was cancelled. No file was saved.', 'export-cancelled');
  }
}

/** Where the report is written until it is complete: beside the destination, so the final rename never copies. */
export function temporaryPathFor(destination: string): string {
  return join(dirname(destination), `.${basename(destination)}.${randomBytes(6).toString('hex')}.partial`);
}

/**
 * Writes a report in full to a temporary file, then renames it to `destination`: a cancelled, failed or crashed
 * export never leaves a half file under the chosen name. Returns the number of rows written.
 */
export async function writeReport(source: ReportSource, format: RecordExportFormat, destination: string, options: WriteReportOptions = {}): Promise<number> {
  const temporary = temporaryPathFor(destination);
  try {
    const rows = format === 'csv' ? await writeCsv(source, temporary, options) : await writeXlsx(source, temporary, options);
    options.signal?.throwIfAborted();
    await rename(temporary, destination);
    return rows;
  } catch (error) {
    await rm(temporary, { force: true });
    if (options.signal?.aborted) throw new ExportCancelledError();
    throw error;
  }
}

/** UTF-8 with a byte-order mark (so Excel shows accents), every cell formula-safe. */
async function writeCsv(source: ReportSource, path: string, options: WriteReportOptions): Promise<number> {
  const file = createWriteStream(path);
  const csv = stringify({ bom: true });
  csv.pipe(file);
  const fileClosed = once(file, 'close');
  let done = 0;
  try {
    csv.write(source.headers.map(formulaSafe));
    for await (const page of source.pages()) {
      options.signal?.throwIfAborted();
      for (const row of page) {
        if (!csv.write(row.cells.map(formulaSafe))) await once(csv, 'drain');
      }
      done += page.length;
      options.onProgress?.(done, source.total);
    }
    csv.end();
    await fileClosed;
    return done;
  } catch (error) {
    csv.destroy();
    file.destroy();
    await fileClosed.catch(() => undefined);
    throw error;
  }
}

const TEXT_FORMAT = '@';

/**
 * exceljs' streaming writer: each row is committed as it is written. Every value is a text cell (a spreadsheet
 * never evaluates one); a phone number's cell is also formatted as text, so editing it keeps its leading zero.
 */
async function writeXlsx(source: ReportSource, path: string, options: WriteReportOptions): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Report');
  sheet.addRow([...source.headers]).commit();
  let done = 0;
  try {
    for await (const page of source.pages()) {
      options.signal?.throwIfAborted();
      for (const row of page) addRow(sheet, row);
      done += page.length;
      options.onProgress?.(done, source.total);
    }
    sheet.commit();
    await workbook.commit();
    return done;
  } catch (error) {
    // The zip stream stops at the next write; the caller removes the temporary file.
    await workbook.commit().catch(() => undefined);
    throw error;
  }
}

function addRow(sheet: ExcelJS.Worksheet, row: ReportRow): void {
  const added = sheet.addRow(row.cells);
  if (row.phoneColumn !== null) added.getCell(row.phoneColumn + 1).numFmt = TEXT_FORMAT;
  added.commit();
}
