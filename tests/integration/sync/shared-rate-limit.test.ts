import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/database/open-database';
import { SEEDED_TEMPLATE_IDS, startSimulator, type RunningSimulator } from '../../../simulator';
import { startNotifyProxy, type NotifyProxy } from '../../helpers/notify-proxy';
import {
  duplicateReferences,
  insertBatch,
  insertLocalSmsTemplate,
  queueSms,
  simulatorPassThrough,
  stateCounts,
  tempDataDir,
} from './sync-fixtures';
import { spawnSync } from './sync-processes';

const LIMIT_PER_MINUTE = 600;
const MESSAGES = 5_000;

describe('several sync processes on one data folder share the service’s rate limit', () => {
  let simulator: RunningSimulator;
  let proxy: NotifyProxy;
  beforeAll(async () => {
    simulator = await startSimulator({ quiet: true, deliverAfterMs: 300, rateLimitPerMinute: LIMIT_PER_MINUTE });
    proxy = await startNotifyProxy(simulator.url);
  });
  afterAll(async () => {
    await proxy.close();
    await simulator.close();
  });

  it(`two processes drain ${MESSAGES.toLocaleString('en-GB')} texts at ${LIMIT_PER_MINUTE} a minute: no 429, each text sent once`, async () => {
    const data = tempDataDir();
    const db = openDatabase(data.dbFile);
    insertLocalSmsTemplate(db);
    insertBatch(db, 'batch-1');
    queueSms(db, { count: MESSAGES, batchId: 'batch-1' });
    const config = {
      dbFile: data.dbFile,
      baseUrl: proxy.url,
      apiKey: simulator.apiKeys.test,
      rateLimitPerMinute: LIMIT_PER_MINUTE,
      passThrough: simulatorPassThrough(SEEDED_TEMPLATE_IDS),
      untilDone: true,
      engine: { minPollMs: 2_000 },
    };
    const first = spawnSync(config);
    const second = spawnSync(config);
    try {
      expect(await first.exited, first.output()).toBe(0);
      expect(await second.exited, second.output()).toBe(0);

      expect(proxy.statuses.get(429) ?? 0).toBe(0);
      const references = simulator.notifications().map((notification) => notification.reference);
      expect(duplicateReferences(references)).toEqual([]);
      expect(references).toHaveLength(MESSAGES);
      expect(stateCounts(db)).toEqual({ delivered: MESSAGES });
      // Both processes sent: the budget was shared, not taken by one of them.
      const owners = db
        .prepare(
          `SELECT DISTINCT substr(detail, instr(detail, '(')) AS owner FROM outbox_events WHERE to_state = 'sending'`,
        )
        .all();
      expect(owners).toHaveLength(2);
    } finally {
      first.child.kill();
      second.child.kill();
      db.close();
      data.remove();
    }
  }, 720_000);
});
