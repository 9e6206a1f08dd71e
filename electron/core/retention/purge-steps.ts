import { finalMessageStates } from '../../../shared/contract';
import { statusesInBucket } from '../../../shared/notify/notification-status';
import type { Db } from '../database/open-database';

/** How many rows, and the time of the oldest. */
export interface StepCount {
  rows: number;
  oldest: string | null;
}

/**
 * One kind of thing a purge takes from the database, in chunks of rows each taken in one short transaction, oldest
 * first: `count` says what it would take, `take` takes the next chunk (no rows: done).
 */
export interface PurgeStep {
  count(): StepCount;
  take(limit: number): StepCount;
}

/** Bound to every step's query: the time before which it takes rows, and the states that mean a message is finished. */
interface StepParameters {
  before: string;
  finalStates: string;
  /** Statuses of the record that may still change (Notify's "delivering"): such a message is not finished with. */
  openStatuses: string;
}

const stepParameters = (before: string): StepParameters => ({
  before,
  finalStates: JSON.stringify(finalMessageStates),
  openStatuses: JSON.stringify(statusesInBucket('delivering')),
});

const FINISHED_MESSAGE = `state IN (SELECT value FROM json_each(@finalStates))`;
const FINISHED_RECORD = `status NOT IN (SELECT value FROM json_each(@openStatuses))`;

interface KeyedRow {
  id: string;
  at: string;
  position: string | number;
}

/**
 * A step over rows found through an index on a time, read from where the last chunk stopped (`at`, then `position`,
 * the index's own order): rows the step passes over and leaves (a message not finished yet) are never read twice.
 */
function keysetStep(
  db: Db,
  before: string,
  select: { from: string; where: string; at: string; position: string },
  apply: (ids: string[]) => void,
): PurgeStep {
  const parameters = stepParameters(before);
  const base = `FROM ${select.from} WHERE ${select.at} < @before AND ${select.where}`;
  const next = db.prepare(
    `SELECT id, ${select.at} AS at, ${select.position} AS position ${base}
       AND (${select.at}, ${select.position}) > (@fromAt, @fromPosition)
     ORDER BY ${select.at}, ${select.position} LIMIT @limit`,
  );
  const count = db.prepare(`SELECT count(*) AS rows, min(${select.at}) AS oldest ${base}`);
  let fromAt = '';
  let fromPosition: string | number = '';
  const takeChunk = db.transaction((rows: KeyedRow[]) => apply(rows.map((row) => row.id)));
  return {
    count: () => count.get(parameters) as StepCount,
    take(limit) {
      const rows = next.all({ ...parameters, fromAt, fromPosition, limit }) as KeyedRow[];
      const last = rows.at(-1);
      if (!last) return { rows: 0, oldest: null };
      takeChunk.immediate(rows);
      fromAt = last.at;
      fromPosition = last.position;
      return { rows: rows.length, oldest: rows[0]?.at ?? null };
    },
  };
}

const inIds = `IN (SELECT value FROM json_each(@ids))`;

/** Statements run on each chunk's ids (`@ids`, a JSON array); `@now` is the time the purge runs at. */
function statements(db: Db, sql: readonly string[], now?: string): (ids: string[]) => void {
  const prepared = sql.map((text) => db.prepare(text));
  return (ids) => {
    const json = JSON.stringify(ids);
    for (const statement of prepared) statement.run(now === undefined ? { ids: json } : { ids: json, now });
  };
}

/**
 * Personal data of this desk's finished messages created before `before`: recipient, values, content and spreadsheet
 * row are erased in the outbox and in the record's copy, and an uploaded PDF letter goes; template, status, times and
 * cost stay, so the record's totals are untouched (no trigger counts these columns).
 */
export function eraseOutboxPersonalData(db: Db, before: string, now: string): PurgeStep {
  return keysetStep(
    db,
    before,
    {
      from: 'outbox_messages INDEXED BY outbox_messages_personal_data',
      where: `personal_data_erased_at IS NULL AND ${FINISHED_MESSAGE}`,
      at: 'created_at',
      position: 'rowid',
    },
    statements(
      db,
      [
        `UPDATE outbox_messages SET recipient = '', personalisation = '{}', rendered_body = '', rendered_subject = NULL,
         row_cells = NULL, personal_data_erased_at = @now WHERE id ${inIds}`,
        `UPDATE record_messages SET recipient = '', recipient_key = '', subject = NULL, body = NULL, personal_data_erased_at = @now
         WHERE id ${inIds}`,
        `DELETE FROM precompiled_letters WHERE message_id ${inIds}`,
      ],
      now,
    ),
  );
}

