import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { ImportRowError } from '../../../shared/contract';
import type { SheetRow } from './sheet-row';

/**
 * The rows set aside, written as a CSV spreadsheet (UTF-8 with a BOM, so Excel opens it correctly) with the
 * original columns and an added `error` column, ready to correct and import again.
 */
export class RejectedRowsFile {
  readonly path: string;
  private readonly out: WriteStream;
  private count = 0;

  constructor(folder: string, sourceFileName: string, private readonly headers: readonly string[]) {
    mkdirSync(folder, { recursive: true });
    const stem = basename(sourceFileName, extname(sourceFileName));
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    this.path = join(folder, `${stem}-rejected-${stamp}.csv`);
    this.out = createWriteStream(this.path, { encoding: 'utf8' });
    this.out.write(`\uFEFF${csvLine([...headers, 'error'])}`);
  }

  get rowsWritten(): number {
    return this.count;
  }

  add(row: SheetRow, errors: readonly ImportRowError[]): void {
    const cells = this.headers.map((_, index) => row.cells[index] ?? '');
    const error = errors.map((problem) => (problem.column ? `${problem.column}: ${problem.message}` : problem.message)).join('; ');
    this.out.write(csvLine([...cells, error]));
    this.count += 1;
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => resolve());
    });
  }
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map((cell) => (/[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',')}\r\n`;
}
