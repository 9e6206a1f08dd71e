import type { LetterPrintGroup } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { isSendingPaused } from '../outbox/sending-controls';
import { lettersArePrinted } from '../routing/channel-routes';

/** Which letters: one import's, those sent one by one (null), or all (undefined). */
export interface LetterScope {
  batchId?: string | null;
}

const scopeCondition = (scope: LetterScope): string =>
  scope.batchId === undefined ? '1' : scope.batchId === null ? 'm.batch_id IS NULL' : 'm.batch_id = @batchId';
const scopeParams = (scope: LetterScope): { batchId?: string } =>
  typeof scope.batchId === 'string' ? { batchId: scope.batchId } : {};

const event = (db: Db) =>
  db.prepare('INSERT INTO outbox_events (message_id, at, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?)');

/**
 * When letters are printed in the post room, due letters leave the queue for the printer instead of Notify. A letter
 * that may already have reached Notify (an attempt's outcome unknown) stays for the sync engine to settle, and PDF
 * letters always go to Notify. Paused batches and paused sending hold letters as they hold messages.
 */
export function routeDueLettersToPrint(db: Db, now: Date = new Date()): string[] {
  if (!lettersArePrinted(db)) return [];
  const nowIso = now.toISOString();
  return db
    .transaction(() => {
      if (isSendingPaused(db)) return [];
      const ids = db
        .prepare(
          `SELECT m.id FROM outbox_messages m
         WHERE m.type = 'letter' AND m.state = 'queued' AND m.send_after <= @now AND m.outcome_unknown = 0
           AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= @now)
           AND (m.batch_id IS NULL OR EXISTS (SELECT 1 FROM batches b WHERE b.id = m.batch_id AND b.status = 'ready' AND b.paused = 0))
           AND NOT EXISTS (SELECT 1 FROM precompiled_letters p WHERE p.message_id = m.id)`,
        )
        .pluck()
        .all({ now: nowIso }) as string[];
      const update = db.prepare(
        `UPDATE outbox_messages SET state = 'waiting-to-print', updated_at = ? WHERE id = ? AND state = 'queued'`,
      );
      const record = event(db);
      for (const id of ids) {
        update.run(nowIso, id);
        record.run(id, nowIso, 'queued', 'waiting-to-print', 'letters are printed in the post room');
      }
      return ids;
    })
    .immediate();
}

/**
 * The letters a print run takes, in print order: those waiting to be printed; when none are, those printed and not
 * yet posted, printed again.
 */
export function lettersToPrint(db: Db, scope: LetterScope): { ids: string[]; reprint: boolean } {
  const select = (state: string) =>
    db
      .prepare(
        `SELECT m.id FROM outbox_messages m WHERE m.type = 'letter' AND m.state = '${state}' AND ${scopeCondition(scope)}
         ORDER BY m.batch_id IS NOT NULL, m.batch_id, m.created_at, m.rowid`,
      )
      .pluck()
      .all(scopeParams(scope)) as string[];
  const waiting = select('waiting-to-print');
  if (waiting.length > 0) return { ids: waiting, reprint: false };
  return { ids: select('printed'), reprint: true };
}

export interface PrintedLetter {
  id: string;
  firstPage: number;
  pageCount: number;
}

export interface PrintRunRecord {
  printRunId: string;
  letters: readonly PrintedLetter[];
  batchId: string | null;
  /** 'pdf' or the printer's name. */
  destination: string;
  printerJob: string | null;
  user: string;
  now?: Date;
}

