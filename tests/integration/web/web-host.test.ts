import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES, startWebHost, type WebHost } from '../../../cli/web/web-host';
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/contract';
import { databaseFile } from '../../../electron/core/data-dir';
import { startTestCore } from '../../helpers/test-core';

const rendererDir = fileURLToPath(new URL('../../../renderer/dist', import.meta.url));

let host: WebHost;
let token: string;
let dataDir: string;
let stopCore: () => Promise<void>;

beforeAll(async () => {
  const started = await startTestCore();
  stopCore = started.stop;
  dataDir = started.dataDir;
  host = await startWebHost(started.core, { port: 0, rendererDir });
  token = await exchangeCode(new URL(host.urlWithCode).searchParams.get('code'));
});
afterAll(async () => {
  await host.close();
  await stopCore();
});

const startSession = (code: string | null, headers: Record<string, string> = {}) =>
  fetch(`${host.url}session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ code }),
  });

async function exchangeCode(code: string | null): Promise<string> {
  const response = await startSession(code);
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

const rpc = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
  fetch(`${host.url}rpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** A GET with the path sent exactly as written (fetch and new URL would resolve `..` first). */
const getRawPath = (path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });

/** A file sent as the page sends it: its bytes streamed to /uploads; the upload id the calls then name. */
async function upload(fileName: string, bytes: string | Buffer): Promise<string> {
  const response = await fetch(`${host.url}uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-file-name': encodeURIComponent(fileName) },
    body: bytes,
  });
  return ((await response.json()) as { value: { uploadId: string } }).value.uploadId;
}

async function callCore<T>(name: string, args: unknown): Promise<T> {
  const result = (await (await rpc({ name, args })).json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(result.error?.message);
  return result.value;
}

describe('web mode', () => {
  it('listens on 127.0.0.1 only and prints an address carrying a one-time code, exchanged once for the session’s token', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const address = new URL(host.urlWithCode);
    expect([...address.searchParams.keys()]).toEqual(['code']);
    expect(address.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(address.searchParams.get('code')).not.toBe(token);
  });

  it('refuses the code a second time, so the address seen on a command line cannot be replayed', async () => {
    const code = new URL(host.urlWithCode).searchParams.get('code');
    const replayed = await startSession(code);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toEqual({
      ok: false,
      error: {
        message:
          'This address has been used already. Go back to the notify-desk window you opened with it, or stop notify-desk web and start it again.',
      },
    });
    expect((await startSession('not-the-code')).status).toBe(401);
    expect((await startSession(null)).status).toBe(401);
    // The code itself never opens the core.
    expect((await rpc({ name: 'app.status', args: {} }, { authorization: `Bearer ${code}` })).status).toBe(401);
    expect((await startSession(code, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('serves the built UI with a strict Content-Security-Policy', async () => {
    const response = await fetch(host.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<div id="root"');
  });

  it('refuses calls without the token, or with the wrong one', async () => {
    expect((await rpc({ name: 'app.status', args: {} }, {})).status).toBe(401);
    expect((await rpc({ name: 'app.status', args: {} }, { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('answers calls with the token, in practice mode when no service is configured', async () => {
    const result = await (await rpc({ name: 'app.status', args: {} })).json();
    expect(result).toMatchObject({ ok: true, value: { practiceMode: true, service: null } });
  });

  it('refuses other Host and Origin headers (DNS rebinding, other sites)', async () => {
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          `${host.url}rpc`,
          { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ name: 'app.status', args: {} }));
      });
    expect(await status({ host: 'evil.example:80' })).toBe(421);
    expect(await status({ origin: 'http://evil.example' })).toBe(403);
  });

  it('rejects unknown handler names and invalid arguments with a readable message', async () => {
    expect(await (await rpc({ name: 'fs.readFile', args: {} })).json()).toMatchObject({
      ok: false,
      error: { message: 'Unknown request: fs.readFile' },
    });
    const invalid = await (await rpc({ name: 'templates.create', args: { type: 'sms', name: ' ', body: 'x' } })).json();
    expect(invalid).toMatchObject({ ok: false, error: { message: 'Enter a template name' } });
  });

  it('streams the core events to the page', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.url}events?token=${token}`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader: ReadableStreamDefaultReader<Uint8Array> = response.body!.getReader();
    const created = (await (
      await rpc({ name: 'templates.create', args: { type: 'sms', name: 'Reminder', body: 'Hi ((name))' } })
    ).json()) as { value: { id: string } };
    let received = '';
    while (!received.includes('event: templates.changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(received).toContain(`"templateId":"${created.value.id}"`);
  });

  it('takes a file as a stream to /uploads, and a call then names it by its upload id', async () => {
    const upload = await fetch(`${host.url}uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-file-name': encodeURIComponent('clinic list.csv') },
      body: 'phone number\n07700900123\n',
    });
    const { value } = (await upload.json()) as { value: { uploadId: string } };
    expect(value.uploadId).toMatch(/^[0-9a-f]{32}$/);
    const file = await callCore<{ fileName: string; sheets: { rowCount: number }[] }>('imports.inspect', {
      source: { uploadId: value.uploadId },
    });
    expect(file).toMatchObject({ fileName: 'clinic list.csv', sheets: [{ rowCount: 1 }] });
    const anonymous = await fetch(`${host.url}uploads`, {
      method: 'POST',
      headers: { 'x-file-name': 'a.csv' },
      body: 'x',
    });
    expect(anonymous.status).toBe(401);
  });

  it('refuses an upload past the largest import size while it streams, keeping nothing of it', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        if (sent > MAX_IMPORT_FILE_BYTES + 2 * chunk.length) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${host.url}uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-file-name': 'big.csv' },
      body,
      duplex: 'half',
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      'This file is too large: the largest file notify-desk reads is 150 MB. Split it into smaller files.',
    );
    expect(readdirSync(join(dataDir, 'uploads')).length).toBe(1);
  }, 120_000);

  it('refuses a call body over 1 MB, however it is nested, before parsing it', async () => {
    expect(MAX_REQUEST_BYTES).toBe(1024 * 1024);
    const nested = `${'['.repeat(600_000)}${']'.repeat(600_000)}`;
    const response = await fetch(`${host.url}rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: `{"name":"app.status","args":${nested}}`,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      ok: false,
      error: {
        message:
          'This request is too large for notify-desk (at most 1 MB). Files are uploaded on their own: choose the file again.',
      },
    });
    expect(await (await rpc({ name: 'app.status', args: {} })).json()).toMatchObject({ ok: true });
  });

  it('refuses from a page every call that names a path, and the calls only the host may make', async () => {
    for (const [name, args] of [
      ['imports.inspect', { source: { path: '/etc/passwd' } }],
      ['inbox.export', { path: join(dataDir, 'replies.csv') }],
      ['watchFolders.grantFolder', { path: dataDir }],
    ] as const) {
      expect(await (await rpc({ name, args })).json(), name).toMatchObject({
        ok: false,
        error: { code: 'names-a-file' },
      });
    }
  });

  it('lets the page download the rows an import set aside, by name, from the rejected-rows folder only', async () => {
    const template = await callCore<{ id: string }>('templates.create', {
      type: 'sms',
      name: 'Set aside',
      body: 'Hello ((name))',
    });
    const csv = 'phone number,name\n07700900123,Ann\n0770090,Zoë "Z"\n';
    const file = await callCore<{ fileId: string }>('imports.inspect', {
      source: { uploadId: await upload('clinic list.csv', csv) },
    });
    const queued = await callCore<{ queued: number; rejectedRowsFile: string; rejectedRowsFileName: string }>(
      'imports.queue',
      {
        fileId: file.fileId,
        templateId: template.id,
        excludeInvalid: true,
      },
    );
    expect(queued.queued).toBe(1);
    const name = queued.rejectedRowsFileName;
    expect(name).toMatch(/^clinic list-rejected-[0-9TZ-]+\.csv$/);
    const expected =
      '\uFEFFphone number,name,error\r\n0770090,"Zoë ""Z""",phone number: Mobile number is too short\r\n';
    expect(readFileSync(queued.rejectedRowsFile, 'utf8')).toBe(expected);

    const download = await fetch(`${host.url}rejected-rows/${encodeURIComponent(name)}?token=${token}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    expect(download.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await download.arrayBuffer()).toString('utf8')).toBe(expected);

    expect((await fetch(`${host.url}rejected-rows/${encodeURIComponent(name)}`)).status).toBe(401);
    expect((await fetch(`${host.url}rejected-rows/${encodeURIComponent(name)}?token=nope`)).status).toBe(401);

    const folder = join(dataDir, 'rejected-rows');
    writeFileSync(join(folder, 'notes.txt'), 'not a spreadsheet');
    mkdirSync(join(folder, 'older'));
    writeFileSync(join(folder, 'older', 'old.csv'), 'phone number\r\n');
    symlinkSync(databaseFile(dataDir), join(folder, 'database.csv'));
    for (const path of [
      '/rejected-rows/../notify-desk.sqlite',
      '/rejected-rows/..%2Fnotify-desk.sqlite',
      '/rejected-rows/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/rejected-rows/..',
      '/rejected-rows/older/old.csv',
      '/rejected-rows/older%2Fold.csv',
      '/rejected-rows/older%5Cold.csv',
      '/rejected-rows/notes.txt',
      '/rejected-rows/database.csv',
      '/rejected-rows/unknown.csv',
      '/rejected-rows/%E0%A4%A',
      '/rejected-rows/',
    ]) {
      const refused = await getRawPath(`${path}?token=${token}`);
      expect({ path, status: refused.status }).toEqual({ path, status: 404 });
      expect(refused.body).toBe(
        'There is no file of rows set aside with that name. It may have been moved or deleted: import the original file again to make a new one.',
      );
    }
  });

  it('serves a workbook’s rejected rows as an XLSX download', async () => {
    const template = await callCore<{ id: string }>('templates.create', {
      type: 'sms',
      name: 'Set aside from a workbook',
      body: 'Hello ((name))',
    });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('People').addRows([
      ['phone number', 'name'],
      ['07700900123', 'Ann'],
      ['', 'Bob'],
    ]);
    const file = await callCore<{ fileId: string }>('imports.inspect', {
      source: { uploadId: await upload('people.xlsx', Buffer.from(await workbook.xlsx.writeBuffer())) },
    });
    const queued = await callCore<{ rejectedRowsFileName: string }>('imports.queue', {
      fileId: file.fileId,
      templateId: template.id,
      excludeInvalid: true,
    });
    expect(queued.rejectedRowsFileName).toMatch(/^people-rejected-.+\.xlsx$/);

    const download = await fetch(
      `${host.url}rejected-rows/${encodeURIComponent(queued.rejectedRowsFileName)}?token=${token}`,
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="${queued.rejectedRowsFileName}"; filename*=UTF-8''${queued.rejectedRowsFileName}`,
    );
    const rejected = new ExcelJS.Workbook();
    await rejected.xlsx.load(await download.arrayBuffer());
    expect(rejected.worksheets[0]?.getSheetValues().slice(1)).toEqual([
      [undefined, 'phone number', 'name', 'error'],
      [undefined, undefined, 'Bob', 'phone number: Missing'],
    ]);
  });

  it('refuses to open a folder for a browser: only the desktop app can', async () => {
    expect(await (await rpc({ name: 'imports.showRejectedRows', args: { fileName: 'any.csv' } })).json()).toEqual({
      ok: false,
      error: { message: 'Only the desktop app can open a folder. Download the file instead.', code: 'desktop-only' },
    });
  });
});
