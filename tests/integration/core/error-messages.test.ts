import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNotifyClient, NotifyApiError } from '../../../electron/core/notify-client';
import { startSimulator } from '../../../simulator';
import { startNotifyProxy, type ProxiedAnswer } from '../../helpers/notify-proxy';
import { freePort } from '../../helpers/processes';
import { startTestCore } from '../../helpers/test-core';

const API_KEY = `desk-${'26785a09-ab16-4eb0-8407-a37497a57506'}-${'3d844edf-8d35-48ac-975b-e847b4f122b0'}`;
/** The most a person is shown of one error: a short sentence, not a page. */
const SHORT = 400;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

async function failureOf(baseUrl: string, timeoutMs = 5_000): Promise<NotifyApiError> {
  const client = createNotifyClient({ baseUrl, apiKey: API_KEY, timeoutMs });
  try {
    const error = await client.listTemplates().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NotifyApiError);
    return error as NotifyApiError;
  } finally {
    client.close();
  }
}

/** Some 300,000 characters of the kind a broken server or proxy sends back: lines, markup, a stack of its own. */
const hugeText = `<html><body><h1>Internal Server Error</h1>\n<pre>${'Traceback (most recent call last):\n  File "app.py", line 1\n'.repeat(5_000)}</pre></body></html>`;

describe('errors reach the person as one short sentence', () => {
  it('says in words why the connection to Notify failed: nothing listening, connection closed, no answer in time', async () => {
    const closedPort = await freePort();
    expect((await failureOf(`http://127.0.0.1:${closedPort}`)).message).toBe(
      `notify-desk could not connect to 127.0.0.1:${closedPort} (nothing is listening there).`,
    );

    const hangsUp = await listen(createServer((request) => request.socket.destroy()));
    expect((await failureOf(`http://127.0.0.1:${hangsUp}`)).message).toBe(
      `The connection to 127.0.0.1:${hangsUp} was closed before Notify answered.`,
    );

    const silent = await listen(createServer(() => undefined));
    expect((await failureOf(`http://127.0.0.1:${silent}`, 1_000)).message).toBe(
      `Notify (127.0.0.1:${silent}) did not answer within 1 second.`,
    );
  });

  it('keeps Notify’s own words but never a page of them, on one line', async () => {
    const port = await listen(
      createServer((_request, response) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ result: 'error', message: hugeText }));
      }),
    );
    const error = await failureOf(`http://127.0.0.1:${port}`);
    expect(error.message).toMatch(/^Notify had a problem \(HTTP 500: Internal Server Error Traceback/);
    expect(error.message.length).toBeLessThanOrEqual(SHORT);
    expect(error.message).not.toMatch(/[\n<>]/);
  });

  it('bounds what a refused send records and what setting up a failing service says', async () => {
    const simulator = await startSimulator({ quiet: true });
    cleanups.push(() => simulator.close());
    const proxy = await startNotifyProxy(simulator.url);
    cleanups.push(() => proxy.close());
    const { core, stop } = await startTestCore();
    cleanups.push(stop);

    const notifyError = (status: number) => (): ProxiedAnswer => ({
      status,
      body: JSON.stringify({ status_code: status, errors: [{ error: 'BadRequestError', message: hugeText }] }),
    });
    proxy.rewrite(/^\/v2\/notifications\?/, notifyError(500));
    const added = await core.call('services.configure', { baseUrl: proxy.url, apiKey: simulator.apiKeys.live });
    expect(added.ok).toBe(true);
    const warning = (added as { value: { warning: string } }).value.warning;
    expect(warning).toMatch(/^Notify had a problem \(HTTP 500: Internal Server Error/);
    expect(warning.length).toBeLessThanOrEqual(SHORT * 2);
    expect(warning).not.toContain('\n');

    proxy.rewrite(/^\/v2\/notifications\?/, null);
    proxy.rewrite(/^\/v2\/notifications\/sms/, notifyError(400));
    const template = await core.handlers['templates.create']({ type: 'sms', name: 'Hello', body: 'Hello ((name))' });
    await core.handlers['messages.send']({ templateId: template.id, to: '07700900123', values: { name: 'Ann' } });
    await core.sync.runOnce();
    const [message] = (await core.handlers['outbox.list']({ limit: 10, offset: 0 })).messages;
    expect(message?.state).toBe('rejected');
    expect(message?.lastError?.length).toBeLessThanOrEqual(SHORT);
    expect(message?.lastError).toMatch(
      /^Internal Server Error Traceback \(most recent call last\): File "app\.py", line 1 .*…$/,
    );
  });
});