/** Records a print run and moves its letters to printed. Letters cancelled meanwhile stay cancelled. Returns the ids moved. */
export function recordPrintRun(db: Db, run: PrintRunRecord): string[] {
  const at = (run.now ?? new Date()).toISOString();
  const { printRunId } = run;
  const pageCount = run.letters.reduce((sum, letter) => sum + letter.pageCount, 0);
  const detail =
    run.destination === 'pdf'
      ? `saved as a PDF to print by ${run.user}`
      : `sent to the printer ${run.destination} by ${run.user}${run.printerJob ? ` (${run.printerJob})` : ''}`;
  return db
    .transaction(() => {
      db.prepare(
        `INSERT INTO letter_print_runs (id, batch_id, letter_count, page_count, destination, printer_job, printed_at, printed_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(printRunId, run.batchId, run.letters.length, pageCount, run.destination, run.printerJob, at, run.user);
      const current = db.prepare(`SELECT state FROM outbox_messages WHERE id = ?`).pluck();
      const update = db.prepare(
        `UPDATE outbox_messages SET state = 'printed', updated_at = ? WHERE id = ? AND state IN ('waiting-to-print', 'printed')`,
      );
      const item = db.prepare(
        `INSERT INTO letter_print_items (message_id, print_run_id, first_page, page_count) VALUES (?, ?, ?, ?)
       ON CONFLICT (message_id) DO UPDATE SET print_run_id = excluded.print_run_id, first_page = excluded.first_page, page_count = excluded.page_count`,
      );
      const record = event(db);
      const changed: string[] = [];
      for (const letter of run.letters) {
        const from = current.get(letter.id) as string | undefined;
        if (update.run(at, letter.id).changes === 0) continue;
        item.run(letter.id, printRunId, letter.firstPage, letter.pageCount);
        record.run(letter.id, at, from ?? null, 'printed', from === 'printed' ? `printed again: ${detail}` : detail);
        changed.push(letter.id);
      }
      db.prepare('UPDATE letter_print_runs SET letter_count = ? WHERE id = ?').run(changed.length, printRunId);
      return changed;
    })
    .immediate();
}

/** The post room has posted the printed letters of the scope: recorded with who and when. Returns the ids moved. */
export function markLettersPosted(db: Db, scope: LetterScope, user: string, now: Date = new Date()): string[] {
  const at = now.toISOString();
  return db
    .transaction(() => {
      const ids = db
        .prepare(
          `SELECT m.id FROM outbox_messages m WHERE m.type = 'letter' AND m.state = 'printed' AND ${scopeCondition(scope)}`,
        )
        .pluck()
        .all(scopeParams(scope)) as string[];
      const update = db.prepare(
        `UPDATE outbox_messages SET state = 'posted', updated_at = @at, completed_at = @at WHERE id = @id AND state = 'printed'`,
      );
      const record = event(db);
      for (const id of ids) {
        update.run({ at, id });
        record.run(id, at, 'printed', 'posted', `posted by ${user}`);
      }
      db.prepare(
        `UPDATE letter_print_runs SET posted_at = @at, posted_by = @user
       WHERE posted_at IS NULL AND id IN (SELECT print_run_id FROM letter_print_items WHERE message_id IN (SELECT value FROM json_each(@ids)))
         AND NOT EXISTS (SELECT 1 FROM letter_print_items i JOIN outbox_messages m ON m.id = i.message_id
                         WHERE i.print_run_id = letter_print_runs.id AND m.state = 'printed')`,
      ).run({ at, user, ids: JSON.stringify(ids) });
      return ids;
    })
    .immediate();
}

interface GroupRow {
  batch_id: string | null;
  file_name: string | null;
  waiting: number;
  printed: number;
  posted: number;
  last_printed_at: string | null;
  last_printed_by: string | null;
}

export const ONE_BY_ONE_GROUP_NAME = 'Letters sent one by one';

/** Imports (and the letters sent one by one) with letters waiting to be printed or to be posted. */
export function listLetterGroups(db: Db): LetterPrintGroup[] {
  const rows = db
    .prepare(
      `WITH last_run AS (
         SELECT m.batch_id, r.printed_at, r.printed_by,
           ROW_NUMBER() OVER (PARTITION BY m.batch_id ORDER BY r.printed_at DESC) AS n
         FROM letter_print_items i JOIN letter_print_runs r ON r.id = i.print_run_id JOIN outbox_messages m ON m.id = i.message_id
         WHERE m.state = 'printed')
       SELECT g.batch_id, b.file_name, g.waiting, g.printed, g.posted,
         l.printed_at AS last_printed_at, l.printed_by AS last_printed_by
       FROM (SELECT m.batch_id,
               SUM(m.state = 'waiting-to-print') AS waiting, SUM(m.state = 'printed') AS printed, SUM(m.state = 'posted') AS posted
             FROM outbox_messages m WHERE m.type = 'letter' AND m.state IN ('waiting-to-print', 'printed', 'posted')
             GROUP BY m.batch_id) g
       LEFT JOIN batches b ON b.id = g.batch_id
       LEFT JOIN last_run l ON l.batch_id IS g.batch_id AND l.n = 1
       WHERE g.waiting > 0 OR g.printed > 0
       ORDER BY g.batch_id IS NOT NULL, b.created_at DESC`,
    )
    .all() as GroupRow[];
  return rows.map((row) => ({
    batchId: row.batch_id,
    name: row.batch_id === null ? ONE_BY_ONE_GROUP_NAME : (row.file_name ?? row.batch_id),
    waitingToPrint: row.waiting,
    printed: row.printed,
    posted: row.posted,
    lastPrintedAt: row.last_printed_at,
    lastPrintedBy: row.last_printed_by,
  }));
}
