import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES, startWebHost, type WebHost } from '../../../cli/web/web-host';
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/contract';
import { startTestCore } from '../../helpers/test-core';

const rendererDir = fileURLToPath(new URL('../../../renderer/dist', import.meta.url));

let host: WebHost;
let token: string;
let stopCore: () => Promise<void>;

beforeAll(async () => {
  const started = await startTestCore();
  stopCore = started.stop;
  host = await startWebHost(started.core, { port: 0, rendererDir });
  token = new URL(host.urlWithToken).searchParams.get('token')!;
});
afterAll(async () => {
  await host.close();
  await stopCore();
});

const rpc = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
  fetch(`${host.url}rpc`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('web mode', () => {
  it('listens on 127.0.0.1 only and prints an address carrying a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
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
    const { request } = await import('node:http');
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${host.url}rpc`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
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
    expect(invalid).toMatchObject({ ok: false, error: { message: 'name: Enter a template name' } });
  });

  it('streams the core events to the page', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.url}events?token=${token}`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    const created = (await (await rpc({ name: 'templates.create', args: { type: 'sms', name: 'Reminder', body: 'Hi ((name))' } })).json()) as { value: { id: string } };
    let received = '';
    while (!received.includes('event: templates.changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(received).toContain(`"templateId":"${created.value.id}"`);
  });

  it('takes a file just under the largest import size, sent as base64 in one call', async () => {
    const contentBase64 = Buffer.alloc(MAX_IMPORT_FILE_BYTES - 2, 'a').toString('base64');
    const result = await (await rpc({ name: 'imports.inspect', args: { source: { fileName: 'big.ods', contentBase64 } } })).json();
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^big\.ods is an OpenDocument spreadsheet \(\.ods\)/) } });
  }, 120_000);

  it('refuses a larger request with a message the person at the desk can act on', async () => {
    const response = await rpc({ name: 'app.status', args: { padding: 'x'.repeat(MAX_REQUEST_BYTES) } });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      ok: false,
      error: { message: 'This is too large to send to notify-desk: the largest file it reads is 150 MB. Split the file into smaller files.' },
    });
    expect(await (await rpc({ name: 'app.status', args: {} })).json()).toMatchObject({ ok: true });
  }, 120_000);
});
