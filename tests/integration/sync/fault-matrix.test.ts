import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Faults } from '../../../simulator';
import { SEEDED_TEMPLATE_IDS, startSimulator, type RunningSimulator } from '../../../simulator';
import type { SyncEngineOptions } from '../../../electron/core/sync';
import { createSyncEngine, type SyncEngine } from '../../../electron/core/sync';
import {
  duplicateReferences,
  insertBatch,
  openTestContext,
  queueSms,
  simulatorPassThrough,
  simulatorService,
  stateCounts,
  tempDataDir,
  waitFor,
} from './sync-fixtures';

const fastRecovery: SyncEngineOptions = {
  requestTimeoutMs: 1_000,
  leaseMs: 3_000,
  outcomeSettleMs: 300,
  retryBaseMs: 100,
  retryMaxMs: 2_000,
  probeBaseMs: 200,
  probeMaxMs: 2_000,
  maxAttempts: 30,
  minPollMs: 100,
};

interface Scenario {
  count: number;
  rateLimitPerMinute?: number;
  /** Applied once sending has started; `clearAfterMs` later the steady faults are cleared. */
  faults: Partial<Faults>;
  startAfterAccepted?: number;
  clearAfterMs?: number;
  during?: (engine: SyncEngine) => Promise<void>;
  engine?: SyncEngineOptions;
}

describe('fault matrix: every message ends accepted exactly once', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startSimulator({ quiet: true, deliverAfterMs: 200, rateLimitPerMinute: 1_000_000 });
  });
  afterAll(async () => {
    await simulator.close();
  });

  async function run(scenario: Scenario): Promise<void> {
    const data = tempDataDir();
    const ctx = openTestContext(
      data.dbFile,
      simulatorService({
        baseUrl: simulator.url,
        apiKey: simulator.apiKeys.test,
        rateLimitPerMinute: scenario.rateLimitPerMinute ?? 1_000_000,
        passThrough: simulatorPassThrough(SEEDED_TEMPLATE_IDS),
      }),
    );
    insertBatch(ctx.db, 'batch-1');
    queueSms(ctx.db, { count: scenario.count, batchId: 'batch-1' });
    const engine = createSyncEngine(ctx, { ...fastRecovery, ...scenario.engine });
    const accepted = () =>
      ctx.db.prepare(`SELECT COUNT(*) AS n FROM outbox_messages WHERE notify_id IS NOT NULL`).get() as { n: number };
    try {
      engine.start();
      await waitFor(() => accepted().n >= (scenario.startAfterAccepted ?? 0), 20_000, 'sending to start');
      simulator.setFaults(scenario.faults);
      await scenario.during?.(engine);
      if (scenario.clearAfterMs !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, scenario.clearAfterMs));
        simulator.setFaults({ failRate: 0, latencyMs: 0, resetRate: 0 });
      }
      await waitFor(() => accepted().n === scenario.count, 90_000, 'every message to be accepted');
      simulator.setFaults({ failRate: 0, latencyMs: 0, resetRate: 0 });
      await engine.stop();

      const references = new Set(
        (ctx.db.prepare('SELECT reference FROM outbox_messages').all() as { reference: string }[]).map(
          (row) => row.reference,
        ),
      );
      const atNotify = simulator.notifications().filter((n) => n.reference !== null && references.has(n.reference));
      expect(duplicateReferences(atNotify.map((n) => n.reference))).toEqual([]);
      expect(atNotify).toHaveLength(scenario.count);
      const recorded = ctx.db.prepare('SELECT reference, notify_id FROM outbox_messages').all() as {
        reference: string;
        notify_id: string;
      }[];
      const idByReference = new Map(atNotify.map((n) => [n.reference, n.id]));
      expect(recorded.every((row) => idByReference.get(row.reference) === row.notify_id)).toBe(true);
      const counts = stateCounts(ctx.db);
      expect(counts.queued ?? 0).toBe(0);
      expect(counts['needs-attention'] ?? 0).toBe(0);
    } finally {
      simulator.setFaults({ failRate: 0, latencyMs: 0, resetRate: 0 });
      await engine.stop();
      ctx.db.close();
      data.remove();
    }
  }

  it('20% of requests answered 500', async () => {
    await run({ count: 500, faults: { failRate: 0.2 } });
  });

  it('2-second latency with 1-second timeouts: sends that landed after the timeout are found by reference, not resent', async () => {
    await run({
      count: 300,
      startAfterAccepted: 50,
      faults: { latencyMs: 2_000 },
      clearAfterMs: 5_000,
      // A timed-out send lands 1 s after the timeout: wait longer than that before looking its reference up.
      engine: { outcomeSettleMs: 2_500 },
    });
  });

  it('connections reset', async () => {
    await run({ count: 500, faults: { resetRate: 0.2 } });
  });

  it('a 429 storm', async () => {
    await run({
      count: 600,
      rateLimitPerMinute: 12_000,
      startAfterAccepted: 50,
      faults: { rateLimitStorm: { durationMs: 3_000 } },
    });
  });

  it('an outage of 30 seconds in the middle of a batch: offline with messages waiting, then sent when it answers', async () => {
    await run({
      count: 1_000,
      rateLimitPerMinute: 6_000,
      startAfterAccepted: 200,
      faults: { outage: { durationMs: 30_000 } },
      during: async (engine) => {
        await waitFor(() => engine.status().connection === 'offline', 10_000, 'the engine to notice the outage');
        const status = engine.status();
        expect(status.waiting).toBeGreaterThan(0);
        expect(status.nextProbeAt).not.toBeNull();
      },
    });
  }, 120_000);
});
