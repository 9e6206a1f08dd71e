// npm run bench retention: what encryption at rest costs, and how fast a purge goes. The same delivery record
// (RETENTION_BENCH_MESSAGES messages over 400 days, default 200,000; bench/make-log-database.ts) is made plain and
// encrypted (SQLite3 Multiple Ciphers, ChaCha20, as the desk opens it), in this run: writing it, reading every row,
// the dashboard, then a purge that erases the personal data of messages over 90 days old and deletes those over 300.
// Ratios are encrypted / plain.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asDatabaseKey, openDatabase, type DatabaseKey } from '../electron/core/database/open-database';
import { readDashboard } from '../electron/core/record/dashboard';
import { purge } from '../electron/core/retention/purge';
import { LOG_BENCH_NOW, makeLogDatabase } from './make-log-database';
import { measure, peakMemoryMb } from './measure';

const MESSAGES = Number(process.env.RETENTION_BENCH_MESSAGES ?? 200_000);

interface Figures {
  writeSeconds: number;
  scanSeconds: number;
  dashboardMs: number;
  purgeSeconds: number;
  purgedRows: number;
  mbBefore: number;
  mbAfter: number;
}

const seconds = (work: () => void): number => {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e9;
};
const mb = (bytes: number): number => bytes / 1_048_576;

async function run(dir: string, key: DatabaseKey | null): Promise<Figures> {
  const file = join(dir, key ? 'encrypted.sqlite3' : 'plain.sqlite3');
  const writeSeconds = seconds(() => makeLogDatabase(file, { messages: MESSAGES, ...(key ? { key } : {}) }));
  const db = openDatabase(file, undefined, { key });
  try {
    const scan = db.prepare('SELECT count(*), sum(length(recipient) + length(body)) FROM record_messages');
    const scanSeconds = measure(MESSAGES, () => scan.get()).seconds;
    const dashboardMs = measure(1, () => readDashboard(db, new Date(LOG_BENCH_NOW)), 5).seconds * 1000;
    const mbBefore = mb(statSync(file).size);
    const start = process.hrtime.bigint();
    const summary = await purge(
      { db, dataDir: dir },
      { personalDataDays: 90, recordDays: 300 },
      { now: new Date(LOG_BENCH_NOW) },
    );
    const purgeSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    return {
      writeSeconds,
      scanSeconds,
      dashboardMs,
      purgeSeconds,
      purgedRows: summary.personalData.messages + summary.records.messages,
      mbBefore,
      mbAfter: mb(statSync(file).size),
    };
  } finally {
    db.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'notify-desk-retention-bench-'));
try {
  const plain = await run(dir, null);
  const encrypted = await run(dir, asDatabaseKey(randomBytes(32).toString('hex')));
  const ratio = (name: 'writeSeconds' | 'scanSeconds' | 'dashboardMs' | 'purgeSeconds') =>
    encrypted[name] / plain[name];
  for (const [name, figures] of [
    ['plain', plain],
    ['encrypted', encrypted],
  ] as const) {
    console.log(
      `${name}: wrote ${MESSAGES.toLocaleString('en-GB')} messages in ${figures.writeSeconds.toFixed(2)} s, read them all in ${(figures.scanSeconds * 1000).toFixed(0)} ms, ` +
        `dashboard ${figures.dashboardMs.toFixed(1)} ms; purge of ${figures.purgedRows.toLocaleString('en-GB')} rows in ${figures.purgeSeconds.toFixed(2)} s ` +
        `(${Math.round(figures.purgedRows / figures.purgeSeconds).toLocaleString('en-GB')}/s), file ${figures.mbBefore.toFixed(1)} MB -> ${figures.mbAfter.toFixed(1)} MB`,
    );
  }
  console.log(
    `encrypted / plain: write ${ratio('writeSeconds').toFixed(2)}x, read ${ratio('scanSeconds').toFixed(2)}x, dashboard ${ratio('dashboardMs').toFixed(2)}x, purge ${ratio('purgeSeconds').toFixed(2)}x; peak ${peakMemoryMb().toFixed(0)} MB`,
  );
  console.log(
    JSON.stringify({
      messages: MESSAGES,
      encrypted_write_ratio: Number(ratio('writeSeconds').toFixed(3)),
      encrypted_read_ratio: Number(ratio('scanSeconds').toFixed(3)),
      encrypted_dashboard_ratio: Number(ratio('dashboardMs').toFixed(3)),
      encrypted_purge_ratio: Number(ratio('purgeSeconds').toFixed(3)),
      purge_rows: encrypted.purgedRows,
      purge_rows_per_second: Math.round(encrypted.purgedRows / encrypted.purgeSeconds),
      purge_seconds: Number(encrypted.purgeSeconds.toFixed(2)),
      file_mb_before: Number(encrypted.mbBefore.toFixed(1)),
      file_mb_after: Number(encrypted.mbAfter.toFixed(1)),
      peak_mb: Number(peakMemoryMb().toFixed(0)),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
