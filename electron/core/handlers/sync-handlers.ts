import type { HandlerMap } from '../../../shared/contract';
import type { SyncEngine } from '../sync';

type SyncHandlers = Pick<HandlerMap, 'sync.status' | 'sync.now' | 'sync.pause' | 'sync.resume'>;

export function createSyncHandlers(engine: SyncEngine): SyncHandlers {
  return {
    'sync.status': async () => engine.status(),
    'sync.now': () => engine.syncNow(),
    'sync.pause': async ({ batchId }) => engine.pause(batchId),
    'sync.resume': async ({ batchId }) => engine.resume(batchId),
  };
}
