import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../database/open-database';

const statements = new WeakMap<Db, { submitted: Statement; failover: Statement; event: Statement }>();

function prepared(db: Db) {
  let found = statements.get(db);
  if (!found) {
    found = {
      submitted: db.prepare(
        `UPDATE outbox_messages SET provider = ?, outcome_unknown = 1 WHERE id = ? AND lease_owner = ? AND state = 'sending'`,
      ),
      failover: db.prepare(
        `UPDATE outbox_messages SET lease_expires_at = ?, provider = NULL WHERE id = ? AND lease_owner = ? AND state = 'sending'`,
      ),
      event: db.prepare(
        `INSERT INTO outbox_events (message_id, at, from_state, to_state, detail) VALUES (?, ?, 'sending', 'sending', ?)`,
      ),
    };
    statements.set(db, found);
  }
  return found;
}

/**
 * Written just before a request leaves for a provider, and committed before it does: the message is being handed to
 * `provider` and its outcome is unknown until the provider answers. A crash from here on leaves that on record.
 */
export function markSubmitted(db: Db, owner: string, messageId: string, provider: string): void {
  prepared(db).submitted.run(provider, messageId, owner);
}

/** A route proved it did not take the message and the next one will try: said in its history; no provider holds it; its lease renewed. */
export function recordFailover(
  db: Db,
  owner: string,
  messageId: string,
  detail: string,
  leaseMs: number,
  now: Date = new Date(),
): void {
  db.transaction(() => {
    prepared(db).failover.run(new Date(now.getTime() + leaseMs).toISOString(), messageId, owner);
    prepared(db).event.run(messageId, now.toISOString(), detail);
  })();
}
