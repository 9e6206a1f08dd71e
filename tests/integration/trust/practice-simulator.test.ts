import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type RunningSimulator } from '../../../simulator';
import { launchChromium, newPage } from '../../helpers/browser';

let simulator: RunningSimulator;
let otherSite: Server;
let otherOrigin: string;
let chromium: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, quiet: true });
  otherSite = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>Another site</title>');
  });
  await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(otherSite.address() as AddressInfo).port}`;
  chromium = await launchChromium();
}, 60_000);
afterAll(async () => {
  await chromium.close();
  otherSite.close();
  await simulator.close();
});

describe('the practice simulator, seen from a page of another site', () => {
  it('listens on 127.0.0.1 only, sends no CORS headers, and its control routes need its key', async () => {
    expect(new URL(simulator.url).hostname).toBe('127.0.0.1');
    const withoutKey = await fetch(`${simulator.url}/_simulator/notifications`, { headers: { origin: otherOrigin } });
    expect(withoutKey.status).toBe(401);
    expect(withoutKey.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${simulator.url}/_simulator/faults`, {
      method: 'OPTIONS',
      headers: {
        origin: otherOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('cannot be read or driven by a page of another origin, even one that knows the key', async () => {
    const page = await newPage(chromium.browser);
    await page.goto(otherOrigin);
    const outcome = await page.evaluate(
      async ({ url, controlKey }) => {
        const attempt = async (run: () => Promise<Response>) => {
          try {
            return `answered ${(await run()).status}`;
          } catch {
            return 'blocked';
          }
        };
        return {
          // A simple request, which needs no preflight: only the absence of CORS headers keeps its answer from the page.
          simple: await attempt(() => fetch(`${url}/v2/template/00000000-0000-0000-0000-000000000000`)),
          read: await attempt(() =>
            fetch(`${url}/_simulator/notifications`, { headers: { authorization: `Bearer ${controlKey}` } }),
          ),
          drive: await attempt(() =>
            fetch(`${url}/_simulator/faults`, {
              method: 'POST',
              headers: { authorization: `Bearer ${controlKey}`, 'content-type': 'application/json' },
              body: '{"failRate":1}',
            }),
          ),
        };
      },
      { url: simulator.url, controlKey: simulator.controlKey },
    );
    expect(outcome).toEqual({ simple: 'blocked', read: 'blocked', drive: 'blocked' });
    const notifications = await fetch(`${simulator.url}/_simulator/notifications`, {
      headers: { authorization: `Bearer ${simulator.controlKey}` },
    });
    expect(notifications.status).toBe(200);
  }, 60_000);
});
