import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as z from 'zod';
import type { ConnectionSettings } from '../database/open-database';

/** Named values bound to the statement on every run, besides the chunk itself. */
export type FixedParameters = Readonly<Record<string, string | number | null>>;

// The thread's code is given as source so that it runs the same from TypeScript (tests, command line) and from the
// bundled desktop app, where no separate worker file exists. It only opens the database (with the core's key and
// pragmas) and runs the statement.
// A chunk arrives as one JSON array, in a string, and is bound whole to the statement's @rows: the statement reads
// its rows with json_each, so neither thread builds or binds values row by row.
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.connection.file, { fileMustExist: true });
for (const pragma of workerData.connection.pragmas) db.pragma(pragma);
const statement = db.prepare(workerData.statement);
const insertChunk = db.transaction((rows) => statement.run({ ...workerData.fixedParameters, rows }).changes);
parentPort.on('message', (chunk) => {
  if (chunk === null) {
    db.close();
    parentPort.postMessage({ closed: true });
    return;
  }
  try {
    parentPort.postMessage({ inserted: insertChunk(chunk) });
  } catch (error) {
    parentPort.postMessage({ failed: error instanceof Error ? error.message : String(error) });
  }
});
`;

const threadReplySchema = z.union([
  z.object({ inserted: z.number() }),
  z.object({ failed: z.string() }),
  z.object({ closed: z.literal(true) }),
]);

/** How many chunks may wait for the thread before the producer is made to wait: bounds memory. */
const MAX_CHUNKS_IN_FLIGHT = 2;

/**
 * Runs one insert statement on a second database connection in a worker thread, so that a large import checks rows
 * on one core while SQLite writes them on the other. Chunks are written in the order sent, each in its own
 * transaction.
 */
export class InsertThread {
  private readonly worker: Worker;
  private inFlight = 0;
  private inserted = 0;
  private failure: Error | null = null;
  private waitingForRoom: (() => void) | null = null;
  private closing = false;
  private readonly closed: Promise<void>;

  constructor(connection: ConnectionSettings, statement: string, fixedParameters: FixedParameters = {}) {
    const driverPath = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
    this.worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: { driverPath, connection, statement, fixedParameters },
    });
    this.closed = new Promise((resolve) => {
      this.worker.on('message', (raw: unknown) => {
        const reply = threadReplySchema.parse(raw);
        if ('closed' in reply) return resolve();
        this.inFlight -= 1;
        if ('inserted' in reply) this.inserted += reply.inserted;
        else this.failure ??= new Error(`Could not write the batch to the outbox: ${reply.failed}`);
        this.wake();
      });
      this.worker.on('error', (error) => {
        this.failure ??= error;
        this.wake();
        resolve();
      });
      this.worker.on('exit', () => {
        if (!this.closing) this.failure ??= new Error('The outbox writer stopped before it finished.');
        this.wake();
        resolve();
      });
    });
  }

  /**
   * Sends a chunk of rows, as a JSON array, written whole or not at all; waits first while too many are still being
   * written.
   */
  async send(rowsAsJson: string): Promise<void> {
    while (this.inFlight >= MAX_CHUNKS_IN_FLIGHT && this.failure === null) {
      await new Promise<void>((resolve) => (this.waitingForRoom = resolve));
    }
    if (this.failure) throw this.failure;
    this.inFlight += 1;
    this.worker.postMessage(rowsAsJson);
  }

  /** Waits for every chunk sent, closes the thread's connection, and reports the first failure. */
  async finish(): Promise<number> {
    while (this.inFlight > 0 && this.failure === null) {
      await new Promise<void>((resolve) => (this.waitingForRoom = resolve));
    }
    this.closing = true;
    this.worker.postMessage(null);
    await this.closed;
    await this.worker.terminate();
    if (this.failure) throw this.failure;
    return this.inserted;
  }

  /** Stops at once; a chunk being written is rolled back with the connection. */
  async stop(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private wake(): void {
    const waiting = this.waitingForRoom;
    this.waitingForRoom = null;
    waiting?.();
  }
}
