// npm run bench import: 100,000-row files (a phone number and three placeholders, about 1% invalid rows) as CSV and
// XLSX; the full import (read, check, queue into SQLite) against the raw read of the same file, in the same run.
// Each measurement runs in a process of its own, so that its peak memory is its own and not what an earlier one
// left behind; each is run IMPORT_BENCH_ROUNDS times (default 3) and the fastest round is reported, the largest
// peak memory of all rounds with it. IMPORT_BENCH_COMPARE=<another checkout of notify-desk> also measures that
// checkout's reading and importing of the same files, round for round alternating with this one's (before and after
// a change, in the same run). The last line is the figures as JSON.
import { parse } from 'csv-parse';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../electron/core/database/open-database';
import { examineFile } from '../electron/core/import/examine-file';
import { queueImport } from '../electron/core/import/run-import';
import { openSheet } from '../electron/core/import/sheet-rows';
import { loadTemplateForImport } from '../electron/core/import/template-for-import';
import { formatRate, peakMemoryMb } from './measure';

const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 100_000);
const ROUNDS = Number(process.env.IMPORT_BENCH_ROUNDS ?? 3);
const MEASUREMENTS = {
  'csv-raw': rawCsvRead,
  'csv-read': ourRead,
  'csv-import': fullImport,
  'xlsx-raw': rawXlsxRead,
  'xlsx-read': ourRead,
  'xlsx-import': fullImport,
} as const;
type MeasurementName = keyof typeof MEASUREMENTS;
const isMeasurementName = (name: string | undefined): name is MeasurementName =>
  name !== undefined && name in MEASUREMENTS;

const generateInto = process.argv[2] === '--generate' ? process.argv[3] : undefined;
const measureOne = process.argv[2] === '--measure' ? process.argv[3] : undefined;
const dir =
  generateInto ?? (measureOne ? (process.argv[5] ?? '') : mkdtempSync(join(tmpdir(), 'notify-desk-import-bench-')));

function row(index: number): [string, string, string, string] {
  const phone = index % 100 === 42 ? '07700 9' : `077009${String(index % 100_000).padStart(5, '0')}`;
  return [phone, `Person ${index}`, `${1 + (index % 28)} March`, `REF-${index}`];
}

