// npm run bench log: the delivery record on a database of 1,000,000 messages over 400 days (bench/make-log-database.ts,
// made once and kept in the temp folder). Measures the dashboard, the first page of 20 varied searches and filters
// (p95), and exports of every row to CSV and XLSX against a raw loop that reads the same rows from SQLite and writes
// them with csv-stringify / exceljs' WorkbookWriter, each in a process of its own so its peak memory is its own.
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RecordFilter } from '../shared/contract';
import { migrations } from '../electron/core/database/migrations';
import { openDatabase, type Db } from '../electron/core/database/open-database';
import { readDashboard } from '../electron/core/record/dashboard';
import { exportToFile } from '../electron/core/record/export/export-jobs';
import { searchRecord } from '../electron/core/record/record-search';
import { LOG_BENCH_MESSAGES, LOG_BENCH_NOW, makeLogDatabase } from './make-log-database';
import { peakMemoryMb } from './measure';

// Named by the schema's version, so a database made by an earlier version of the desk is never reused.
const DATABASE =
  process.env.LOG_BENCH_DB ??
  join(tmpdir(), `notify-desk-log-bench-schema${migrations.length}-${LOG_BENCH_MESSAGES}.sqlite`);
const EXPORTS = ['csv-raw', 'csv-export', 'xlsx-raw', 'xlsx-export'] as const;
type ExportName = (typeof EXPORTS)[number];

/** The same rows and cells the messages report writes (13 a row), newest first, straight from SQLite. */
const RAW_SELECT = `SELECT r.recipient_key, r.reference, r.template_name, r.type, r.sent_by, '', b.file_name, r.status, r.created_at,
  r.notify_id, r.status, r.completed_at, r.origin FROM record_messages r LEFT JOIN batches b ON b.id = r.batch_id
  ORDER BY r.created_at DESC, r.id DESC`;

async function rawCsv(db: Db, out: string): Promise<number> {
  const file = createWriteStream(out);
  const csv = stringify();
  csv.pipe(file);
  let rows = 0;
  for (const row of db.prepare(RAW_SELECT).raw().iterate() as Iterable<unknown[]>) {
    if (!csv.write(row)) await once(csv, 'drain');
    rows += 1;
  }
  csv.end();
  await once(file, 'close');
  return rows;
}

async function rawXlsx(db: Db, out: string): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Report');
  let rows = 0;
  for (const row of db.prepare(RAW_SELECT).raw().iterate() as Iterable<unknown[]>) {
    sheet.addRow(row).commit();
    rows += 1;
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}

async function measureExport(name: ExportName, dir: string): Promise<void> {
  const db = openDatabase(DATABASE);
  const out = join(dir, `${name}.${name.startsWith('csv') ? 'csv' : 'xlsx'}`);
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const rows =
    name === 'csv-raw'
      ? await rawCsv(db, out)
      : name === 'xlsx-raw'
        ? await rawXlsx(db, out)
        : await exportToFile(db, { filter: {}, format: name.startsWith('csv') ? 'csv' : 'xlsx', destination: out });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  db.close();
  console.log(
    JSON.stringify({
      rows,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakMb: peakMemoryMb(),
      bytes: statSync(out).size,
    }),
  );
}

interface ExportRun {
  rows: number;
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  bytes: number;
}

function runExport(name: ExportName, dir: string): ExportRun {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--export', name, dir],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (child.status !== 0) throw new Error(`${name} failed`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as ExportRun;
}

const LATEST_DAY = new Date(LOG_BENCH_NOW).toISOString().slice(0, 10);

/** Twenty searches and filters a supervisor would make, each answered as the page asks: first page and counts. */
const QUERIES: RecordFilter[] = [
  {},
  { type: 'sms' },
  { status: 'failed' },
  { status: 'delivered', type: 'email' },
  { status: 'temporary-failure' },
  { period: 'today' },
  { period: 'last-7-days', status: 'failed' },
  { period: 'this-month', type: 'letter' },
  { search: '07700 912345' },
  { search: '+447700912345' },
  { to: '447700900123' },
  { search: 'Person.4242@Example.com' },
  { reference: 'CASE-31337' },
  { spreadsheet: 'reminders-042' },
  { template: 'Template C reminder' },
  { sentBy: 'user7' },
  { batchId: 'batch-120' },
  { since: '2026-02-01', until: '2026-02-28', type: 'sms' },
  { template: 'Template F reminder', status: 'failed', type: 'sms' },
  { search: 'nobody@nowhere.example' },
];

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

/** Wall time, and the CPU time this process spent (what the work cost, whatever else the shared machine ran). */
const milliseconds = (work: () => unknown): { wall: number; cpu: number } => {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  work();
  const cpu = process.cpuUsage(cpuStart);
  return { wall: Number(process.hrtime.bigint() - start) / 1e6, cpu: (cpu.user + cpu.system) / 1000 };
};

