/**
 * A sync process on a data folder, for tests that need real processes (crash, two at once):
 *   node --import tsx sync-runner.ts '<json RunnerConfig>'
 * Prints "running" once the engine has started; with `untilDone`, exits 0 when every message is final.
 */
import type { ActiveService } from '../../../electron/core/core-context';
import type { SyncEngineOptions } from '../../../electron/core/sync';
import { createSyncEngine } from '../../../electron/core/sync';
import { openTestContext, simulatorService } from './sync-fixtures';

export interface RunnerConfig {
  dbFile: string;
  baseUrl: string;
  apiKey: string;
  rateLimitPerMinute: number;
  passThrough: ActiveService['passThroughTemplates'];
  untilDone: boolean;
  engine: SyncEngineOptions;
}

const config = JSON.parse(process.argv[2] ?? '{}') as RunnerConfig;
const ctx = openTestContext(
  config.dbFile,
  simulatorService({
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    rateLimitPerMinute: config.rateLimitPerMinute,
    passThrough: config.passThrough,
  }),
);
const engine = createSyncEngine(ctx, config.engine);
// The Notify client loads axios on its first request. Loading it before saying "running" keeps that word meaning ready
// to send, so that a test killing the process at random moments after it catches it sending, not loading.
await import('axios');
engine.start();
process.stdout.write('running\n');

const notFinal = ctx.db.prepare(
  `SELECT COUNT(*) AS n FROM outbox_messages WHERE state NOT IN ('delivered', 'permanent-failure', 'temporary-failure',
     'technical-failure', 'cancelled', 'rejected', 'status-unknown', 'needs-attention')`,
);
if (config.untilDone) {
  const timer = setInterval(() => {
    if ((notFinal.get() as { n: number }).n > 0) return;
    clearInterval(timer);
    void engine.stop().then(() => {
      ctx.db.close();
      process.exit(0);
    });
  }, 100);
}
