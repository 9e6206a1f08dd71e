import type { Db } from '../database/open-database';

/** States a person may cancel: not yet handed to Notify, nor printed. */
const cancellableStates = ['scheduled', 'queued', 'needs-attention', 'waiting-to-print'] as const;

/** Moves those of `ids` that are in one of `fromStates` to `to`, each with an event. Returns the ids it moved. */
function moveMessages(
  db: Db,
  ids: readonly string[],
  fromStates: readonly string[],
  to: string,
  detail: string,
  extraSet = '',
): string[] {
  const nowIso = new Date().toISOString();
  const select = db.prepare(
    `SELECT id, state FROM outbox_messages WHERE id IN (SELECT value FROM json_each(?)) AND state IN (SELECT value FROM json_each(?))`,
  );
  const update = db.prepare(
    `UPDATE outbox_messages SET state = @to, updated_at = @now${extraSet} WHERE id = @id AND state = @from`,
  );
  const event = db.prepare(
    'INSERT INTO outbox_events (message_id, at, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?)',
  );
  return db
    .transaction(() => {
      const rows = select.all(JSON.stringify(ids), JSON.stringify(fromStates)) as { id: string; state: string }[];
      const moved: string[] = [];
      for (const row of rows) {
        if (update.run({ to, now: nowIso, id: row.id, from: row.state }).changes === 0) continue;
        event.run(row.id, nowIso, row.state, to, detail);
        moved.push(row.id);
      }
      return moved;
    })
    .immediate();
}

/**
 * Queues messages that need attention again, with a fresh count of attempts. A message whose earlier attempt may
 * have reached Notify keeps that flag, so its reference is looked up before it is sent.
 */
export function retryMessages(db: Db, ids: readonly string[], user: string): number {
  return moveMessages(
    db,
    ids,
    ['needs-attention'],
    'queued',
    `retried by ${user}`,
    ', attempts = 0, next_attempt_at = NULL, last_error = NULL, held_for = NULL',
  ).length;
}

/** Cancels messages that have not been handed to Notify: scheduled, queued, or waiting for attention. */
export function cancelMessages(db: Db, ids: readonly string[], user: string): number {
  return moveMessages(
    db,
    ids,
    cancellableStates,
    'cancelled',
    `cancelled by ${user}`,
    ', next_attempt_at = NULL, completed_at = @now',
  ).length;
}

/**
 * Cancels every message of a batch that has not been handed to Notify; those already sent go on. Returns the ids
 * cancelled, or null when there is no such batch.
 */
export function cancelBatchMessages(db: Db, batchId: string, user: string): string[] | null {
  if (db.prepare('SELECT 1 FROM batches WHERE id = ?').get(batchId) === undefined) return null;
  const ids = (
    db
      .prepare(`SELECT id FROM outbox_messages WHERE batch_id = ? AND state IN (SELECT value FROM json_each(?))`)
      .all(batchId, JSON.stringify(cancellableStates)) as { id: string }[]
  ).map((row) => row.id);
  if (ids.length === 0) return [];
  return moveMessages(
    db,
    ids,
    cancellableStates,
    'cancelled',
    `cancelled with the rest of its batch by ${user}`,
    ', next_attempt_at = NULL, completed_at = @now',
  );
}
