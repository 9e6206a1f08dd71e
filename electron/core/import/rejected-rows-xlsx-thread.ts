import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as z from 'zod';

// The thread's code is given as source so that it runs the same from TypeScript (tests, command line) and from the
// bundled desktop app, where no separate worker file exists. It loads exceljs' streaming WorkbookWriter on its own
// (not the whole package) and writes the rows it is sent into one sheet of text cells.
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createWriteStream } = require('node:fs');
const WorkbookWriter = require(workerData.writerPath);
const out = createWriteStream(workerData.path);
let failure = null;
const failed = new Promise((_, reject) => out.on('error', (error) => reject((failure ??= error))));
failed.catch(() => undefined);
const closed = new Promise((resolve) => out.once('close', resolve));
const workbook = new WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: false });
const sheet = workbook.addWorksheet(workerData.sheetName);
parentPort.on('message', (rows) => {
  if (rows !== null) {
    for (const row of rows) sheet.addRow(row).commit();
    return;
  }
  sheet.commit();
  Promise.race([workbook.commit(), failed])
    .then(() => closed)
    .then(() => {
      if (failure) throw failure;
      parentPort.postMessage({ closed: true });
    })
    .catch((error) => parentPort.postMessage({ failed: error instanceof Error ? error.message : String(error) }));
});
`;

const threadReplySchema = z.union([z.object({ closed: z.literal(true) }), z.object({ failed: z.string() })]);

/** Rows are sent to the thread in batches of this many. */
const ROWS_PER_MESSAGE = 500;

/**
 * Writes a one-sheet XLSX of text cells with exceljs' streaming WorkbookWriter on a worker thread, so that loading
 * and running exceljs never holds up the thread that reads and checks the import. Cells that are '' are left out.
 */
export class XlsxRowsThread {
  private readonly worker: Worker;
  private batch: (string | null)[][] = [];
  private readonly finished: Promise<void>;
  private closing: Promise<void> | null = null;

  constructor(path: string, sheetName: string) {
    const writerPath = createRequire(import.meta.url).resolve('exceljs/lib/stream/xlsx/workbook-writer.js');
    this.worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { writerPath, path, sheetName } });
    this.finished = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.once('exit', () => reject(new Error('the writing thread stopped')));
      this.worker.once('message', (reply: unknown) => {
        const parsed = threadReplySchema.parse(reply);
        if ('failed' in parsed) reject(new Error(parsed.failed));
        else resolve();
      });
    });
    this.finished.catch(() => undefined);
  }

  addRow(cells: readonly string[]): void {
    this.batch.push(cells.map((cell) => (cell === '' ? null : cell)));
    if (this.batch.length >= ROWS_PER_MESSAGE) this.send();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.send();
      this.worker.postMessage(null);
      try {
        await this.finished;
      } finally {
        await this.worker.terminate();
      }
    })();
    return this.closing;
  }

  private send(): void {
    if (this.batch.length === 0) return;
    this.worker.postMessage(this.batch);
    this.batch = [];
  }
}
