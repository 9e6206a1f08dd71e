import type { HandlerMap } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { requireOwnBatch } from '../policy/own-messages';
import type { SyncEngine } from '../sync';

type SyncHandlers = Pick<HandlerMap, 'sync.status' | 'sync.now' | 'sync.pause' | 'sync.resume'>;

/** Pausing all sending, or someone else's batch, needs 'manage-any-batch'. */
export function createSyncHandlers(
  engine: SyncEngine,
  ctx: Pick<CoreContext, 'db' | 'user' | 'person' | 'audit'>,
): SyncHandlers {
  return {
    'sync.status': async () => engine.status(),
    'sync.now': () => engine.syncNow(),
    'sync.pause': async ({ batchId }) => {
      requireOwnBatch(ctx, batchId, 'pause');
      const status = engine.pause(batchId);
      ctx.audit.record(batchId ? 'batch.paused' : 'sending.paused', batchId ? { batchId } : {});
      return status;
    },
    'sync.resume': async ({ batchId }) => {
      requireOwnBatch(ctx, batchId, 'resume');
      const status = engine.resume(batchId);
      ctx.audit.record(batchId ? 'batch.resumed' : 'sending.resumed', batchId ? { batchId } : {});
      return status;
    },
  };
}
