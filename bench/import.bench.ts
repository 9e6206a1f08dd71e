// npm run bench import: 100,000-row files (a phone number and three placeholders, about 1% invalid rows) as CSV and
// XLSX; the full import (read, check, queue into SQLite) against the raw read of the same file, in the same run.
import ExcelJS from 'exceljs';
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
import { loadTemplateForImport } from '../electron/core/import/template-for-import';
import { formatRate } from './measure';

const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 100_000);
const generateInto = process.argv[2] === '--generate' ? process.argv[3] : undefined;
const dir = generateInto ?? mkdtempSync(join(tmpdir(), 'notify-desk-import-bench-'));

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

async function writeXlsx(path: string): Promise<void> {
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

/** Runs `work`, sampling the process's resident memory while it runs. */
async function timed(work: () => Promise<number>): Promise<{ seconds: number; rows: number; peakMb: number }> {
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = process.hrtime.bigint();
  const rows = await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds, rows, peakMb: peak / 1024 / 1024 };
}

async function rawCsvRead(path: string): Promise<number> {
  let rows = 0;
  for await (const record of createReadStream(path).pipe(parse({ relax_column_count: true }))) if (record) rows += 1;
  return rows - 1;
}

async function rawXlsxRead(path: string): Promise<number> {
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  for await (const sheet of reader) for await (const sheetRow of sheet) if (sheetRow) rows += 1;
  return rows - 1;
}

async function fullImport(path: string): Promise<number> {
  const db = openDatabase(join(dir, `bench-${randomUUID()}.sqlite`));
  try {
    const id = randomUUID();
    const now = new Date().toISOString();
    db.prepare(`INSERT INTO templates (id, type, name, current_version, created_at, updated_at) VALUES (?, 'sms', 'Bench', 1, ?, ?)`).run(id, now, now);
    db.prepare(`INSERT INTO template_versions (template_id, version, body, created_at, created_by) VALUES (?, 1, ?, ?, 'bench')`).run(
      id,
      'Dear ((name)), your appointment is on ((date)). Quote ((reference)) if you call us.',
      now,
    );
    const result = await queueImport(
      { db, file: await examineFile(path), template: loadTemplateForImport(db, id) },
      { excludeInvalid: true, importedBy: 'bench', rejectedRowsFolder: join(dir, 'rejected') },
    );
    if (!result.batchId) throw new Error(`nothing queued: ${result.report.fileError ?? JSON.stringify(result.report.errorCounts)}`);
    return result.report.rows;
  } finally {
    db.close();
  }
}

function line(label: string, measured: { seconds: number; rows: number; peakMb: number }, raw?: { seconds: number }): string {
  const ratio = raw ? `  ${(measured.seconds / raw.seconds).toFixed(2)}× raw read` : '';
  return `${label.padEnd(22)} ${measured.seconds.toFixed(2)} s  ${formatRate(measured.rows / measured.seconds).padStart(12)}  peak ${Math.round(measured.peakMb)} MB${ratio}`;
}

const csv = join(dir, 'recipients.csv');
const xlsx = join(dir, 'recipients.xlsx');
if (generateInto) {
  await writeCsv(csv);
  await writeXlsx(xlsx);
  process.exit(0);
}
try {
  // The files are written by a child process, so that writing them does not count in this process's memory.
  const generated = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--generate', dir], { stdio: 'inherit' });
  if (generated.status !== 0) throw new Error('could not generate the files');
  console.log(`${ROWS.toLocaleString('en-GB')} rows, a phone number and three placeholders, 1% invalid`);
  const csvRaw = await timed(() => rawCsvRead(csv));
  const csvFull = await timed(() => fullImport(csv));
  console.log(line('CSV raw read (csv-parse)', csvRaw));
  console.log(line('CSV full import', csvFull, csvRaw));
  const xlsxRaw = await timed(() => rawXlsxRead(xlsx));
  const xlsxFull = await timed(() => fullImport(xlsx));
  console.log(line('XLSX raw read (exceljs)', xlsxRaw));
  console.log(line('XLSX full import', xlsxFull, xlsxRaw));
  console.log('Targets: XLSX import within 1.5× the raw read; CSV import under 1.5 s; peak memory under 300 MB.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
