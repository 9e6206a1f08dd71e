import { NotifyClient } from 'notifications-node-client';
import { afterEach, describe, expect, it } from 'vitest';
import { SEEDED_TEMPLATE_IDS, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../simulator/index';
import { failureOf, requestJson, sleep } from './helpers';

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
    await live.sendEmail(SEEDED_TEMPLATE_IDS.passThroughEmail, 'a@example.com', { personalisation: { subject: 's', body: 'b' } });
    const listed = await requestJson(`${simulator.url}/_simulator/notifications`);
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

    expect((await requestJson(`${simulator.url}/_simulator/reset`, { method: 'POST' })).status).toBe(200);
    expect(simulator.notifications()).toEqual([]);
    expect((await live.getNotifications()).data.notifications).toEqual([]);
  });

  it('refuses a faults body it does not understand', async () => {
    const { simulator } = await simulatorWith();
    const refused = await requestJson(`${simulator.url}/_simulator/faults`, { method: 'POST', body: '{"failRate": 2}' });
    expect(refused.status).toBe(400);
  });
});

describe('faults', () => {
  it('failRate 1 answers every API request 500 (but not the control endpoints)', async () => {
    const { simulator, live } = await simulatorWith({ failRate: 1 });
    const failure = await failureOf(text(live));
    expect(failure.status).toBe(500);
    expect(failure.data.errors[0]?.message).toBe('Internal server error');
    expect((await requestJson(`${simulator.url}/_simulator/notifications`)).status).toBe(200);
    simulator.setFaults({ failRate: 0 });
    expect((await text(live)).status).toBe(201);
  });

  it('resetRate 1 destroys the connection without an answer, and nothing is kept', async () => {
    const { simulator, live } = await simulatorWith();
    await requestJson(`${simulator.url}/_simulator/faults`, { method: 'POST', body: '{"resetRate": 1}' });
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
    await requestJson(`${simulator.url}/_simulator/faults`, { method: 'POST', body: '{"rateLimitStorm": {"durationMs": 300}}' });
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
    const answered = await requestJson(`${simulator.url}/_simulator/faults`, { method: 'POST', body: '{"outage": {"durationMs": 400}}' });
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
