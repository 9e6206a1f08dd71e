import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ImportRowError } from '../../../shared/contract';
import { XlsxRowsThread } from './rejected-rows-xlsx-thread';
import type { SheetRow } from './sheet-row';

/** CSV for text files; XLSX for workbooks (an XLSM's rows are written as XLSX: there is nothing to run in them). */
export type RejectedRowsFormat = 'csv' | 'xlsx';

export const REJECTED_ROWS_CONTENT_TYPES: Readonly<Record<RejectedRowsFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const REJECTED_ROWS_SHEET = 'Rejected rows';
export const ERROR_COLUMN = 'error';

interface RowSink {
  write(cells: readonly string[]): void;
  close(): Promise<void>;
}

/**
 * The rows set aside, with the original columns and an added `error` column, ready to correct and import again.
 * Written as the file came: CSV (UTF-8 with a BOM, so Excel opens it correctly) or an XLSX with one sheet, streamed
 * so a large file never sits in memory. The file is only created when a first row is set aside.
 */
export class RejectedRowsFile {
  readonly path: string;
  private sink: RowSink | null = null;
  private count = 0;

  constructor(
    folder: string,
    sourceFileName: string,
    private readonly headers: readonly string[],
    private readonly format: RejectedRowsFormat = 'csv',
  ) {
    mkdirSync(folder, { recursive: true });
    const stem = basename(sourceFileName, extname(sourceFileName));
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    this.path = join(folder, `${stem}-rejected-${stamp}.${format}`);
  }

  get rowsWritten(): number {
    return this.count;
  }

  add(row: SheetRow, errors: readonly ImportRowError[]): void {
    if (!this.sink) {
      this.sink = this.format === 'xlsx' ? xlsxSink(this.path) : csvSink(this.path);
      this.sink.write([...this.headers, ERROR_COLUMN]);
    }
    const cells = this.headers.map((_, index) => row.cells[index] ?? '');
    const error = errors
      .map((problem) => (problem.column ? `${problem.column}: ${problem.message}` : problem.message))
      .join('; ');
    this.sink.write([...cells, error]);
    this.count += 1;
  }

  async close(): Promise<void> {
    await this.sink?.close();
  }
}

export interface SavedRejectedRows {
  path: string;
  fileName: string;
  format: RejectedRowsFormat;
  sizeBytes: number;
}

/**
 * A rejected-rows file found by its name alone: only a CSV or XLSX file held directly in the folder (not in a
 * subfolder, not a link to somewhere else). Null for any other name, or when the file is gone.
 */
export async function findRejectedRowsFile(folder: string, fileName: string): Promise<SavedRejectedRows | null> {
  if (fileName === '' || /[/\\:\0]/.test(fileName) || basename(fileName) !== fileName) return null;
  const extension = extname(fileName).slice(1).toLowerCase();
  if (extension !== 'csv' && extension !== 'xlsx') return null;
  const path = join(folder, fileName);
  try {
    const stats = await lstat(path);
    return stats.isFile() ? { path, fileName, format: extension, sizeBytes: stats.size } : null;
  } catch {
    return null;
  }
}

/** A file stream whose write error (a full disk, a folder gone) is kept and reported when the file is closed. */
function fileStream(path: string): { out: WriteStream; finished: () => Promise<void> } {
  const out = createWriteStream(path);
  let failure: Error | null = null;
  out.on('error', (error) => (failure ??= error));
  const finished = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const settle = (): void =>
        failure ? reject(new Error(`The rows set aside could not be saved in ${path}: ${failure.message}`)) : resolve();
      if (out.closed || failure) settle();
      else out.once('close', settle);
    });
  return { out, finished };
}

function csvSink(path: string): RowSink {
  const { out, finished } = fileStream(path);
  let first = true;
  return {
    write(cells) {
      out.write(`${first ? '\uFEFF' : ''}${csvLine(cells)}`, 'utf8');
      first = false;
    },
    close() {
      if (!out.writableEnded) out.end();
      return finished();
    },
  };
}

// Characters XML 1.0 cannot hold at all (C0 controls other than tab and line breaks, U+FFFE, U+FFFF, lone
// surrogates): they are left out rather than written into a file Excel would call damaged.
const NOT_IN_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * One sheet of text cells (so phone numbers keep their leading zero and long references their digits), written by
 * exceljs' streaming WorkbookWriter on a thread of its own, row by row, never held whole.
 */
function xlsxSink(path: string): RowSink {
  const thread = new XlsxRowsThread(path, REJECTED_ROWS_SHEET);
  let closing: Promise<void> | null = null;
  return {
    write(cells) {
      thread.addRow(cells.map((cell) => cell.replace(NOT_IN_XML, '')));
    },
    close() {
      closing ??= thread.close().catch((error: unknown) => {
        throw new Error(
          `The rows set aside could not be saved in ${path}: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
      return closing;
    },
  };
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map((cell) => (/[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',')}\r\n`;
}
