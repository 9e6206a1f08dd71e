import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallResult, CoreEventName, ImportFileInfo } from '../../../shared/contract';
import {
  CoreSupervisor,
  crashedDuringCallMessage,
  keepsStoppingMessage,
  restartedMessage,
  type CrashNotice,
} from '../../../electron/core-host/core-supervisor';
import { connect } from '../../../electron/core/database/open-database';
import { isInDataFolder } from '../../../electron/main/show-in-folder';
import { chooseImportFile, passWindowCall } from '../../../electron/main/window-calls';
import type { WindowSender } from '../../../electron/main/trusted-sender';
import { startNodeCoreHost } from '../../helpers/core-host-process';
import { makeTempDir } from '../../helpers/temp-dir';

const appWindow: WindowSender = {
  frameUrl: 'app://notify-desk/index.html#/import',
  isMainFrame: true,
  fromAppWindow: true,
};

interface Desk {
  dataDir: string;
  core: CoreSupervisor;
  events: { name: CoreEventName; payload: unknown }[];
  crashes: CrashNotice[];
  shownInFolder: string[];
  hostPids: { pid: number }[];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The main process's side of the desktop app, with Node child processes in place of Electron's utility processes. */
async function startDesk(
  options: { restartDelaysMs?: number[]; dataDir?: string; resolveProxy?: (url: string) => Promise<string> } = {},
): Promise<Desk> {
  const folder = makeTempDir();
  cleanups.push(() => folder.remove());
  const dataDir = options.dataDir ?? folder.path;
  const desk: Omit<Desk, 'core'> = { dataDir, events: [], crashes: [], shownInFolder: [], hostPids: [] };
  const core = new CoreSupervisor({
    startHost: () => startNodeCoreHost(dataDir, desk.hostPids),
    onEvent: (name, payload) => desk.events.push({ name, payload }),
    onShowItemInFolder: (path) => desk.shownInFolder.push(path),
    onCrash: (notice) => desk.crashes.push(notice),
    onDesktopRequest: (request) =>
      request.kind === 'resolve-proxy'
        ? (options.resolveProxy ?? (() => Promise.resolve('DIRECT')))(request.url)
        : Promise.reject(new Error('not here')),
    restartDelaysMs: options.restartDelaysMs ?? [0, 0],
  });
  cleanups.push(() => core.close());
  await core.start();
  return { ...desk, core };
}

async function callOk<T>(desk: Desk, name: string, args: unknown): Promise<T> {
  const result = await passWindowCall(appWindow, name, args, desk.core);
  if (!result.ok) throw new Error(`${name} refused: ${result.error.message}`);
  return result.value as T;
}

function untilEvent(desk: Desk, matches: (name: CoreEventName, payload: unknown) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = () => {
      if (desk.events.some(({ name, payload }) => matches(name, payload))) return resolve();
      if (Date.now() > deadline) return reject(new Error('the event never came'));
      setTimeout(poll, 5);
    };
    poll();
  });
}

