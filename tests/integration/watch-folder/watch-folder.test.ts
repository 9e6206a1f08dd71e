import ExcelJS from 'exceljs';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeskDatabaseFile } from '../../helpers/desk-database';
import { cliPath, runCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

const dataDir = makeTempDir();
const env = {
  ...process.env,
  NOTIFY_DESK_DATA_DIR: dataDir.path,
  NOTIFY_DESK_KEYCHAIN_SERVICE: 'notify-desk-watch-folder-test',
};
const cli = (args: string[]) => runCli(args, { env });
const folders: { path: string; remove(): void }[] = [];
const SETTLE_MS = '700';

function watchFolder(): string {
  const folder = makeTempDir('notify-desk-watch-');
  folders.push(folder);
  return folder.path;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface FileLine {
  fileName: string;
  state: string;
  batchId: string | null;
  queued: number;
  rejected: number;
  reason: string | null;
  movedTo: string | null;
}

/** `notify-desk --json watch …` running in the background, with each line it prints kept. */
class WatchProcess {
  readonly lines: FileLine[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly started: Promise<void>;

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [cliPath, '--json', 'watch', ...args], { env, stdio: 'pipe' });
    let stderr = '';
    this.child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = createInterface({ input: this.child.stdout });
    this.started = new Promise((resolve, reject) => {
      lines.on('line', (line) => {
        const parsed = JSON.parse(line) as FileLine | { watching: string };
        if ('watching' in parsed) resolve();
        else this.lines.push(parsed);
      });
      this.child.once('exit', (code) => reject(new Error(`watch exited with ${code}: ${stderr}`)));
    });
  }

  ready(): Promise<void> {
    return this.started;
  }

  async waitFor(fileName: string, timeoutMs = 30_000): Promise<FileLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.lines.find((entry) => entry.fileName === fileName);
      if (line) return line;
      if (Date.now() > deadline)
        throw new Error(`${fileName} was not taken in ${timeoutMs} ms; lines: ${JSON.stringify(this.lines)}`);
      await sleep(50);
    }
  }

  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill(signal);
    });
  }
}

const running: WatchProcess[] = [];
function startWatching(args: string[]): WatchProcess {
  const watch = new WatchProcess(args);
  running.push(watch);
  return watch;
}

function csv(rows: number, first = 0, header = 'phone number,name'): string {
  const lines = [header];
  for (let index = first; index < first + rows; index += 1)
    lines.push(`07700 9${String(index % 100_000).padStart(5, '0')},Person ${index}`);
  return `${lines.join('\n')}\n`;
}

