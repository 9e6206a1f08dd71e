import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, openDatabase, schemaVersion } from '../../../electron/core/database/open-database';
import { migrations } from '../../../electron/core/database/migrations';
import { makeTempDir } from '../../helpers/temp-dir';

const folders: { remove(): void }[] = [];
const tempFile = () => {
  const folder = makeTempDir();
  folders.push(folder);
  return join(folder.path, 'nested', 'notify-desk.sqlite3');
};
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()));

describe('opening the database', () => {
  it('creates the file, turns on WAL and foreign keys, and records the newest migration in user_version', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    db.close();
  });

  it('refuses a database written by a newer version of the app, with a message saying what to do', () => {
    const file = tempFile();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${migrations.at(-1)!.version + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(/newer version of notify-desk/);
  });

  it('applies only the migrations a database has not had yet', () => {
    const file = tempFile();
    const first = openDatabase(file, migrations.slice(0, 1));
    expect(schemaVersion(first)).toBe(1);
    first.close();
    const reopened = openDatabase(file);
    expect(schemaVersion(reopened)).toBe(migrations.at(-1)!.version);
    reopened.close();
  });

  it('lists migrations in ascending order with no gaps', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
  });
});

describe('migration 1: initial schema', () => {
  const open = () => openDatabase(tempFile(), migrations.slice(0, 1));

  it('creates STRICT tables that refuse values of the wrong type', () => {
    const db = open();
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual([
      'batches',
      'outbox_events',
      'outbox_messages',
      'services',
      'settings',
      'template_versions',
      'templates',
    ]);
    expect(() =>
      db
        .prepare(
          `INSERT INTO templates (id, type, name, current_version, created_at, updated_at) VALUES ('t', 'sms', 'n', 'one', 'x', 'x')`,
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    db.close();
  });

  it('enforces the template a queued message was rendered from, and known states only', () => {
    const db = open();
    const insertMessage = db.prepare(
      `INSERT INTO outbox_messages (id, reference, type, template_id, template_version, recipient, personalisation,
        rendered_body, state, send_after, created_at, created_by, updated_at)
       VALUES (?, ?, 'sms', 't1', 1, '447700900123', '{}', 'hi', ?, 'now', 'now', 'me', 'now')`,
    );
    expect(() => insertMessage.run('m1', 'r1', 'queued')).toThrow(/FOREIGN KEY constraint failed/);
    db.prepare(
      `INSERT INTO templates (id, type, name, current_version, created_at, updated_at) VALUES ('t1', 'sms', 'n', 1, 'x', 'x')`,
    ).run();
    db.prepare(
      `INSERT INTO template_versions (template_id, version, body, created_at, created_by) VALUES ('t1', 1, 'hi', 'x', 'me')`,
    ).run();
    insertMessage.run('m1', 'r1', 'queued');
    expect(() => insertMessage.run('m2', 'r2', 'lost')).toThrow(/CHECK constraint failed/);
    expect(() => insertMessage.run('m3', 'r1', 'queued')).toThrow(
      /UNIQUE constraint failed: outbox_messages.reference/,
    );
    db.close();
  });
});

describe('migration 3: outbox message constraints', () => {
  const seedTemplate = (db: Database.Database) => {
    db.prepare(
      `INSERT INTO templates (id, type, name, current_version, created_at, updated_at) VALUES ('t1', 'sms', 'n', 1, 'x', 'x')`,
    ).run();
    db.prepare(
      `INSERT INTO template_versions (template_id, version, body, created_at, created_by) VALUES ('t1', 1, 'hi', 'x', 'me')`,
    ).run();
  };
  const insertMessage = (
    db: Database.Database,
    id: string,
    state: string,
    notifyId: string | null = null,
    type = 'sms',
  ) =>
    db
      .prepare(
        `INSERT INTO outbox_messages (id, reference, type, template_id, template_version, recipient, personalisation,
          rendered_body, state, notify_id, send_after, created_at, created_by, updated_at)
         VALUES (?, ?, ?, 't1', 1, '447700900123', '{"name":"Ann"}', 'hi Ann', ?, ?, 'now', 'now', 'me', 'now')`,
      )
      .run(id, `notify-desk-${id}`, type, state, notifyId);

  it('keeps every message and its events, with their references intact, and foreign keys back on', () => {
    const file = tempFile();
    const before = openDatabase(file, migrations.slice(0, 2));
    seedTemplate(before);
    insertMessage(before, 'm1', 'accepted', 'notify-1');
    insertMessage(before, 'm2', 'queued');
    before
      .prepare(
        `INSERT INTO outbox_events (message_id, at, from_state, to_state) VALUES ('m1', 'now', 'queued', 'accepted')`,
      )
      .run();
    const rowsBefore = before.prepare('SELECT * FROM outbox_messages ORDER BY id').all();
    before.close();

    const after = openDatabase(file, migrations.slice(0, 3));
    expect(schemaVersion(after)).toBe(3);
    expect(after.prepare('SELECT * FROM outbox_messages ORDER BY id').all()).toEqual(rowsBefore);
    expect(after.prepare('SELECT message_id, to_state FROM outbox_events').all()).toEqual([
      { message_id: 'm1', to_state: 'accepted' },
    ]);
    expect(after.pragma('foreign_key_check')).toEqual([]);
    expect(after.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      after.prepare(`INSERT INTO outbox_events (message_id, at, to_state) VALUES ('nobody', 'now', 'queued')`).run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    after.close();
  });

  it('still refuses unknown states and types, and a Notify id used twice, but takes any number of messages not yet sent', () => {
    const db = openDatabase(tempFile(), migrations.slice(0, 3));
    seedTemplate(db);
    insertMessage(db, 'm1', 'queued');
    insertMessage(db, 'm2', 'scheduled');
    insertMessage(db, 'm3', 'accepted', 'notify-1');
    expect(() => insertMessage(db, 'm4', 'lost')).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => db.prepare(`UPDATE outbox_messages SET state = 'lost' WHERE id = 'm1'`).run()).toThrow(
      /FOREIGN KEY constraint failed/,
    );
    expect(() => insertMessage(db, 'm5', 'queued', null, 'fax')).toThrow(/CHECK constraint failed/);
    expect(() => insertMessage(db, 'm6', 'accepted', 'notify-1')).toThrow(
      /UNIQUE constraint failed: outbox_messages.notify_id/,
    );
    expect(db.prepare('SELECT state FROM outbox_message_states').pluck().all()).toHaveLength(12);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM outbox_messages WHERE notify_id = ?`)
      .all('notify-1') as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toMatch(/USING INDEX outbox_messages_notify_id/);
    db.close();
  });

  it('changes nothing when a rebuild would leave a reference dangling', () => {
    const file = tempFile();
    const db = openDatabase(file, migrations.slice(0, 3));
    seedTemplate(db);
    insertMessage(db, 'm1', 'queued');
    db.prepare(`INSERT INTO outbox_events (message_id, at, to_state) VALUES ('m1', 'now', 'queued')`).run();
    db.close();
    const losesMessages = {
      version: 4,
      description: 'a faulty rebuild',
      rebuildsReferencedTables: true as const,
      up: (target: Database.Database) => target.exec('DELETE FROM outbox_messages'),
    };
    expect(() => openDatabase(file, [...migrations.slice(0, 3), losesMessages])).toThrow(
      /Could not update the database to version 4: rows in outbox_events \(1\) would lose the outbox_messages they refer to/,
    );
    const reopened = openDatabase(file, migrations.slice(0, 3));
    expect(schemaVersion(reopened)).toBe(3);
    expect(reopened.prepare('SELECT COUNT(*) FROM outbox_messages').pluck().get()).toBe(1);
    reopened.close();
  });
});