async function main(): Promise<void> {
  if (!existsSync(DATABASE)) {
    console.log(`making ${DATABASE} (${LOG_BENCH_MESSAGES.toLocaleString('en-GB')} messages over 400 days; once)`);
    const start = Date.now();
    makeLogDatabase(DATABASE);
    console.log(`made in ${((Date.now() - start) / 1000).toFixed(0)} s`);
  }
  const now = new Date(LOG_BENCH_NOW);
  const db = openDatabase(DATABASE);
  const bytesPerMessage = statSync(DATABASE).size / LOG_BENCH_MESSAGES;

  readDashboard(db, now);
  const dashboardRuns = Array.from({ length: 15 }, () => milliseconds(() => readDashboard(db, now)));
  const dashboardMs = percentile(
    dashboardRuns.map((run) => run.cpu),
    0.5,
  );
  const dashboardWallMs = percentile(
    dashboardRuns.map((run) => run.wall),
    0.5,
  );
  console.log(
    `dashboard: median ${dashboardMs.toFixed(1)} ms of CPU time, ${dashboardWallMs.toFixed(1)} ms wall time (target 50 ms)`,
  );

  // Each query's first run is what a person waits for; its cache is warm from the previous queries only.
  const searchMs = QUERIES.map((filter) => {
    const ms = milliseconds(() => searchRecord(db, filter, { limit: 50, now }));
    console.log(
      `  ${ms.cpu.toFixed(1).padStart(7)} ms CPU ${ms.wall.toFixed(1).padStart(7)} ms wall  ${JSON.stringify(filter)}`,
    );
    return ms;
  });
  const searchP95 = percentile(
    searchMs.map((run) => run.cpu),
    0.95,
  );
  const searchWallP95 = percentile(
    searchMs.map((run) => run.wall),
    0.95,
  );
  console.log(
    `search, first page and counts: p95 ${searchP95.toFixed(1)} ms of CPU time, ${searchWallP95.toFixed(1)} ms wall time, of ${QUERIES.length} queries (target 100 ms)`,
  );
  console.log(
    `load average while measuring: ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
  );
  db.close();

  const dir = mkdtempSync(join(tmpdir(), 'notify-desk-log-bench-'));
  const results = Object.fromEntries(EXPORTS.map((name) => [name, runExport(name, dir)])) as Record<
    ExportName,
    ExportRun
  >;
  rmSync(dir, { recursive: true, force: true });
  for (const name of EXPORTS) {
    const result = results[name];
    console.log(
      `${name.padEnd(12)} ${result.rows.toLocaleString('en-GB')} rows in ${result.seconds.toFixed(1)} s (CPU ${result.cpuSeconds.toFixed(1)} s), peak ${result.peakMb.toFixed(0)} MB, ${(result.bytes / 1e6).toFixed(0)} MB file`,
    );
  }
  // CPU time is the work each did; wall time also holds whatever else the shared machine ran meanwhile.
  const csvRatio = results['csv-export'].cpuSeconds / results['csv-raw'].cpuSeconds;
  const xlsxRatio = results['xlsx-export'].cpuSeconds / results['xlsx-raw'].cpuSeconds;
  const csvWallRatio = results['csv-export'].seconds / results['csv-raw'].seconds;
  const xlsxWallRatio = results['xlsx-export'].seconds / results['xlsx-raw'].seconds;
  const exportPeak = Math.max(results['csv-export'].peakMb, results['xlsx-export'].peakMb);
  console.log(
    `export: CSV ${csvRatio.toFixed(2)}x and XLSX ${xlsxRatio.toFixed(2)}x the raw loop's CPU time (target 1.3x; wall time ${csvWallRatio.toFixed(2)}x and ${xlsxWallRatio.toFixed(2)}x), peak ${exportPeak.toFixed(0)} MB (target 300 MB)`,
  );
  console.log(`database: ${bytesPerMessage.toFixed(0)} bytes per message (latest day ${LATEST_DAY})`);
  console.log(
    JSON.stringify({
      dashboard_ms: Number(dashboardMs.toFixed(1)),
      search_p95_ms: Number(searchP95.toFixed(1)),
      dashboard_wall_ms: Number(dashboardWallMs.toFixed(1)),
      search_p95_wall_ms: Number(searchWallP95.toFixed(1)),
      export_csv_ratio: Number(csvRatio.toFixed(3)),
      export_xlsx_ratio: Number(xlsxRatio.toFixed(3)),
      export_csv_wall_ratio: Number(csvWallRatio.toFixed(3)),
      export_xlsx_wall_ratio: Number(xlsxWallRatio.toFixed(3)),
      export_peak_mb: Number(exportPeak.toFixed(0)),
      bytes_per_message: Number(bytesPerMessage.toFixed(0)),
    }),
  );
}

if (process.argv[2] === '--export') {
  await measureExport(process.argv[3] as ExportName, process.argv[4] ?? tmpdir());
} else {
  await main();
}