/** A CSV of text messages, outside the data folder: `rows` rows, every `invalidEvery`-th with a number Notify refuses. */
function writeRecipients(rows: number, invalidEvery = 0): string {
  const folder = makeTempDir('notify-desk-files-');
  cleanups.push(() => folder.remove());
  const lines = ['phone number,name'];
  for (let row = 0; row < rows; row += 1) {
    const invalid = invalidEvery > 0 && row % invalidEvery === 0;
    lines.push(`${invalid ? '07700 90' : `07700 900${String(row % 1000).padStart(3, '0')}`},Person ${row}`);
  }
  const path = join(folder.path, `recipients-${rows}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function smsTemplate(desk: Desk): Promise<string> {
  const template = await callOk<{ id: string }>(desk, 'templates.create', {
    type: 'sms',
    name: `Reminder ${Date.now()}`,
    body: 'Hello ((name))',
  });
  return template.id;
}

describe('the desktop app: its core in a process of its own (a Node child process standing in for the utility process)', () => {
  it("answers the app's own page, forwards the core's events, and opens the file manager only on the core's files", async () => {
    const desk = await startDesk();
    const templateId = await smsTemplate(desk);
    await untilEvent(
      desk,
      (name, payload) => name === 'templates.changed' && (payload as { templateId: string }).templateId === templateId,
    );
    expect(await callOk<{ id: string }[]>(desk, 'templates.list', {})).toEqual([
      expect.objectContaining({ id: templateId }),
    ]);

    // Refused before the core: an iframe, another page, a page that is not the app's window, a call naming a file.
    const refusedBy = async (sender: WindowSender, args: unknown = {}) =>
      ((await passWindowCall(sender, 'templates.list', args, desk.core)) as CallResult<unknown> & { ok: false }).error
        .code;
    expect(await refusedBy({ ...appWindow, isMainFrame: false })).toBe('untrusted-sender');
    expect(await refusedBy({ ...appWindow, frameUrl: 'app://notify-desk.evil.example/index.html' })).toBe(
      'untrusted-sender',
    );
    expect(await refusedBy({ ...appWindow, frameUrl: 'file:///tmp/index.html' })).toBe('untrusted-sender');
    expect(await refusedBy({ ...appWindow, fromAppWindow: false })).toBe('untrusted-sender');
    const csv = writeRecipients(30, 10);
    const byPath = await passWindowCall(appWindow, 'imports.inspect', { source: { path: csv } }, desk.core);
    expect(byPath).toMatchObject({ ok: false, error: { code: 'names-a-file' } });

    // The file comes from the main process's dialog; the page gets the core's opaque id and never the path.
    expect(await chooseImportFile(appWindow, { jobId: 'job-cancelled' }, async () => null, desk.core)).toBeNull();
    expect(
      await chooseImportFile({ ...appWindow, isMainFrame: false }, { jobId: 'job-1' }, async () => csv, desk.core),
    ).toMatchObject({ ok: false });
    const chosen = await chooseImportFile(appWindow, { jobId: 'job-1' }, async () => csv, desk.core);
    expect(chosen).toMatchObject({ ok: true, value: { fileName: 'recipients-30.csv', kind: 'csv' } });
    expect(JSON.stringify(chosen)).not.toContain(csv);
    const { fileId } = (chosen as { value: ImportFileInfo }).value;

    const queued = await callOk<{ rejectedRowsFileName: string | null; queued: number }>(desk, 'imports.queue', {
      fileId,
      templateId,
      excludeInvalid: true,
    });
    expect(queued.queued).toBe(27);
    await callOk(desk, 'imports.showRejectedRows', { fileName: queued.rejectedRowsFileName });
    expect(desk.shownInFolder).toHaveLength(1);
    expect(isInDataFolder(desk.dataDir, desk.shownInFolder[0]!)).toBe(true);
    expect(existsSync(desk.shownInFolder[0]!)).toBe(true);
  });

  it('keeps answering while it checks a 100,000-row import, and its progress reaches the window', async () => {
    const desk = await startDesk();
    const templateId = await smsTemplate(desk);
    const chosen = await chooseImportFile(
      appWindow,
      { jobId: 'job-big' },
      async () => writeRecipients(100_000),
      desk.core,
    );
    const { fileId } = (chosen as { value: ImportFileInfo }).value;

    const order: string[] = [];
    const check = callOk<{ rows: number }>(desk, 'imports.check', { jobId: 'job-check', fileId, templateId }).then(
      (report) => {
        order.push('check');
        return report;
      },
    );
    await untilEvent(
      desk,
      (name, payload) =>
        name === 'import.progress' && (payload as { jobId: string; done: number }).jobId === 'job-check',
    );
    await callOk(desk, 'app.status', {});
    order.push('status');
    expect((await check).rows).toBe(100_000);
    expect(order).toEqual(['status', 'check']);
  });

  it('tells the window when the core crashes, fails the call in flight, and restarts it with nothing lost', async () => {
    const desk = await startDesk();
    const templateId = await smsTemplate(desk);
    const chosen = await chooseImportFile(
      appWindow,
      { jobId: 'job-big' },
      async () => writeRecipients(30_000),
      desk.core,
    );
    const { fileId } = (chosen as { value: ImportFileInfo }).value;

    const inFlight = passWindowCall(appWindow, 'imports.check', { jobId: 'job-crash', fileId, templateId }, desk.core);
    await untilEvent(
      desk,
      (name, payload) => name === 'import.progress' && (payload as { jobId: string }).jobId === 'job-crash',
    );
    process.kill(desk.hostPids[0]!.pid, 'SIGKILL');

    expect(await inFlight).toEqual({ ok: false, error: { message: crashedDuringCallMessage, code: 'core-restarted' } });
    expect(desk.crashes).toEqual([{ message: restartedMessage, restarting: true }]);
    // A new core, on the same data: the template is still there, and the forgotten file must be chosen again.
    expect(await callOk<{ id: string }[]>(desk, 'templates.list', {})).toEqual([
      expect.objectContaining({ id: templateId }),
    ]);
    expect(desk.hostPids).toHaveLength(2);
    const forgotten = await passWindowCall(appWindow, 'imports.check', { fileId, templateId }, desk.core);
    expect(forgotten).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Choose the file again/) } });
  });

  it('stops restarting a core that keeps crashing, and says so', async () => {
    const desk = await startDesk({ restartDelaysMs: [0] });
    process.kill(desk.hostPids[0]!.pid, 'SIGKILL');
    await expect.poll(() => desk.hostPids.length, { timeout: 30_000 }).toBe(2);
    await callOk(desk, 'app.status', {});
    process.kill(desk.hostPids[1]!.pid, 'SIGKILL');
    await expect.poll(() => desk.crashes.length, { timeout: 30_000 }).toBe(2);
    expect(desk.crashes[1]).toEqual({ message: keepsStoppingMessage, restarting: false });
    expect(await passWindowCall(appWindow, 'app.status', {}, desk.core)).toEqual({
      ok: false,
      error: { message: keepsStoppingMessage, code: 'core-unavailable' },
    });
    expect(desk.hostPids).toHaveLength(2);
  });

  it('does not start, nor restart, a core whose database is from a newer version, and gives the reason', async () => {
    const folder = makeTempDir();
    cleanups.push(() => folder.remove());
    // An earlier version's plain database, as a newer version left it: the core encrypts it, then refuses it.
    const db = connect(join(folder.path, 'notify-desk.sqlite3'));
    db.pragma('user_version = 999');
    db.close();
    const crashes: CrashNotice[] = [];
    const hostPids: { pid: number }[] = [];
    const core = new CoreSupervisor({
      startHost: () => startNodeCoreHost(folder.path, hostPids),
      onEvent: () => undefined,
      onShowItemInFolder: () => undefined,
      onCrash: (notice) => crashes.push(notice),
      onDesktopRequest: () => Promise.resolve('DIRECT'),
    });
    cleanups.push(() => core.close());
    await expect(core.start()).rejects.toThrow(/newer version of notify-desk/);
    expect(await core.call('app.status', {})).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/newer version/) },
    });
    expect(hostPids).toHaveLength(1);
    expect(crashes).toEqual([]);
  });

  it("asks the desktop for the system's proxy, and uses the answer", async () => {
    const asked: string[] = [];
    const desk = await startDesk({
      resolveProxy: (url) => {
        asked.push(url);
        return Promise.resolve('PROXY 127.0.0.1:9; DIRECT');
      },
    });
    const configured = await callOk<{ warning: string | null }>(desk, 'services.configure', {
      baseUrl: 'https://api.notify.example',
      apiKey: `desk_test-${'4'.repeat(8)}-4444-4444-4444-${'4'.repeat(12)}-${'5'.repeat(8)}-5555-5555-5555-${'5'.repeat(12)}`,
    });
    expect(asked[0]).toMatch(/^https:\/\/api\.notify\.example/);
    expect(configured.warning).toMatch(/The proxy at 127\.0\.0\.1:9 refused the connection/);
  });

  it('closes the core when the app quits, without restarting it', async () => {
    const desk = await startDesk();
    await smsTemplate(desk);
    await desk.core.close();
    expect(desk.crashes).toEqual([]);
    expect(desk.hostPids).toHaveLength(1);
    expect(() => process.kill(desk.hostPids[0]!.pid, 0)).toThrow();
    expect(await desk.core.call('app.status', {})).toMatchObject({ ok: false, error: { code: 'core-unavailable' } });
  });
});
