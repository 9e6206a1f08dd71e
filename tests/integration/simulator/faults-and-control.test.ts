import { NotifyClient } from 'notifications-node-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SEEDED_TEMPLATE_IDS,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../simulator/index';
import { controlRequest, failureOf, requestJson, sleep } from './helpers';

let running: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.map((simulator) => simulator.close()));
  running = [];
});

async function simulatorWith(options: SimulatorOptions = {}) {
  const simulator = await startSimulator({ quiet: true, ...options });
  running.push(simulator);
  return { simulator, live: new NotifyClient(simulator.url, simulator.apiKeys.live) };
}

const text = (client: NotifyClient, reference?: string) =>
  client.sendSms(SEEDED_TEMPLATE_IDS.passThroughSms, '07700900999', { personalisation: { body: 'Hello' }, reference });

describe('control endpoints', () => {
  it('lists every accepted notification, and reset forgets them', async () => {
    const { simulator, live } = await simulatorWith();
    await text(live, 'first');
    await live.sendEmail(SEEDED_TEMPLATE_IDS.passThroughEmail, 'a@example.com', {
      personalisation: { subject: 's', body: 'b' },
    });
    const listed = await controlRequest(simulator, '/_simulator/notifications');
    expect(listed.status).toBe(200);
    const { notifications } = listed.json as { notifications: Array<Record<string, unknown>> };
    expect(notifications).toHaveLength(2);
    expect(notifications[0]).toMatchObject({
      reference: 'first',
      type: 'sms',
      recipient: '07700900999',
      status: 'created',
      key_type: 'live',
      template_id: SEEDED_TEMPLATE_IDS.passThroughSms,
      body: 'Hello',
    });
    expect(notifications[1]).toMatchObject({ type: 'email', recipient: 'a@example.com', reference: null });
    expect(notifications).toEqual(simulator.notifications());

    expect((await controlRequest(simulator, '/_simulator/reset', { method: 'POST' })).status).toBe(200);
    expect(simulator.notifications()).toEqual([]);
    expect((await live.getNotifications()).data.notifications).toEqual([]);
  });

  it('needs the control key on every control route', async () => {
    const { simulator } = await simulatorWith({ controlKey: 'a-key-of-the-tests-own-0001' });
    expect(simulator.controlKey).toBe('a-key-of-the-tests-own-0001');
    for (const [method, path] of [
      ['GET', '/_simulator/notifications'],
      ['GET', '/_simulator/faults'],
      ['POST', '/_simulator/faults'],
      ['POST', '/_simulator/reset'],
      ['POST', '/_simulator/received-text-messages'],
    ] as const) {
      for (const authorization of [undefined, 'Bearer wrong-key', `Bearer ${simulator.controlKey}x`]) {
        const refused = await requestJson(`${simulator.url}${path}`, {
          method,
          ...(authorization ? { authorization } : {}),
          ...(method === 'POST' ? { body: '{}' } : {}),
        });
        expect(refused.status).toBe(401);
        expect((refused.json as { error: string }).error).toMatch(/control key/);
      }
    }
    // An API key is not the control key.
    const withApiKey = await requestJson(`${simulator.url}/_simulator/notifications`, {
      token: simulator.apiKeys.live,
    });
    expect(withApiKey.status).toBe(401);
    // Without the option each start has a key of its own.
    const other = await simulatorWith();
    expect(other.simulator.controlKey).not.toBe(simulator.controlKey);
    expect(other.simulator.controlKey.length).toBeGreaterThanOrEqual(32);
  });

  it('POST /_simulator/received-text-messages adds a reply that the API lists newest first', async () => {
    const { simulator, live } = await simulatorWith();
    const added = await controlRequest(simulator, '/_simulator/received-text-messages', {
      method: 'POST',
      body: JSON.stringify({ user_number: '07700 900 777', content: 'Yes please' }),
    });
    expect(added.status).toBe(201);
    const text = added.json as Record<string, string>;
    expect(text).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      user_number: '447700900777',
      notify_number: '447700900500',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      service_id: simulator.serviceId,
      content: 'Yes please',
    });
    const inProcess = simulator.addReceivedText('+1 202 555 0104', 'Later one');
    const { data } = await live.getReceivedTexts();
    expect(data.received_text_messages.slice(0, 2)).toEqual([inProcess, text]);
    expect(data.received_text_messages[0]?.user_number).toBe('12025550104');

    for (const [body, reason] of [
      ['{"user_number": "07700 900abc", "content": "x"}', 'user_number: Must not contain letters or symbols'],
      ['{"user_number": "07700900777", "content": ""}', 'content: A text needs some content'],
      ['{"user_number": "07700900777"}', 'content: '],
      ['{"user_number": "07700900777", "content": "x", "reference": "y"}', 'reference'],
      ['[1, 2]', 'body: '],
      ['not json', 'The body must be JSON'],
    ] as const) {
      const refused = await controlRequest(simulator, '/_simulator/received-text-messages', { method: 'POST', body });
      expect(refused.status).toBe(400);
      expect((refused.json as { error: string }).error).toContain(reason);
    }
    await controlRequest(simulator, '/_simulator/reset', { method: 'POST' });
    const afterReset = await live.getReceivedTexts();
    expect(afterReset.data.received_text_messages.map((received) => received.content)).toEqual([
      'STOP',
      'Please call me back',
      'Yes, I can make the appointment',
    ]);
  });

  it('refuses a faults body it does not understand', async () => {
    const { simulator } = await simulatorWith();
    const refused = await controlRequest(simulator, '/_simulator/faults', { method: 'POST', body: '{"failRate": 2}' });
    expect(refused.status).toBe(400);
  });
});

