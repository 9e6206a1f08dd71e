import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/database/open-database';
import { SEEDED_TEMPLATE_IDS, startSimulator, type RunningSimulator } from '../../../simulator';
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
import type { RunnerConfig } from './sync-runner';

const RATE = 1_000_000;
const engineOptions = {
  requestTimeoutMs: 1_000,
  leaseMs: 3_000,
  outcomeSettleMs: 1_000,
  minPollMs: 100,
  retryBaseMs: 200,
  probeBaseMs: 200,
};

describe('sync processes killed and restarted, or running side by side', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ quiet: true, deliverAfterMs: 300, rateLimitPerMinute: RATE });
  });
  afterAll(async () => {
    await simulator.close();
  });

  function setUp(count: number): { db: Db; config: (untilDone: boolean) => RunnerConfig; remove: () => void } {
    const data = tempDataDir();
    const db = openDatabase(data.dbFile);
    insertLocalSmsTemplate(db);
    insertBatch(db, 'batch-1');
    queueSms(db, { count, batchId: 'batch-1' });
    const config = (untilDone: boolean): RunnerConfig => ({
      dbFile: data.dbFile,
      baseUrl: simulator.url,
      apiKey: simulator.apiKeys.test,
      rateLimitPerMinute: RATE,
      passThrough: simulatorPassThrough(SEEDED_TEMPLATE_IDS),
      untilDone,
      engine: engineOptions,
    });
    return {
      db,
      config,
      remove: () => {
        db.close();
        data.remove();
      },
    };
  }

  it('SIGKILLed at 20 random moments: every reference reaches Notify exactly once and every message ends delivered', async () => {
    const before = simulator.notifications().length;
    const { db, config, remove } = setUp(3000);
    const killedWhileSending: number[] = [];
    for (let kill = 0; kill < 20; kill += 1) {
      const sync = spawnSync(config(false));
      await sync.started;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 250));
      sync.child.kill('SIGKILL');
      await sync.exited;
      killedWhileSending.push(stateCounts(db).sending ?? 0);
    }
    const finisher = spawnSync(config(true));
    expect(await finisher.exited, finisher.output()).toBe(0);

    const references = simulator
      .notifications()
      .slice(before)
      .map((n) => n.reference);
    expect(duplicateReferences(references)).toEqual([]);
    expect(references).toHaveLength(3000);
    expect(stateCounts(db)).toEqual({ delivered: 3000 });
    // The kills did land mid-send: some messages were left in flight for the next process to resolve.
    expect(killedWhileSending.some((n) => n > 0)).toBe(true);
    // ...and some of those had reached Notify: they were found by reference instead of being sent again.
    const adopted = db
      .prepare(`SELECT COUNT(*) AS n FROM outbox_events WHERE detail LIKE 'Notify already had this message%'`)
      .get() as { n: number };
    expect(adopted.n).toBeGreaterThan(0);
    remove();
  }, 150_000);

  it('two sync processes on one data folder never send the same message', async () => {
    const before = simulator.notifications().length;
    const { db, config, remove } = setUp(2000);
    const first = spawnSync(config(true));
    const second = spawnSync(config(true));
    expect(await first.exited, first.output()).toBe(0);
    expect(await second.exited, second.output()).toBe(0);
    const references = simulator
      .notifications()
      .slice(before)
      .map((n) => n.reference);
    expect(duplicateReferences(references)).toEqual([]);
    expect(references).toHaveLength(2000);
    expect(stateCounts(db)).toEqual({ delivered: 2000 });
    // Both processes did send: each lease names its owner.
    const leaseDetails = db.prepare(`SELECT DISTINCT detail FROM outbox_events WHERE to_state = 'sending'`).all() as {
      detail: string;
    }[];
    const owners = new Set(leaseDetails.map((row) => /\(([^)]+)\)$/.exec(row.detail)?.[1]));
    expect(owners.size).toBe(2);
    remove();
  }, 120_000);
});
