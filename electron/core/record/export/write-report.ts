import type ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import type { RecordExportFormat } from '../../../../shared/contract';
import { UserError } from '../../dispatch';
import { formulaSafe } from './safe-cell';
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
export async function writeReport<Row>(
  source: ReportSource<Row>,
  format: RecordExportFormat,
  destination: string,
  options: WriteReportOptions = {},
): Promise<number> {
  const temporary = temporaryPathFor(destination);
  try {
    const rows =
      format === 'csv' ? await writeCsv(source, temporary, options) : await writeXlsx(source, temporary, options);
    options.signal?.throwIfAborted();
    await rename(temporary, destination);
    return rows;
  } catch (error) {
    await rm(temporary, { force: true });
    if (options.signal?.aborted) throw new ExportCancelledError();
    throw error;
  }
}

const WRITE_BUFFER_BYTES = 64 * 1024;

// Each format's library is loaded when a report in that format is written, so creating the core loads neither
// (scripts/build-cli.mjs checks).

/** UTF-8 with a byte-order mark (so Excel shows accents), every cell formula-safe. */
async function writeCsv<Row>(source: ReportSource<Row>, path: string, options: WriteReportOptions): Promise<number> {
  const { stringify } = await import('csv-stringify');
  // Large buffers: the rows are ready faster than small writes reach the disk.
  const file = createWriteStream(path, { highWaterMark: WRITE_BUFFER_BYTES });
  const csv = stringify({ bom: true });
  csv.pipe(file);
  const fileClosed = once(file, 'close');
  let done = 0;
  try {
    csv.write(source.headers.map(formulaSafe));
    for await (const page of source.pages()) {
      options.signal?.throwIfAborted();
      for (const row of page) {
        const cells = source.cells(row);
        for (let index = 0; index < cells.length; index += 1) cells[index] = formulaSafe(cells[index] as string);
        if (!csv.write(cells)) await once(csv, 'drain');
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
 * never evaluates one); a phone number's column is also formatted as text, so editing one keeps its leading zero.
 */
async function writeXlsx<Row>(source: ReportSource<Row>, path: string, options: WriteReportOptions): Promise<number> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Report');
  sheet.addRow([...source.headers]).commit();
  for (const column of source.textColumns) sheet.getColumn(column + 1).numFmt = TEXT_FORMAT;
  let done = 0;
  try {
    for await (const page of source.pages()) {
      options.signal?.throwIfAborted();
      for (const row of page) sheet.addRow(source.cells(row)).commit();
      await compressorCaughtUp(sheet);
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

interface PipeTarget {
  _writableState?: { needDrain?: boolean };
  once(event: 'drain', listener: () => void): unknown;
}

interface SheetStreamInternals {
  stream?: { pipes?: PipeTarget[] };
}

/**
 * exceljs' sheet stream hands committed rows to the zip's input stream without waiting for it, so a million rows
 * piled up there (800 MB, the raw loop too). After each page this waits, as a pipe would, for that stream to drain.
 * It is reached through exceljs' sheet stream; if a later exceljs lays it out otherwise, nothing waits.
 */
async function compressorCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const target = (sheet as unknown as SheetStreamInternals).stream?.pipes?.[0];
  if (target?._writableState?.needDrain) await new Promise<void>((resolve) => target.once('drain', resolve));
}
