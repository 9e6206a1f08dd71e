import type { Db } from '../database/open-database';

function moveMessages(db: Db, ids: readonly string[], fromStates: readonly string[], to: string, detail: string, extraSet = ''): number {
  const nowIso = new Date().toISOString();
  const select = db.prepare(
    `SELECT id, state FROM outbox_messages WHERE id IN (SELECT value FROM json_each(?)) AND state IN (SELECT value FROM json_each(?))`,
  );
  const update = db.prepare(
    `UPDATE outbox_messages SET state = ?, updated_at = ?${extraSet} WHERE id = ? AND state = ?`,
  );
  const event = db.prepare('INSERT INTO outbox_events (message_id, at, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?)');
  return db.transaction(() => {
    const rows = select.all(JSON.stringify(ids), JSON.stringify(fromStates)) as { id: string; state: string }[];
    let changed = 0;
    for (const row of rows) {
      if (update.run(to, nowIso, row.id, row.state).changes === 0) continue;
      event.run(row.id, nowIso, row.state, to, detail);
      changed += 1;
    }
    return changed;
  }).immediate();
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
    ', attempts = 0, next_attempt_at = NULL, last_error = NULL',
  );
}

/** Cancels messages that have not been handed to Notify: scheduled, queued, or waiting for attention. */
export function cancelMessages(db: Db, ids: readonly string[], user: string): number {
  return moveMessages(
    db,
    ids,
    ['scheduled', 'queued', 'needs-attention'],
    'cancelled',
    `cancelled by ${user}`,
    `, next_attempt_at = NULL, completed_at = '${new Date().toISOString()}'`,
  );
}
