import { statSync } from 'node:fs';
import type { PurgeSummary, RetentionPeriods } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { purgeFiles } from './purge-files';
import {
  deleteBatches,
  deleteOutboxMessages,
  deletePrintRuns,
  deleteReceivedTexts,
  deleteRecordMessages,
  deleteWatchFolderFiles,
  eraseOutboxPersonalData,
  eraseRecordPersonalData,
  type PurgeStep,
} from './purge-steps';
import { recordPurge } from './retention-settings';

const DAY_MS = 86_400_000;

/** Rows taken in one transaction: a few milliseconds of holding the database, so sending is never held up for long. */
export const PURGE_CHUNK_ROWS = 500;
/** Pages given back to the file system at a time (8 MB at SQLite's 4 KB pages). */
const VACUUM_STEP_PAGES = 2_000;

export interface PurgeOptions {
  now?: Date;
  dryRun?: boolean;
  requestedBy?: string | null;
  chunkRows?: number;
  /** Lets other work run between two chunks (the sync's sends and status checks): by default one turn of the event loop. */
  pause?: () => Promise<void>;
  signal?: AbortSignal;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Tally {
  rows: number;
  oldest: string | null;
}

async function runSteps(
  steps: readonly PurgeStep[],
  options: Required<Pick<PurgeOptions, 'chunkRows' | 'pause'>> & PurgeOptions,
): Promise<Tally> {
  const tally: Tally = { rows: 0, oldest: null };
  const noteOldest = (at: string | null) => {
    if (at !== null && (tally.oldest === null || at < tally.oldest)) tally.oldest = at;
  };
  for (const step of steps) {
    if (options.dryRun) {
      const { rows, oldest } = step.count();
      tally.rows += rows;
      noteOldest(oldest);
      continue;
    }
    for (;;) {
      options.signal?.throwIfAborted();
      const taken = step.take(options.chunkRows);
      if (taken.rows === 0) break;
      tally.rows += taken.rows;
      noteOldest(taken.oldest);
      await options.pause();
    }
  }
  return tally;
}

/** Gives the pages the purge freed back to the file system, a step at a time. */
async function giveBackFreePages(db: Db, pause: () => Promise<void>): Promise<void> {
  if (db.pragma('auto_vacuum', { simple: true }) !== 2) return;
  while ((db.pragma('freelist_count', { simple: true }) as number) > 0) {
    db.pragma(`incremental_vacuum(${VACUUM_STEP_PAGES})`);
    await pause();
  }
}

const WAL_EMPTYING_ATTEMPTS = 20;
const WAL_EMPTYING_INTERVAL_MS = 250;

/**
 * Writes the WAL into the database and empties it, since its older frames still hold what was erased: only at a
 * moment no other connection is reading or writing (never waiting for one), tried a few times. The database file
 * shrinks then too.
 */
async function emptyWal(db: Db): Promise<void> {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    for (let attempt = 0; attempt < WAL_EMPTYING_ATTEMPTS; attempt += 1) {
      const [outcome] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (outcome?.busy === 0) return;
      await new Promise((resolve) => setTimeout(resolve, WAL_EMPTYING_INTERVAL_MS));
    }
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

const fileSize = (db: Db): number => (db.memory ? 0 : statSync(db.name).size);

/**
 * Applies the retention periods: personal data of finished messages older than the personal-data period is erased
 * (and received texts, uploaded copies, files of rows set aside, watch-folder copies and reports, letter PDFs and
 * waiting exports of that age go), then whole records older than the record period go. Each chunk of rows is one
 * short transaction, with the event loop free between chunks. Erased and deleted content is overwritten in the file
 * (`secure_delete`), and freed pages are given back. A dry run counts what would go and changes nothing.
 */
export async function purge(
  ctx: { db: Db; dataDir: string },
  periods: RetentionPeriods,
  options: PurgeOptions = {},
): Promise<PurgeSummary> {
  const { db } = ctx;
  const now = options.now ?? new Date();
  const run = { ...options, chunkRows: options.chunkRows ?? PURGE_CHUNK_ROWS, pause: options.pause ?? nextTurn };
  const at = now.toISOString();
  const recordsBefore = new Date(now.getTime() - periods.recordDays * DAY_MS).toISOString();
  // What goes whole goes with its personal data, whichever period is the shorter.
  const personalBefore = [new Date(now.getTime() - periods.personalDataDays * DAY_MS).toISOString(), recordsBefore]
    .sort()
    .at(-1) as string;
  const bytesBefore = fileSize(db);

  const secureDelete = db.pragma('secure_delete', { simple: true }) as number;
  if (!run.dryRun) db.pragma('secure_delete = ON');
  try {
    const erased = await runSteps(
      [eraseOutboxPersonalData(db, personalBefore, at), eraseRecordPersonalData(db, personalBefore, at)],
      run,
    );
    const receivedTexts = await runSteps([deleteReceivedTexts(db, personalBefore)], run);
    const deleted = await runSteps(
      [deleteOutboxMessages(db, recordsBefore), deleteRecordMessages(db, recordsBefore)],
      run,
    );
    const printRuns = await runSteps([deletePrintRuns(db, recordsBefore)], run);
    const batches = await runSteps([deleteBatches(db, recordsBefore)], run);
    const files = await purgeFiles(db, ctx.dataDir, personalBefore, run.dryRun === true);
    const watchFolderFiles = await runSteps([deleteWatchFolderFiles(db, recordsBefore)], run);
    if (!run.dryRun) {
      await giveBackFreePages(db, run.pause);
      await emptyWal(db);
    }

    const summary: PurgeSummary = {
      dryRun: run.dryRun === true,
      at,
      requestedBy: options.requestedBy ?? null,
      personalData: {
        days: periods.personalDataDays,
        before: personalBefore,
        messages: erased.rows,
        receivedTexts: receivedTexts.rows,
        oldest: erased.oldest,
      },
      records: {
        days: periods.recordDays,
        before: recordsBefore,
        messages: deleted.rows,
        batches: batches.rows,
        printRuns: printRuns.rows,
        watchFolderFiles: watchFolderFiles.rows,
        oldest: deleted.oldest,
      },
      files,
      databaseBytes: run.dryRun ? null : { before: bytesBefore, after: fileSize(db) },
    };
    if (!run.dryRun) recordPurge(db, summary);
    return summary;
  } finally {
    if (!run.dryRun) db.pragma(`secure_delete = ${secureDelete}`);
  }
}
