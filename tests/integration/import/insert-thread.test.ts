import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InsertThread } from '../../../electron/core/import/insert-thread';
import { makeTempDir } from '../../helpers/temp-dir';

const statements = [
  `INSERT INTO letters (id, postage) VALUES (?, ?)`,
  `INSERT INTO log (letter_id) VALUES (?)`,
];

describe('the insert thread', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  function database(): { file: string; db: Database.Database } {
    const dir = makeTempDir('insert-thread-');
    cleanup = dir.remove;
    const file = join(dir.path, 'test.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE letters (id INTEGER PRIMARY KEY, postage TEXT NOT NULL CHECK (postage IN ('first', 'second'))) STRICT;
             CREATE TABLE log (n INTEGER PRIMARY KEY, letter_id INTEGER NOT NULL) STRICT;`);
    return { file, db };
  }

  it('writes every chunk, in order, through its own connection, however many are sent at once', async () => {
    const { file, db } = database();
    const thread = new InsertThread(file, statements);
    for (let chunk = 0; chunk < 50; chunk += 1) {
      const rows = Array.from({ length: 200 }, (_, index) => {
        const id = chunk * 200 + index;
        return [[id, id % 2 === 0 ? 'first' : 'second'], [id]];
      });
      await thread.send({ rows });
    }
    expect(await thread.finish()).toBe(10_000);
    expect(db.prepare('SELECT COUNT(*) AS n, MIN(id) AS first, MAX(id) AS last FROM letters').get()).toEqual({ n: 10_000, first: 0, last: 9_999 });
    const logOrder = db.prepare('SELECT letter_id FROM log ORDER BY n').pluck().all() as number[];
    expect(logOrder).toEqual(Array.from({ length: 10_000 }, (_, index) => index));
    db.close();
  });

  it('rolls back a chunk that fails whole, and reports why in words', async () => {
    const { file, db } = database();
    const thread = new InsertThread(file, statements);
    await thread.send({ rows: [[[1, 'first'], [1]]] });
    await thread.send({ rows: [[[2, 'second'], [2]], [[3, 'airmail'], [3]]] });
    await expect(thread.finish()).rejects.toThrow(/^Could not write the batch to the outbox: CHECK constraint failed/);
    expect(db.prepare('SELECT id FROM letters').pluck().all()).toEqual([1]);
    expect(db.prepare('SELECT letter_id FROM log').pluck().all()).toEqual([1]);
    db.close();
  });

  it('can be stopped part-way, leaving only whole chunks behind', async () => {
    const { file, db } = database();
    const thread = new InsertThread(file, statements);
    for (let chunk = 0; chunk < 20; chunk += 1) {
      await thread.send({ rows: Array.from({ length: 500 }, (_, index) => [[chunk * 500 + index, 'first'], [chunk * 500 + index]]) });
    }
    await thread.stop();
    const written = db.prepare('SELECT COUNT(*) FROM letters').pluck().get() as number;
    expect(written % 500).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM log').pluck().get()).toBe(written);
    db.close();
  });
});
