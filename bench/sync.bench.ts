// npm run bench sync: the sync engine against the simulator (in its own process) over real HTTP on 127.0.0.1.
// (a) 10,000 queued messages drained with no rate limit, against raw POSTs from plain loops in the same run;
// (b) a limit scaled down to 600 per 10 seconds: achieved rate as a fraction of the limit, and 429s;
// (c) requests used to bring 10,000 accepted messages to their final status.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { createNotifyClient } from '../electron/core/notify-client';
import { createSyncEngine } from '../electron/core/sync';
import { SEEDED_TEMPLATE_IDS } from '../simulator/seed-data';
import {
  insertBatch,
  openTestContext,
  queueSms,
  simulatorPassThrough,
  simulatorService,
  stateCounts,
  tempDataDir,
} from '../tests/integration/sync/sync-fixtures';
import { formatRate, peakMemoryMb } from './measure';

const MESSAGES = Number(process.env.SYNC_BENCH_MESSAGES ?? 10_000);
const PACED_MESSAGES = Number(process.env.SYNC_BENCH_PACED_MESSAGES ?? 1_200);
const PACED_LIMIT_PER_MINUTE = 3_600; // 600 per 10 seconds
const UNLIMITED = 10_000_000;

interface SimulatorProcess {
  url: string;
  apiKey: string;
  child: ChildProcess;
}

