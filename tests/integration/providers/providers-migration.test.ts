import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/database/open-database';
import { migrations } from '../../../electron/core/database/migrations';
import { channelRoute, lettersArePrinted } from '../../../electron/core/routing/channel-routes';
import { makeTempDir } from '../../helpers/temp-dir';

const folders: { remove(): void }[] = [];
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()));

describe('migration 9: direct providers and routes', () => {
  it('keeps a letter route the post room set before it, in the one routes table every channel now uses', () => {
    const folder = makeTempDir();
    folders.push(folder);
    const file = join(folder.path, 'notify-desk.sqlite3');
    const before = openDatabase(
      file,
      migrations.filter((migration) => migration.version <= 8),
    );
    before
      .prepare(
        `INSERT INTO routes (channel, position, provider, updated_at, updated_by) VALUES ('letter', 1, 'print', 'now', 'me')`,
      )
      .run();
    before.close();

    const db = openDatabase(file, migrations);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    expect(channelRoute(db, 'letter')).toEqual(['print']);
    expect(lettersArePrinted(db)).toBe(true);
    expect(channelRoute(db, 'sms')).toEqual(['notify']);
    db.prepare(
      `INSERT INTO providers (name, kind, settings, created_at, created_by, updated_at) VALUES ('gateway', 'smpp', '{}', 'now', 'me', 'now')`,
    ).run();
    db.prepare(
      `INSERT INTO routes (channel, position, provider, updated_at, updated_by) VALUES ('sms', 1, 'gateway', 'now', 'me'), ('sms', 2, 'notify', 'now', 'me')`,
    ).run();
    expect(channelRoute(db, 'sms')).toEqual(['gateway', 'notify']);
    expect(db.prepare('SELECT state FROM outbox_message_states').pluck().all()).toEqual(
      expect.arrayContaining(['waiting-to-print', 'outcome-unknown']),
    );
    db.close();
  });
});
