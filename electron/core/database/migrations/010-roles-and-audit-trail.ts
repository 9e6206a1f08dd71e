import type { Migration } from '../migration';

/**
 * Trust:
 * - `templates.allowed_roles`: a JSON array of the roles that may use a template; NULL lets every role use it.
 * - `audit_entries`: the audit trail, appended to only. Each entry holds the SHA-256 of the one before it
 *   (`previous_hash`, 64 zeros for the first) and its own (`hash`, over a canonical form of the entry), so a changed,
 *   removed or reordered entry breaks the chain. AUTOINCREMENT keeps the highest number ever given in
 *   `sqlite_sequence`, so entries removed from the end show too. Triggers refuse every change and deletion.
 */
export const rolesAndAuditTrail: Migration = {
  version: 10,
  description: 'roles that may use each template; the append-only, hash-chained audit trail',
  up(db) {
    db.exec(`
      ALTER TABLE templates ADD COLUMN allowed_roles TEXT;

      CREATE TABLE audit_entries (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        -- Canonical JSON (RFC 8785) of what was done: ids, names, counts, filters; never a message's content.
        detail TEXT NOT NULL,
        previous_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;

      CREATE TRIGGER audit_entries_are_never_changed BEFORE UPDATE ON audit_entries
      BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed: entries are only ever added.'); END;
      CREATE TRIGGER audit_entries_are_never_deleted BEFORE DELETE ON audit_entries
      BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed: entries are only ever added.'); END;
    `);
  },
};
