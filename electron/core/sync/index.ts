export { createSyncEngine, type RunOnceReport, type SyncEngine } from './sync-engine';
export type { SyncEngineOptions } from './sync-options';
