import Database from 'better-sqlite3';
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
    expect(tables).toEqual(['batches', 'outbox_events', 'outbox_messages', 'services', 'settings', 'template_versions', 'templates']);
    expect(() =>
      db.prepare(`INSERT INTO templates (id, type, name, current_version, created_at, updated_at) VALUES ('t', 'sms', 'n', 'one', 'x', 'x')`).run(),
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
    db.prepare(`INSERT INTO templates (id, type, name, current_version, created_at, updated_at) VALUES ('t1', 'sms', 'n', 1, 'x', 'x')`).run();
    db.prepare(`INSERT INTO template_versions (template_id, version, body, created_at, created_by) VALUES ('t1', 1, 'hi', 'x', 'me')`).run();
    insertMessage.run('m1', 'r1', 'queued');
    expect(() => insertMessage.run('m2', 'r2', 'lost')).toThrow(/CHECK constraint failed/);
    expect(() => insertMessage.run('m3', 'r1', 'queued')).toThrow(/UNIQUE constraint failed: outbox_messages.reference/);
    db.close();
  });
});