function readReport(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${path}.report.json`, 'utf8')) as Record<string, unknown>;
}

/** Messages in batches that can be sent, per content of a file. */
async function queuedMessages(): Promise<number> {
  const db = await openDeskDatabaseFile(dataDir.path, {
    readonly: true,
    keychainService: env.NOTIFY_DESK_KEYCHAIN_SERVICE,
  });
  try {
    return db
      .prepare(`SELECT COUNT(*) FROM outbox_messages m JOIN batches b ON b.id = m.batch_id WHERE b.status = 'ready'`)
      .pluck()
      .get() as number;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const added = await cli([
    'template',
    'add',
    '--type',
    'sms',
    '--name',
    'Bin day',
    '--body',
    'Hello ((name)), your bins go out tomorrow.',
  ]);
  expect(added.code).toBe(0);
}, 60_000);

afterAll(async () => {
  await Promise.all(running.map((watch) => watch.stop('SIGKILL')));
  folders.forEach((folder) => folder.remove());
  dataDir.remove();
});

describe('a watch folder on the command line', () => {
  it('takes files written slowly or renamed in once complete, refuses a copy, a corrupt file and a file with bad rows', async () => {
    const folder = watchFolder();
    const watch = startWatching([folder, '--template', 'Bin day', '--settle-ms', SETTLE_MS]);
    await watch.ready();

    // Written in eight pieces, a quarter of a second apart: taken once, whole.
    const slow = join(folder, 'slow.csv');
    const content = csv(40);
    const pieces = content.match(/[\s\S]{1,120}/g) as string[];
    for (const piece of pieces) {
      appendFileSync(slow, piece);
      await sleep(250);
    }
    const slowLine = await watch.waitFor('slow.csv');
    expect(slowLine).toMatchObject({
      state: 'done',
      queued: 40,
      rejected: 0,
      movedTo: join(folder, 'done', 'slow.csv'),
    });
    expect(readFileSync(join(folder, 'done', 'slow.csv'), 'utf8')).toBe(content);
    expect(readReport(join(folder, 'done', 'slow.csv'))).toMatchObject({
      outcome: 'queued',
      batchId: slowLine.batchId,
      rowsQueued: 40,
      rowsRejected: 0,
      template: 'Bin day',
    });
    expect(watch.lines.filter((line) => line.fileName === 'slow.csv')).toHaveLength(1);

    // Written under a temporary name, which is never taken, then renamed.
    writeFileSync(join(folder, 'renamed.csv.tmp'), csv(3, 100));
    await sleep(Number(SETTLE_MS) * 2);
    expect(watch.lines.map((line) => line.fileName)).toEqual(['slow.csv']);
    renameSync(join(folder, 'renamed.csv.tmp'), join(folder, 'renamed.csv'));
    expect(await watch.waitFor('renamed.csv')).toMatchObject({ state: 'done', queued: 3 });

    // The same content again, under another name: never queued twice.
    writeFileSync(join(folder, 'slow again.csv'), content);
    const copy = await watch.waitFor('slow again.csv');
    expect(copy).toMatchObject({ state: 'failed', queued: 0, movedTo: join(folder, 'failed', 'slow again.csv') });
    expect(copy.reason).toMatch(
      /^The same content was already queued on \d{4}-\d\d-\d\d \d\d:\d\d \(from slow\.csv, batch [0-9a-f-]+\), so it was not queued again\.$/,
    );
    expect(readReport(join(folder, 'failed', 'slow again.csv'))).toMatchObject({
      outcome: 'failed',
      reason: copy.reason,
      rowsQueued: 0,
    });

    // Not a workbook at all.
    writeFileSync(join(folder, 'broken.xlsx'), Buffer.from('this was meant to be a spreadsheet'));
    const broken = await watch.waitFor('broken.xlsx');
    expect(broken.state).toBe('failed');
    expect(broken.reason).toContain('broken.xlsx is not an Excel workbook');
    expect(existsSync(join(folder, 'failed', 'broken.xlsx'))).toBe(true);

    // A bad number, and this folder does not set bad rows aside: nothing queued, each problem in the report.
    writeFileSync(
      join(folder, 'one bad row.csv'),
      'phone number,name\n07700 900201,Ann\n0712345,Bob\n07700 900203,Cat\n',
    );
    const bad = await watch.waitFor('one bad row.csv');
    expect(bad).toMatchObject({ state: 'failed', queued: 0, rejected: 1 });
    expect(readReport(join(folder, 'failed', 'one bad row.csv'))).toMatchObject({
      outcome: 'failed',
      rowsQueued: 0,
      rejectedRows: [{ row: 3, column: 'phone number', message: 'Mobile number is too short' }],
    });

    expect(readdirSync(folder).sort()).toEqual(['done', 'failed']);
    expect(await queuedMessages()).toBe(43);
    await watch.stop();
  }, 90_000);

  it('with --exclude-invalid and --once, queues the good rows of a workbook and reports the rows set aside', async () => {
    const folder = watchFolder();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Recipients');
    sheet.addRows([
      ['Phone number', 'Name'],
      ['07700 900301', 'Dee'],
      ['not a number', 'Eve'],
      ['07700 900303', 'Fay'],
    ]);
    await workbook.xlsx.writeFile(join(folder, 'workbook.xlsx'));
    // Excel's lock file beside a workbook someone has open is never taken.
    writeFileSync(join(folder, '~$workbook.xlsx'), 'lock');

    const before = await queuedMessages();
    const result = await cli([
      '--json',
      'watch',
      folder,
      '--template',
      'Bin day',
      '--exclude-invalid',
      '--once',
      '--settle-ms',
      '300',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { files, stillWriting } = JSON.parse(result.stdout) as { files: FileLine[]; stillWriting: string[] };
    expect(stillWriting).toEqual([]);
    expect(files).toEqual([
      expect.objectContaining({ fileName: 'workbook.xlsx', state: 'done', queued: 2, rejected: 1 }),
    ]);
    const report = readReport(join(folder, 'done', 'workbook.xlsx'));
    expect(report).toMatchObject({
      outcome: 'queued',
      rowsQueued: 2,
      rowsRejected: 1,
      rejectedRows: [
        { row: 3, column: 'Phone number', message: 'Mobile numbers can only include: 0 1 2 3 4 5 6 7 8 9 ( ) + -' },
      ],
      rejectedRowsFile: 'workbook.xlsx.rejected-rows.xlsx',
    });
    expect(existsSync(join(folder, 'done', 'workbook.xlsx.rejected-rows.xlsx'))).toBe(true);
    // The desk keeps its own files private, but what it writes into the shared folder the post room can read.
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect(mode(join(folder, 'done'))).toBe(0o755);
    expect(mode(join(folder, 'done', 'workbook.xlsx.report.json'))).toBe(0o644);
    expect(mode(join(folder, 'done', 'workbook.xlsx.rejected-rows.xlsx'))).toBe(0o644);
    expect(existsSync(join(folder, '~$workbook.xlsx'))).toBe(true);
    expect(await queuedMessages()).toBe(before + 2);
    // The batch a watch folder queued is in the audit trail, as one queued from the import page is.
    const audit = await cli(['--json', 'audit', 'list']);
    const { entries } = JSON.parse(audit.stdout) as { entries: { action: string; detail: Record<string, unknown> }[] };
    expect(entries.find((entry) => entry.action === 'batch.queued')?.detail).toMatchObject({
      fileName: 'workbook.xlsx',
      messages: 2,
      rejected: 1,
    });
  }, 60_000);

  it('queues a file exactly once when the process is killed in the middle of importing it and started again', async () => {
    const folder = watchFolder();
    const rows = 30_000;
    const before = await queuedMessages();
    writeFileSync(join(folder, 'large.csv'), csv(rows, 1000));
    const watch = startWatching([folder, '--template', 'Bin day', '--settle-ms', '300']);
    await watch.ready();

    const db = await openDeskDatabaseFile(dataDir.path, {
      readonly: true,
      keychainService: env.NOTIFY_DESK_KEYCHAIN_SERVICE,
    });
    try {
      const messagesInImport = db.prepare(
        `SELECT COUNT(*) FROM outbox_messages m JOIN batches b ON b.id = m.batch_id WHERE b.status = 'importing' AND b.file_name = 'large.csv'`,
      );
      const deadline = Date.now() + 60_000;
      while ((messagesInImport.pluck().get() as number) === 0) {
        if (Date.now() > deadline) throw new Error('the import never started');
        await sleep(20);
      }
    } finally {
      db.close();
    }
    await watch.stop('SIGKILL');
    expect(watch.lines).toEqual([]);
    expect(existsSync(join(folder, 'large.csv'))).toBe(true);
    expect(await queuedMessages()).toBe(before);

    const again = await cli(['--json', 'watch', folder, '--template', 'Bin day', '--once', '--settle-ms', '300']);
    expect(again.code).toBe(0);
    const { files } = JSON.parse(again.stdout) as { files: FileLine[] };
    expect(files).toEqual([expect.objectContaining({ fileName: 'large.csv', state: 'done', queued: rows })]);
    expect(await queuedMessages()).toBe(before + rows);
    const rerun = await cli(['--json', 'watch', folder, '--template', 'Bin day', '--once', '--settle-ms', '300']);
    expect(JSON.parse(rerun.stdout)).toEqual({ files: [], stillWriting: [] });
  }, 180_000);

  it('finishes a file queued before a restart without queuing it again, whichever step the restart interrupted', async () => {
    const folder = watchFolder();
    writeFileSync(join(folder, 'reminders.csv'), csv(5, 500));
    const first = await cli(['--json', 'watch', folder, '--template', 'Bin day', '--once', '--settle-ms', '300']);
    const [taken] = (JSON.parse(first.stdout) as { files: FileLine[] }).files;
    expect(taken).toMatchObject({ state: 'done', queued: 5 });
    const queued = await queuedMessages();
    const done = join(folder, 'done', 'reminders.csv');

    // What a restart leaves at each step, as the database and the folder hold it then: the file not yet moved and its
    // report not yet written, and the file's record at that step (its claim held by a process that has gone).
    const db = await openDeskDatabaseFile(dataDir.path, { keychainService: env.NOTIFY_DESK_KEYCHAIN_SERVICE });
    try {
      for (const [step, state, owner] of [
        ['batch queued, not yet recorded', 'importing', 'another-computer-that-has-gone:1'],
        ['recorded, not yet moved', 'queued', null],
      ] as const) {
        renameSync(done, join(folder, 'reminders.csv'));
        rmSync(`${done}.report.json`);
        db.prepare(`UPDATE watch_folder_files SET state = ?, owner = ?, lease_until = ? WHERE batch_id = ?`).run(
          state,
          owner,
          new Date(Date.now() - 1000).toISOString(),
          taken!.batchId,
        );
        const result = await cli(['--json', 'watch', folder, '--template', 'Bin day', '--once', '--settle-ms', '300']);
        const { files } = JSON.parse(result.stdout) as { files: FileLine[] };
        expect(files, step).toEqual([
          expect.objectContaining({ fileName: 'reminders.csv', state: 'done', batchId: taken!.batchId, queued: 5 }),
        ]);
        expect(await queuedMessages(), step).toBe(queued);
        expect(readdirSync(folder), step).toEqual(['done']);
        expect(readdirSync(join(folder, 'done')).sort(), step).toEqual(['reminders.csv', 'reminders.csv.report.json']);
        expect(readReport(done), step).toMatchObject({
          outcome: 'queued',
          batchId: taken!.batchId,
          rowsQueued: 5,
          rowsRejected: 0,
        });
      }
    } finally {
      db.close();
    }
  }, 90_000);
});
