import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../../electron/core/core-context';
import { createSyncEngine } from '../../../electron/core/sync';
import { SEEDED_TEMPLATE_IDS, startSimulator, type RunningSimulator } from '../../../simulator';
import {
  duplicateReferences,
  openTestContext,
  queueSms,
  simulatorPassThrough,
  simulatorService,
  stateCounts,
  tempDataDir,
} from './sync-fixtures';

describe('sync engine against the simulator', () => {
  let simulator: RunningSimulator;
  let data: ReturnType<typeof tempDataDir>;
  let ctx: CoreContext;

  beforeEach(async () => {
    simulator = await startSimulator({ quiet: true, deliverAfterMs: 100, rateLimitPerMinute: 100_000 });
    data = tempDataDir();
    ctx = openTestContext(
      data.dbFile,
      simulatorService({
        baseUrl: simulator.url,
        apiKey: simulator.apiKeys.test,
        rateLimitPerMinute: 100_000,
        passThrough: simulatorPassThrough(SEEDED_TEMPLATE_IDS),
      }),
    );
  });
  afterEach(async () => {
    ctx.db.close();
    await simulator.close();
    data.remove();
  });

  it('sends queued messages once, records Notify ids, and follows them to delivered', async () => {
    queueSms(ctx.db, { count: 300 });
    const engine = createSyncEngine(ctx, { minPollMs: 50 });
    const first = await engine.runOnce();
    expect(first.sent).toBe(300);
    expect(stateCounts(ctx.db).accepted ?? 0).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await engine.runOnce();
    expect(second.statusRequests).toBeLessThanOrEqual(3);
    expect(stateCounts(ctx.db)).toEqual({ delivered: 300 });
    const sent = simulator.notifications();
    expect(sent).toHaveLength(300);
    expect(duplicateReferences(sent.map((n) => n.reference))).toEqual([]);
    const ids = ctx.db.prepare('SELECT notify_id FROM outbox_messages').all() as { notify_id: string }[];
    expect(new Set(ids.map((row) => row.notify_id))).toEqual(new Set(sent.map((n) => n.id)));
    await engine.stop();
  });
});
