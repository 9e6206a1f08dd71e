import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SEEDED_TEMPLATE_IDS,
  SIMULATOR_SERVICE_ID,
  startSimulator,
  type RunningSimulator,
} from '../../../simulator/index';
import { nowSeconds, secretOf, signJwt } from './helpers';

// Many concurrent sends must all be accepted and all be listed again (the rate is measured by npm run bench sync).
const SENDS = 3000;
const CONCURRENCY = 32;

let simulator: RunningSimulator;
let agent: Agent;

beforeAll(async () => {
  simulator = await startSimulator({ quiet: true, rateLimitPerMinute: 10_000_000, deliverAfterMs: 0 });
  agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
});
afterAll(async () => {
  agent.destroy();
  await simulator.close();
});

function call(method: 'GET' | 'POST', path: string, body?: object): Promise<{ status: number; json: unknown }> {
  const url = new URL(simulator.url);
  const token = signJwt(secretOf(simulator.apiKeys.test), { iss: SIMULATOR_SERVICE_ID, iat: nowSeconds() });
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method,
        agent,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('throughput', () => {
  it(`accepts ${SENDS} concurrent sends, then pages through them all`, async () => {
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < SENDS) {
          const index = next++;
          const sent =
            index % 2 === 0
              ? await call('POST', '/v2/notifications/sms', {
                  template_id: SEEDED_TEMPLATE_IDS.passThroughSms,
                  phone_number: `07700900${String(300 + (index % 600))}`, // clear of the smoke-test numbers
                  personalisation: { body: `Message ${index}` },
                  reference: `bulk-${index}`,
                })
              : await call('POST', '/v2/notifications/email', {
                  template_id: SEEDED_TEMPLATE_IDS.passThroughEmail,
                  email_address: `person${index}@example.com`,
                  personalisation: { subject: 'Bulk', body: `Message ${index}` },
                  reference: `bulk-${index}`,
                });
          statuses.push(sent.status);
        }
      }),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(SENDS);

    const seen = new Set<string>();
    let path = '/v2/notifications?status=delivered';
    for (;;) {
      const { json } = await call('GET', path);
      const page = json as { notifications: Array<{ id: string }>; links: { next?: string } };
      if (page.notifications.length === 0) break;
      for (const notification of page.notifications) seen.add(notification.id);
      path = new URL(page.links.next!).pathname + new URL(page.links.next!).search;
    }
    expect(seen.size).toBe(SENDS);
  });
});