/** Personal data of finished messages the record holds from elsewhere (other desks, the API, Notify's own pages). */
export function eraseRecordPersonalData(db: Db, before: string, now: string): PurgeStep {
  return keysetStep(
    db,
    before,
    {
      from: 'record_messages INDEXED BY record_messages_personal_data',
      where: `personal_data_erased_at IS NULL AND origin <> 'desk' AND ${FINISHED_RECORD}`,
      at: 'created_at',
      position: 'rowid',
    },
    statements(
      db,
      [
        `UPDATE record_messages SET recipient = '', recipient_key = '', subject = NULL, body = NULL, personal_data_erased_at = @now
         WHERE id ${inIds}`,
      ],
      now,
    ),
  );
}

/** Texts received before `before`: the number and the words are all they hold, so they go whole. */
export function deleteReceivedTexts(db: Db, before: string): PurgeStep {
  return keysetStep(
    db,
    before,
    { from: 'received_texts INDEXED BY received_texts_received', where: 'true', at: 'received_at', position: 'rowid' },
    statements(db, [`DELETE FROM received_texts WHERE id ${inIds}`]),
  );
}

/** This desk's finished messages created before `before`, whole: the outbox row, its events and its record. */
export function deleteOutboxMessages(db: Db, before: string): PurgeStep {
  return keysetStep(
    db,
    before,
    {
      from: 'outbox_messages INDEXED BY outbox_messages_created',
      where: FINISHED_MESSAGE,
      at: 'created_at',
      position: 'rowid',
    },
    statements(db, [
      `DELETE FROM outbox_events WHERE message_id ${inIds}`,
      `DELETE FROM letter_print_items WHERE message_id ${inIds}`,
      `DELETE FROM precompiled_letters WHERE message_id ${inIds}`,
      `DELETE FROM record_events WHERE message_id ${inIds}`,
      `DELETE FROM record_messages WHERE id ${inIds}`,
      `DELETE FROM outbox_messages WHERE id ${inIds}`,
    ]),
  );
}

/** Messages from elsewhere created before `before`, whole. Their daily totals stay: no trigger counts a deletion. */
export function deleteRecordMessages(db: Db, before: string): PurgeStep {
  return keysetStep(
    db,
    before,
    {
      from: 'record_messages INDEXED BY record_messages_created',
      where: `origin <> 'desk' AND ${FINISHED_RECORD}`,
      at: 'created_at',
      position: 'id',
    },
    statements(db, [
      `DELETE FROM record_events WHERE message_id ${inIds}`,
      `DELETE FROM record_messages WHERE id ${inIds}`,
    ]),
  );
}

/** Print runs before `before` whose letters have all gone. */
export function deletePrintRuns(db: Db, before: string): PurgeStep {
  return keysetStep(
    db,
    before,
    {
      from: 'letter_print_runs',
      where: 'NOT EXISTS (SELECT 1 FROM letter_print_items i WHERE i.print_run_id = letter_print_runs.id)',
      at: 'printed_at',
      position: 'rowid',
    },
    statements(db, [`DELETE FROM letter_print_runs WHERE id ${inIds}`]),
  );
}

/** Imports before `before` none of whose messages or print runs are left. */
export function deleteBatches(db: Db, before: string): PurgeStep {
  return keysetStep(
    db,
    before,
    {
      from: 'batches',
      where: `status <> 'importing'
        AND NOT EXISTS (SELECT 1 FROM outbox_messages m WHERE m.batch_id = batches.id)
        AND NOT EXISTS (SELECT 1 FROM letter_print_runs r WHERE r.batch_id = batches.id)`,
      at: 'created_at',
      position: 'rowid',
    },
    statements(db, [`DELETE FROM batches WHERE id ${inIds}`]),
  );
}

/** What the desk noted about files it took from watch folders before `before` and has finished with. */
export function deleteWatchFolderFiles(db: Db, before: string): PurgeStep {
  return keysetStep(
    db,
    before,
    { from: 'watch_folder_files', where: `(state = 'done' OR state = 'failed')`, at: 'started_at', position: 'rowid' },
    statements(db, [`DELETE FROM watch_folder_files WHERE id ${inIds}`]),
  );
}
