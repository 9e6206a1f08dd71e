import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  asDatabaseKey,
  connect,
  settingsForAnotherConnection,
  type ConnectionSettings,
  type Db,
} from '../../../electron/core/database/open-database';
import { InsertThread } from '../../../electron/core/import/insert-thread';
import { makeTempDir } from '../../helpers/temp-dir';

const statement = `INSERT INTO letters (id, postage, sender)
  SELECT row.value ->> 0, row.value ->> 1, @sender FROM json_each(@rows) AS row`;
const postRoom = { sender: 'post room' };
const rowsAsJson = (rows: unknown[][]): string => JSON.stringify(rows);

describe('the insert thread', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  /** An encrypted database, as the core's are: the thread must open it with the core's key and pragmas. */
  function database(postage = `TEXT NOT NULL CHECK (postage IN ('first', 'second'))`): {
    file: ConnectionSettings;
    db: Db;
  } {
    const dir = makeTempDir('insert-thread-');
    cleanups.push(dir.remove);
    const db = connect(join(dir.path, 'test.sqlite'), { key: asDatabaseKey(randomBytes(32).toString('hex')) });
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE letters (n INTEGER PRIMARY KEY, id INTEGER NOT NULL UNIQUE,
               postage ${postage}, sender TEXT NOT NULL) STRICT;`);
    return { file: settingsForAnotherConnection(db), db };
  }

  it('writes every chunk, in order, through its own connection, however many are sent at once', async () => {
    const { file, db } = database();
    const thread = new InsertThread(file, statement, postRoom);
    for (let chunk = 0; chunk < 50; chunk += 1) {
      const rows = Array.from({ length: 200 }, (_, index) => {
        const id = chunk * 200 + index;
        return [id, id % 2 === 0 ? 'first' : 'second'];
      });
      await thread.send(rowsAsJson(rows));
    }
    expect(await thread.finish()).toBe(10_000);
    expect(db.prepare('SELECT COUNT(*) AS n, MIN(id) AS first, MAX(id) AS last FROM letters').get()).toEqual({
      n: 10_000,
      first: 0,
      last: 9_999,
    });
    const writtenOrder = db.prepare('SELECT id FROM letters ORDER BY n').pluck().all() as number[];
    expect(writtenOrder).toEqual(Array.from({ length: 10_000 }, (_, index) => index));
    expect(db.prepare(`SELECT DISTINCT sender, postage FROM letters WHERE id IN (7, 8) ORDER BY id`).all()).toEqual([
      { sender: 'post room', postage: 'second' },
      { sender: 'post room', postage: 'first' },
    ]);
    db.close();
  });

  it('keeps text exactly, whatever characters it holds, in the rows and in the values bound to every row', async () => {
    const { file, db } = database('TEXT NOT NULL');
    const awkward = 'Siân "Post" O\'Neil\\n\n\u2028\u0000 🚀';
    const thread = new InsertThread(file, statement, { sender: awkward });
    await thread.send(rowsAsJson([[1, awkward]]));
    await thread.finish();
    expect(db.prepare('SELECT postage, sender FROM letters').get()).toEqual({ postage: awkward, sender: awkward });
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(file.file).includes('Siân')).toBe(false);
    db.close();
  });

  it('rolls back a chunk that fails whole, and reports why in words', async () => {
    const { file, db } = database();
    const thread = new InsertThread(file, statement, { sender: 'me' });
    await thread.send(rowsAsJson([[1, 'first']]));
    await thread.send(
      rowsAsJson([
        [2, 'second'],
        [3, 'airmail'],
      ]),
    );
    await expect(thread.finish()).rejects.toThrow(/^Could not write the batch to the outbox: CHECK constraint failed/);
    expect(db.prepare('SELECT id FROM letters').pluck().all()).toEqual([1]);
    db.close();
  });

  it('can be stopped part-way, leaving only whole chunks behind', async () => {
    const { file, db } = database();
    const thread = new InsertThread(file, statement, { sender: 'me' });
    for (let chunk = 0; chunk < 20; chunk += 1) {
      await thread.send(rowsAsJson(Array.from({ length: 500 }, (_, index) => [chunk * 500 + index, 'first'])));
    }
    await thread.stop();
    const written = db.prepare('SELECT COUNT(*) FROM letters').pluck().get() as number;
    expect(written % 500).toBe(0);
    expect(db.prepare('SELECT MAX(id) FROM letters').pluck().get()).toBe(written === 0 ? null : written - 1);
    db.close();
  });
});