async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('phone number,name,date,reference\r\n');
  for (let index = 0; index < ROWS; index += 1) {
    if (!out.write(`${row(index).join(',')}\r\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** exceljs is loaded only where it is used, so that the other measurements do not carry its weight. */
const loadExcelJs = async (): Promise<typeof import('exceljs')> => (await import('exceljs')).default;

async function writeXlsx(path: string): Promise<void> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Recipients');
  sheet.addRow(['phone number', 'name', 'date', 'reference']).commit();
  for (let index = 0; index < ROWS; index += 1) {
    const [phone, ...rest] = row(index);
    // Excel's habit: the phone number stored as a number, its leading zero lost.
    sheet.addRow([index % 100 === 42 ? phone : Number(phone), ...rest]).commit();
  }
  sheet.commit();
  await workbook.commit();
}

interface Measured {
  seconds: number;
  rows: number;
  peakMb: number;
}

const COMPARE = process.env.IMPORT_BENCH_COMPARE;

/** Runs one measurement in a child process: its time, and the most memory the process held at any moment. */
function measureInChild(name: MeasurementName, file: string, benchFile = fileURLToPath(import.meta.url)): Measured {
  const child = spawnSync(process.execPath, ['--import', 'tsx', benchFile, '--measure', name, file, dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`${name} failed`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as Measured;
}

function fastestOf(rounds: Measured[]): Measured {
  const fastest = rounds.reduce((best, round) => (round.seconds < best.seconds ? round : best));
  return { ...fastest, peakMb: Math.max(...rounds.map((round) => round.peakMb)) };
}

function bestOf(name: MeasurementName, file: string): Measured {
  return fastestOf(Array.from({ length: ROUNDS }, () => measureInChild(name, file)));
}

/** This checkout's measurement and the other checkout's, round by round in turn, so both meet the same machine. */
function bestOfBoth(name: MeasurementName, file: string, otherCheckout: string): { ours: Measured; other: Measured } {
  const ours: Measured[] = [];
  const other: Measured[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    ours.push(measureInChild(name, file));
    other.push(measureInChild(name, file, join(otherCheckout, 'bench', 'import.bench.ts')));
  }
  return { ours: fastestOf(ours), other: fastestOf(other) };
}

async function rawCsvRead(path: string): Promise<number> {
  let rows = 0;
  for await (const record of createReadStream(path).pipe(parse({ relax_column_count: true }))) if (record) rows += 1;
  return rows - 1;
}

async function rawXlsxRead(path: string): Promise<number> {
  const ExcelJS = await loadExcelJs();
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  for await (const sheet of reader) for await (const sheetRow of sheet) if (sheetRow) rows += 1;
  return rows - 1;
}

/** notify-desk's own reading of the file, rows only: no checks, no queue. */
async function ourRead(path: string): Promise<number> {
  const sheet = await openSheet(await examineFile(path), undefined);
  let rows = 0;
  for await (const chunk of sheet.rows) rows += chunk.length;
  return rows;
}

async function fullImport(path: string): Promise<number> {
  const db = openDatabase(join(dir, `bench-${randomUUID()}.sqlite`));
  try {
    const id = randomUUID();
    const now = new Date().toISOString();
    db.prepare(
      `INSERT INTO templates (id, type, name, current_version, created_at, updated_at) VALUES (?, 'sms', 'Bench', 1, ?, ?)`,
    ).run(id, now, now);
    db.prepare(
      `INSERT INTO template_versions (template_id, version, body, created_at, created_by) VALUES (?, 1, ?, ?, 'bench')`,
    ).run(id, 'Dear ((name)), your appointment is on ((date)). Quote ((reference)) if you call us.', now);
    const result = await queueImport(
      { db, file: await examineFile(path), template: loadTemplateForImport(db, id) },
      { excludeInvalid: true, importedBy: 'bench', rejectedRowsFolder: join(dir, 'rejected') },
    );
    if (!result.batchId)
      throw new Error(`nothing queued: ${result.report.fileError ?? JSON.stringify(result.report.errorCounts)}`);
    return result.report.rows;
  } finally {
    db.close();
  }
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

function line(label: string, measured: Measured, raw?: { seconds: number }): string {
  const ratio = raw ? `  ${(measured.seconds / raw.seconds).toFixed(2)}× raw read` : '';
  return `${label.padEnd(25)} ${measured.seconds.toFixed(2)} s  ${formatRate(measured.rows / measured.seconds).padStart(12)}  peak ${Math.round(measured.peakMb)} MB${ratio}`;
}

if (isMeasurementName(measureOne)) {
  const file = process.argv[4] ?? '';
  // The baseline's own module is loaded before its clock starts.
  if (measureOne === 'xlsx-raw') await loadExcelJs();
  const start = process.hrtime.bigint();
  const rows = await MEASUREMENTS[measureOne](file);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ seconds, rows, peakMb: peakMemoryMb() }));
  process.exit(0);
}
const csv = join(dir, 'recipients.csv');
const xlsx = join(dir, 'recipients.xlsx');
if (generateInto) {
  await writeCsv(csv);
  await writeXlsx(xlsx);
  process.exit(0);
}
try {
  // The files are written by a child process too.
  const generated = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--generate', dir],
    { stdio: 'inherit' },
  );
  if (generated.status !== 0) throw new Error('could not generate the files');
  console.log(
    `${ROWS.toLocaleString('en-GB')} rows, a phone number and three placeholders, 1% invalid; fastest of ${ROUNDS} rounds, each in its own process`,
  );
  const csvRaw = bestOf('csv-raw', csv);
  const csvRead = bestOf('csv-read', csv);
  const csvFull = bestOf('csv-import', csv);
  console.log(line('CSV raw read (csv-parse)', csvRaw));
  console.log(line('CSV read alone (ours)', csvRead, csvRaw));
  console.log(line('CSV full import', csvFull, csvRaw));
  const xlsxRaw = bestOf('xlsx-raw', xlsx);
  const xlsxRead = bestOf('xlsx-read', xlsx);
  const xlsxFull = bestOf('xlsx-import', xlsx);
  console.log(line('XLSX raw read (exceljs)', xlsxRaw));
  console.log(line('XLSX read alone (ours)', xlsxRead, xlsxRaw));
  console.log(line('XLSX full import', xlsxFull, xlsxRaw));
  console.log('Targets: XLSX import within 1.5× the raw read; CSV import under 1.5 s; peak memory under 300 MB.');
  const figures = (measured: Measured, raw?: Measured) => ({
    seconds: round(measured.seconds),
    peakMb: Math.round(measured.peakMb),
    ...(raw ? { ratioToRaw: round(measured.seconds / raw.seconds) } : {}),
  });
  let compared: Record<string, unknown> | undefined;
  if (COMPARE) {
    console.log(`This checkout against ${COMPARE}, alternating round by round:`);
    compared = {};
    for (const [name, file, raw] of [
      ['xlsx-read', xlsx, xlsxRaw],
      ['xlsx-import', xlsx, xlsxRaw],
      ['csv-import', csv, csvRaw],
    ] as const) {
      const { ours, other } = bestOfBoth(name, file, COMPARE);
      console.log(line(`${name} (this)`, ours, raw));
      console.log(line(`${name} (other)`, other, raw));
      compared[name] = { this: figures(ours, raw), other: figures(other, raw) };
    }
  }
  console.log(
    JSON.stringify({
      bench: 'import',
      rows: ROWS,
      csv: { raw: figures(csvRaw), read: figures(csvRead, csvRaw), import: figures(csvFull, csvRaw) },
      xlsx: { raw: figures(xlsxRaw), read: figures(xlsxRead, xlsxRaw), import: figures(xlsxFull, xlsxRaw) },
      targetsMet: {
        csvImportUnder1_5s: csvFull.seconds < 1.5,
        xlsxImportWithin1_5xRaw: xlsxFull.seconds <= 1.5 * xlsxRaw.seconds,
        peakUnder300Mb: Math.max(csvFull.peakMb, xlsxFull.peakMb) < 300,
      },
      ...(compared ? { compared: { other: COMPARE, ...compared } } : {}),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