async function startSimulatorProcess(args: string[]): Promise<SimulatorProcess> {
  const script = fileURLToPath(new URL('./sync-simulator-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--quiet', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  const started = JSON.parse(line) as { url: string; apiKeys: { test: string } };
  return { url: started.url, apiKey: started.apiKeys.test, child };
}

async function stopSimulatorProcess(simulator: SimulatorProcess): Promise<void> {
  simulator.child.kill('SIGTERM');
  await once(simulator.child, 'exit');
}

const seconds = (startNs: bigint): number => Number(process.hrtime.bigint() - startNs) / 1e9;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rawBaselines(simulator: SimulatorProcess): Promise<{ sequential: number; parallel: number }> {
  const client = createNotifyClient({ baseUrl: simulator.url, apiKey: simulator.apiKey, maxSockets: 32 });
  const send = (reference: string) =>
    client.sendSms({
      templateId: SEEDED_TEMPLATE_IDS.passThroughSms,
      phoneNumber: '07700900123',
      personalisation: { body: 'Hello' },
      reference,
    });
  for (let i = 0; i < 200; i += 1) await send(`warm-up-${i}`);
  let start = process.hrtime.bigint();
  const sequentialCount = 2_000;
  for (let i = 0; i < sequentialCount; i += 1) await send(`raw-sequential-${i}`);
  const sequential = sequentialCount / seconds(start);
  start = process.hrtime.bigint();
  const parallelCount = 5_000;
  let next = 0;
  await Promise.all(
    Array.from({ length: 12 }, async () => {
      while (next < parallelCount) await send(`raw-parallel-${next++}`);
    }),
  );
  const parallel = parallelCount / seconds(start);
  client.close();
  return { sequential, parallel };
}

function contextFor(simulator: SimulatorProcess, rateLimitPerMinute: number) {
  const data = tempDataDir();
  const ctx = openTestContext(
    data.dbFile,
    simulatorService({
      baseUrl: simulator.url,
      apiKey: simulator.apiKey,
      rateLimitPerMinute,
      passThrough: simulatorPassThrough(SEEDED_TEMPLATE_IDS),
    }),
  );
  insertBatch(ctx.db, 'bench-batch');
  return { ctx, data };
}

async function unlimitedDrain(): Promise<void> {
  const simulator = await startSimulatorProcess(['--rate-limit', String(UNLIMITED), '--deliver-after-ms', '2000']);
  try {
    const baseline = await rawBaselines(simulator);
    const { ctx, data } = contextFor(simulator, UNLIMITED);
    queueSms(ctx.db, { count: MESSAGES, batchId: 'bench-batch' });
    const engine = createSyncEngine(ctx, {
      minPollMs: 60_000,
      ...(process.env.SYNC_BENCH_CONCURRENCY ? { concurrency: Number(process.env.SYNC_BENCH_CONCURRENCY) } : {}),
    });
    const accepted = ctx.db.prepare(`SELECT COUNT(*) AS n FROM outbox_messages WHERE notify_id IS NOT NULL`);
    const start = process.hrtime.bigint();
    engine.start();
    while ((accepted.get() as { n: number }).n < MESSAGES) await sleep(20);
    const drainSeconds = seconds(start);
    await engine.stop();
    const rate = MESSAGES / drainSeconds;
    console.log(`(a) drain ${MESSAGES.toLocaleString('en-GB')} queued messages, no rate limit`);
    console.log(`    raw POST, plain sequential loop:     ${formatRate(baseline.sequential)}`);
    console.log(`    raw POST, 12 in flight:              ${formatRate(baseline.parallel)}`);
    console.log(`    sync engine (lease, send, record):   ${formatRate(rate)}  in ${drainSeconds.toFixed(2)} s`);
    console.log(
      `    engine / raw sequential = ${(rate / baseline.sequential).toFixed(2)}, engine / raw 12 in flight = ${(rate / baseline.parallel).toFixed(2)}  (target: at least 500/s)`,
    );

    // (c) Status refresh: rounds of list requests until every message is final.
    const refreshEngine = createSyncEngine(ctx, { minPollMs: 60_000 });
    let requests = 0;
    let rounds = 0;
    let maxPerRound = 0;
    const refreshStart = process.hrtime.bigint();
    while ((stateCounts(ctx.db).delivered ?? 0) < MESSAGES && rounds < 20) {
      await sleep(1_000);
      const report = await refreshEngine.runOnce();
      rounds += 1;
      requests += report.statusRequests;
      maxPerRound = Math.max(maxPerRound, report.statusRequests);
    }
    await refreshEngine.stop();
    console.log(`(c) status refresh of ${MESSAGES.toLocaleString('en-GB')} accepted messages to delivered`);
    console.log(
      `    ${requests} list requests in ${rounds} rounds (at most ${maxPerRound} per round; one request per message would be ${MESSAGES.toLocaleString('en-GB')}; target about ${Math.ceil(MESSAGES / 250)} per round), ${seconds(refreshStart).toFixed(1)} s, final: ${JSON.stringify(stateCounts(ctx.db))}`,
    );
    ctx.db.close();
    data.remove();
  } finally {
    await stopSimulatorProcess(simulator);
  }
}

async function pacedDrain(): Promise<void> {
  const simulator = await startSimulatorProcess(['--rate-limit', String(PACED_LIMIT_PER_MINUTE)]);
  try {
    const { ctx, data } = contextFor(simulator, PACED_LIMIT_PER_MINUTE);
    queueSms(ctx.db, { count: PACED_MESSAGES, batchId: 'bench-batch' });
    const engine = createSyncEngine(ctx, { minPollMs: 600_000 });
    const start = process.hrtime.bigint();
    const report = await engine.runOnce();
    const elapsed = seconds(start);
    await engine.stop();
    const limitPerSecond = PACED_LIMIT_PER_MINUTE / 60;
    const rate = report.sent / elapsed;
    console.log(`(b) drain ${PACED_MESSAGES.toLocaleString('en-GB')} messages with a limit of 600 per 10 seconds`);
    console.log(
      `    sent ${report.sent} in ${elapsed.toFixed(1)} s = ${rate.toFixed(1)}/s = ${((rate / limitPerSecond) * 100).toFixed(1)}% of the limit; 429 answers: ${report.rateLimited}  (target: at least 95%, no 429s)`,
    );
    ctx.db.close();
    data.remove();
  } finally {
    await stopSimulatorProcess(simulator);
  }
}

await unlimitedDrain();
await pacedDrain();
console.log(`peak memory (max RSS of the bench process): ${peakMemoryMb().toFixed(0)} MB`);
