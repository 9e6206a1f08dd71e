import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/database/open-database';
import { fetchReceivedTexts } from '../../../electron/core/inbox/received-texts-fetch';
import { listReceivedTexts } from '../../../electron/core/inbox/inbox-queries';
import { createNotifyClient, type NotifyClient } from '../../../electron/core/notify-client';
import { startSimulator, type RunningSimulator } from '../../../simulator';
import { makeTempDir } from '../../helpers/temp-dir';

/** 300 texts over the last five hours: more than one of Notify's pages of 250. */
const SEEDED = Array.from({ length: 300 }, (_, index) => ({
  userNumber: `447700900${String(100 + (index % 50)).padStart(3, '0')}`,
  content: `Reply number ${index}`,
  minutesAgo: 300 - index,
}));

let simulator: RunningSimulator;
let client: NotifyClient;
const folders: { remove(): void }[] = [];
const databases: Db[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, quiet: true, seed: { mode: 'extend', receivedTexts: SEEDED } });
  client = createNotifyClient({ baseUrl: simulator.url, apiKey: simulator.apiKeys.live });
});
afterAll(async () => {
  client.close();
  await simulator.close();
});
afterEach(() => {
  databases.splice(0).forEach((db) => db.close());
  folders.splice(0).forEach((folder) => folder.remove());
});

function freshDatabase(): Db {
  const folder = makeTempDir();
  folders.push(folder);
  const db = openDatabase(join(folder.path, 'notify-desk.sqlite3'));
  databases.push(db);
  return db;
}

/** The client, with every page it asks for written down (the `older_than` it gave, or 'top'). */
function recordingClient(options: { failOnRequest?: number } = {}): { client: NotifyClient; pages: string[] } {
  const pages: string[] = [];
  return {
    pages,
    client: {
      ...client,
      listReceivedTexts: async (olderThan) => {
        pages.push(olderThan ?? 'top');
        if (pages.length === options.failOnRequest) throw new Error('connection reset');
        return client.listReceivedTexts(olderThan);
      },
    },
  };
}

const source = { serviceKey: 'simulator', practiceRun: null };
const storedNotifyIds = (db: Db): string[] =>
  db.prepare('SELECT notify_id FROM received_texts').pluck().all() as string[];

describe('fetching received texts from Notify', () => {
  it('pages across older_than to the end, then fetches only what is new, never the same text twice', async () => {
    const db = freshDatabase();
    const first = recordingClient();
    const report = await fetchReceivedTexts(db, first.client, source);
    // 303 texts (the simulator's three and the 300 seeded): 250, 53, then the empty page that ends Notify's list.
    expect(report).toEqual({ requests: 3, fetched: 303 });
    expect(first.pages[0]).toBe('top');
    expect(first.pages.slice(1).every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
    expect(new Set(storedNotifyIds(db)).size).toBe(303);

    const again = recordingClient();
    expect(await fetchReceivedTexts(db, again.client, source)).toEqual({ requests: 1, fetched: 0 });

    simulator.addReceivedText('07700900999', 'STOP');
    simulator.addReceivedText('+447700900998', '=1+1 call me');
    const third = recordingClient();
    expect(await fetchReceivedTexts(db, third.client, source)).toEqual({ requests: 1, fetched: 2 });
    expect(storedNotifyIds(db)).toHaveLength(305);
    expect(new Set(storedNotifyIds(db)).size).toBe(305);

    const newest = listReceivedTexts(db, { limit: 3 });
    expect(newest.map((text) => [text.userNumber, text.phoneKey, text.phoneNumber, text.content, text.read])).toEqual([
      ['447700900998', '447700900998', '07700 900998', '=1+1 call me', false],
      ['447700900999', '447700900999', '07700 900999', 'STOP', false],
      ['447700900149', '447700900149', '07700 900149', 'Reply number 299', false],
    ]);
    const older = listReceivedTexts(db, { limit: 2, before: newest[2]!.id });
    expect(older.map((text) => text.content)).toEqual(['Reply number 298', 'Reply number 297']);
  });

  it('goes on where an interrupted fetch stopped, without asking for the pages it already has', async () => {
    const db = freshDatabase();
    const interrupted = recordingClient({ failOnRequest: 2 });
    await expect(fetchReceivedTexts(db, interrupted.client, source)).rejects.toThrow('connection reset');
    expect(storedNotifyIds(db)).toHaveLength(250);
    const resumedFrom = interrupted.pages[1];

    simulator.addReceivedText('07700900997', 'Arrived while the desk was away');
    const resumed = recordingClient();
    const report = await fetchReceivedTexts(db, resumed.client, source);
    // The rest of the interrupted walk (from where it stopped to the end), then the top of the list down to it.
    expect(resumed.pages[0]).toBe(resumedFrom);
    expect(resumed.pages).toEqual([resumedFrom, expect.any(String), 'top']);
    expect(report.fetched).toBe(storedNotifyIds(db).length - 250);
    expect(new Set(storedNotifyIds(db)).size).toBe(storedNotifyIds(db).length);
    expect(listReceivedTexts(db, { limit: 1 })[0]?.content).toBe('Arrived while the desk was away');
    expect(await fetchReceivedTexts(db, recordingClient().client, source)).toEqual({ requests: 1, fetched: 0 });
  });

  it('keeps practice texts for one practice run only, and drops them once a real service is used', async () => {
    const db = freshDatabase();
    await fetchReceivedTexts(db, client, { serviceKey: 'practice', practiceRun: 'http://127.0.0.1:1' });
    const practiceTexts = storedNotifyIds(db).length;
    expect(practiceTexts).toBeGreaterThan(300);
    // A new practice run has new texts: the old run's are replaced, not added to.
    await fetchReceivedTexts(db, client, { serviceKey: 'practice', practiceRun: 'http://127.0.0.1:2' });
    expect(storedNotifyIds(db)).toHaveLength(practiceTexts);
    const report = await fetchReceivedTexts(db, client, source);
    expect(report.fetched).toBe(practiceTexts);
    expect(db.prepare(`SELECT COUNT(*) FROM received_texts WHERE service_key = 'practice'`).pluck().get()).toBe(0);
  });
});
