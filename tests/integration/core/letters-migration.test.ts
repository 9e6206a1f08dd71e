import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/database/open-database';
import { migrations } from '../../../electron/core/database/migrations';
import { makeTempDir } from '../../helpers/temp-dir';

const folders: { remove(): void }[] = [];
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()));

describe('migration 5: letters in the post room', () => {
  it('adds the post room’s states, routes one provider once per place, and the hidden template of PDF letters', () => {
    const folder = makeTempDir();
    folders.push(folder);
    const db = openDatabase(
      join(folder.path, 'notify-desk.sqlite3'),
      migrations.filter((migration) => migration.version <= 5),
    );
    const states = db.prepare('SELECT state FROM outbox_message_states').pluck().all();
    expect(states).toEqual(expect.arrayContaining(['waiting-to-print', 'printed', 'posted']));
    const route = db.prepare(
      `INSERT INTO routes (channel, position, provider, updated_at, updated_by) VALUES (?, ?, ?, 'now', 'me')`,
    );
    route.run('letter', 1, 'print');
    expect(() => route.run('letter', 2, 'print')).toThrow(/UNIQUE constraint failed/);
    expect(() => route.run('fax', 1, 'notify')).toThrow(/CHECK constraint failed/);
    expect(
      db.prepare(`SELECT name, archived_at IS NOT NULL AS hidden FROM templates WHERE id = 'precompiled-letter'`).get(),
    ).toEqual({ name: 'Pre-compiled PDF', hidden: 1 });
    db.close();
  });
});
