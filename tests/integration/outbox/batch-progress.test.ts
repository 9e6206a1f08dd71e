import { afterEach, describe, expect, it } from 'vitest';
import type { MessageState } from '../../../shared/contract';
import type { CoreContext } from '../../../electron/core/core-context';
import { createOutboxHandlers } from '../../../electron/core/handlers/outbox-handlers';
import { batchProgressSql } from '../../../electron/core/outbox/batch-progress';
import {
  insertBatch,
  openTestContext,
  queueSms,
  simulatorService,
  stateCounts,
  tempDataDir,
} from '../sync/sync-fixtures';

describe('batch progress on the outbox page', () => {
  let cleanUp: (() => void) | null = null;
  afterEach(() => {
    cleanUp?.();
    cleanUp = null;
  });

  function setUp(): { ctx: CoreContext; handlers: ReturnType<typeof createOutboxHandlers> } {
    const data = tempDataDir();
    const ctx = openTestContext(
      data.dbFile,
      simulatorService({
        baseUrl: 'http://127.0.0.1:9',
        apiKey: 'unused',
        passThrough: { sms: null, email: null, letter: null },
      }),
    );
    cleanUp = () => {
      ctx.db.close();
      data.remove();
    };
    return { ctx, handlers: createOutboxHandlers(ctx) };
  }

  /** Puts the messages, in order, into the given states (as the sync engine would have). */
  function putInStates(ctx: CoreContext, ids: readonly string[], states: readonly MessageState[]): void {
    const update = ctx.db.prepare('UPDATE outbox_messages SET state = ? WHERE id = ?');
    states.forEach((state, index) => update.run(state, ids[index]));
  }

  function setCreatedAt(ctx: CoreContext, batchId: string, at: string): void {
    ctx.db.prepare('UPDATE batches SET created_at = ? WHERE id = ?').run(at, batchId);
  }

  it('counts each ready batch’s messages per group, newest batch first, leaving out batches importing or cancelled', async () => {
    const { ctx, handlers } = setUp();
    insertBatch(ctx.db, 'older');
    insertBatch(ctx.db, 'newer');
    insertBatch(ctx.db, 'still-importing', 'importing');
    insertBatch(ctx.db, 'thrown-away', 'cancelled');
    setCreatedAt(ctx, 'older', '2025-01-01T09:00:00.000Z');
    setCreatedAt(ctx, 'newer', '2025-01-02T09:00:00.000Z');
    ctx.db.prepare(`UPDATE batches SET paused = 1, imported_by = 'Sam' WHERE id = 'newer'`).run();
    const older = queueSms(ctx.db, { count: 14, batchId: 'older' });
    putInStates(ctx, older, [
      'scheduled',
      'queued',
      'queued',
      'sending',
      'accepted',
      'accepted',
      'delivered',
      'delivered',
      'delivered',
      'permanent-failure',
      'technical-failure',
      'needs-attention',
      'status-unknown',
      'cancelled',
    ]);
    const newer = queueSms(ctx.db, { count: 5, batchId: 'newer' });
    putInStates(ctx, newer, ['temporary-failure', 'rejected', 'delivered']);
    queueSms(ctx.db, { count: 2, batchId: 'still-importing' });
    queueSms(ctx.db, { count: 3 });

    const { batches } = await handlers['outbox.batches']({ limit: 20 });

    expect(batches).toEqual([
      {
        id: 'newer',
        fileName: 'people.csv',
        importedBy: 'Sam',
        createdAt: '2025-01-02T09:00:00.000Z',
        sendAfter: expect.any(String),
        paused: true,
        total: 5,
        waiting: 2,
        sending: 0,
        accepted: 0,
        delivered: 1,
        failed: 2,
        cancelled: 0,
        inPostRoom: 0,
        posted: 0,
      },
      {
        id: 'older',
        fileName: 'people.csv',
        importedBy: 'test-user',
        createdAt: '2025-01-01T09:00:00.000Z',
        sendAfter: expect.any(String),
        paused: false,
        total: 14,
        waiting: 3,
        sending: 1,
        accepted: 2,
        delivered: 3,
        failed: 4,
        cancelled: 1,
        inPostRoom: 0,
        posted: 0,
      },
    ]);
    expect((await handlers['outbox.batches']({ limit: 1 })).batches.map((batch) => batch.id)).toEqual(['newer']);
  });

  it('lists a ready batch with no messages left in it with zero counts', async () => {
    const { ctx, handlers } = setUp();
    insertBatch(ctx.db, 'empty');
    const { batches } = await handlers['outbox.batches']({ limit: 20 });
    expect(batches).toMatchObject([{ id: 'empty', total: 0, waiting: 0, delivered: 0, failed: 0 }]);
  });

  it('reads the counts through the batch index rather than scanning every message', () => {
    const { ctx } = setUp();
    const plan = ctx.db.prepare(`EXPLAIN QUERY PLAN ${batchProgressSql}`).all({ limit: 20, importedBy: null }) as {
      detail: string;
    }[];
    expect(plan.map((step) => step.detail).join('\n')).toMatch(/USING COVERING INDEX outbox_messages_batch/);
  });

  it('cancels the rest of a batch, leaving messages already handed to Notify and other batches alone', async () => {
    const { ctx, handlers } = setUp();
    insertBatch(ctx.db, 'b1');
    insertBatch(ctx.db, 'b2');
    const ids = queueSms(ctx.db, { count: 6, batchId: 'b1' });
    putInStates(ctx, ids, ['accepted', 'delivered', 'needs-attention', 'scheduled']);
    queueSms(ctx.db, { count: 2, batchId: 'b2' });
    const announced: string[][] = [];
    ctx.events.onAny((event, payload) => {
      if (event === 'outbox.changed') announced.push((payload as { messageIds: string[] }).messageIds);
    });

    expect(await handlers['outbox.cancelBatch']({ batchId: 'b1' })).toEqual({ changed: 4 });

    const b1 = Object.fromEntries(
      (
        ctx.db
          .prepare(`SELECT state, COUNT(*) AS n FROM outbox_messages WHERE batch_id = 'b1' GROUP BY state`)
          .all() as {
          state: string;
          n: number;
        }[]
      ).map((row) => [row.state, row.n]),
    );
    expect(b1).toEqual({ accepted: 1, delivered: 1, cancelled: 4 });
    expect(stateCounts(ctx.db).queued).toBe(2);
    expect(announced).toHaveLength(1);
    expect(announced[0]).toHaveLength(4);
    const event = ctx.db
      .prepare(`SELECT detail FROM outbox_events WHERE message_id = ? AND to_state = 'cancelled'`)
      .get(ids[2]!);
    expect(event).toEqual({ detail: 'cancelled with the rest of its batch by test-user' });
    expect(await handlers['outbox.cancelBatch']({ batchId: 'b1' })).toEqual({ changed: 0 });
    await expect(handlers['outbox.cancelBatch']({ batchId: 'no-such-batch' })).rejects.toThrow(
      'That batch is not in the outbox.',
    );
  });
});