describe('faults', () => {
  it('failRate 1 answers every API request 500 (but not the control endpoints)', async () => {
    const { simulator, live } = await simulatorWith({ failRate: 1 });
    const failure = await failureOf(text(live));
    expect(failure.status).toBe(500);
    expect(failure.data.errors[0]?.message).toBe('Internal server error');
    expect((await controlRequest(simulator, '/_simulator/notifications')).status).toBe(200);
    simulator.setFaults({ failRate: 0 });
    expect((await text(live)).status).toBe(201);
  });

  it('resetRate 1 destroys the connection without an answer, and nothing is kept', async () => {
    const { simulator, live } = await simulatorWith();
    await controlRequest(simulator, '/_simulator/faults', { method: 'POST', body: '{"resetRate": 1}' });
    const error = await text(live).then(
      () => undefined,
      (failure: { code?: string; response?: unknown }) => failure,
    );
    expect(error?.response).toBeUndefined();
    expect(error?.code).toMatch(/ECONNRESET|ERR_BAD_RESPONSE|EPIPE/);
    expect(simulator.notifications()).toEqual([]);
  });

  it('latencyMs delays every answer', async () => {
    const { simulator, live } = await simulatorWith();
    simulator.setFaults({ latencyMs: 150 });
    const started = Date.now();
    await live.getAllTemplates();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('rateLimitStorm answers every send 429 RateLimitError for its duration', async () => {
    const { simulator, live } = await simulatorWith();
    await controlRequest(simulator, '/_simulator/faults', {
      method: 'POST',
      body: '{"rateLimitStorm": {"durationMs": 300}}',
    });
    const refused = await failureOf(text(live));
    expect(refused.status).toBe(429);
    expect(refused.data.errors[0]?.error).toBe('RateLimitError');
    expect((await live.getAllTemplates()).status).toBe(200);
    await sleep(350);
    expect((await text(live)).status).toBe(201);
  });

  it('outage refuses connections for its duration, then listens again on the same port', async () => {
    const { simulator, live } = await simulatorWith();
    await text(live);
    const answered = await controlRequest(simulator, '/_simulator/faults', {
      method: 'POST',
      body: '{"outage": {"durationMs": 400}}',
    });
    expect(answered.status).toBe(200);
    await sleep(50);
    const refused = await text(live).then(
      () => undefined,
      (failure: { code?: string }) => failure.code,
    );
    expect(refused).toBe('ECONNREFUSED');
    await sleep(500);
    expect((await text(live)).status).toBe(201);
    expect(simulator.notifications()).toHaveLength(2);
  });
});
