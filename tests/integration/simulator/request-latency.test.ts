// Each kind of request waits as long as its kind's latency before it is handled: by default a precompiled letter
// far longer than a text, as with Notify.
import { NotifyClient } from 'notifications-node-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_REQUEST_LATENCY_MS,
  REQUEST_KINDS,
  SEEDED_TEMPLATE_IDS,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../simulator/index';
import { letterRequestKind } from '../../../simulator/request-latency';
import { statusReached } from './client-suite';

let running: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.map((simulator) => simulator.close()));
  running = [];
});

async function clientOf(options: SimulatorOptions = {}): Promise<NotifyClient> {
  const simulator = await startSimulator({ quiet: true, deliverAfterMs: 0, ...options });
  running.push(simulator);
  return new NotifyClient(simulator.url, simulator.apiKeys.live);
}

async function timeOf(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');

describe('latency by kind of request', () => {
  it('by default only precompiled letters and letter PDFs wait, the precompiled letter longest', () => {
    const waiting = REQUEST_KINDS.filter((kind) => DEFAULT_REQUEST_LATENCY_MS[kind] > 0);
    expect(waiting).toEqual(['precompiled-letter', 'letter-pdf']);
    expect(DEFAULT_REQUEST_LATENCY_MS['precompiled-letter']).toBeGreaterThanOrEqual(1000);
  });

  it('a precompiled letter is answered after its latency; the letter route tells it from a templated letter by its body', async () => {
    const client = await clientOf({ requestLatencyMs: { 'precompiled-letter': 600 } });
    expect(await timeOf(() => client.sendPrecompiledLetter('slow', pdf))).toBeGreaterThanOrEqual(590);
    expect(letterRequestKind(Buffer.from('{"reference": "r", "content": "JVBERi0="}'))).toBe('precompiled-letter');
    expect(letterRequestKind(Buffer.from('{"template_id": "t", "personalisation": {"content": "x"}}'))).toBe('letter');
    expect(letterRequestKind(Buffer.from('{"content": '))).toBe('letter');
  });

  it('each kind can be given its own latency, and the latency fault adds to it', async () => {
    const client = await clientOf({ requestLatencyMs: { sms: 300, 'letter-pdf': 0 }, latencyMs: 100 });
    const values = { personalisation: { body: 'Hello' } };
    expect(
      await timeOf(() => client.sendSms(SEEDED_TEMPLATE_IDS.passThroughSms, '07700900123', values)),
    ).toBeGreaterThanOrEqual(390);
    expect(await timeOf(() => client.getAllTemplates())).toBeGreaterThanOrEqual(95);
  });

  it('a letter’s PDF waits for its latency by default', async () => {
    const client = await clientOf();
    const { data } = await client.sendPrecompiledLetter('pdf', pdf);
    await statusReached(client, data.id, 'received');
    expect(await timeOf(() => client.getPdfForLetterNotification(data.id))).toBeGreaterThanOrEqual(
      DEFAULT_REQUEST_LATENCY_MS['letter-pdf'] - 10,
    );
  });
});
