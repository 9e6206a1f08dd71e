import { NotifyClient } from 'notifications-node-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SEEDED_TEAM_EMAIL_ADDRESSES,
  SEEDED_TEAM_PHONE_NUMBERS,
  SEEDED_TEMPLATE_IDS,
  SIMULATOR_SERVICE_ID,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../../simulator/index';
import { errorMessagesOf, eventually, failureOf, nowSeconds, requestJson, secretOf, signJwt } from './helpers';

const ADDRESS = {
  address_line_1: 'A Person',
  address_line_2: '1 High Street',
  address_line_3: 'Anytown',
  postcode: 'SW1A 1AA',
};
const SMS = SEEDED_TEMPLATE_IDS.passThroughSms;
const EMAIL = SEEDED_TEMPLATE_IDS.passThroughEmail;
const LETTER = SEEDED_TEMPLATE_IDS.passThroughLetter;

let running: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.map((simulator) => simulator.close()));
  running = [];
});

async function simulatorWith(options: SimulatorOptions) {
  const simulator = await startSimulator({ quiet: true, ...options });
  running.push(simulator);
  return {
    simulator,
    live: new NotifyClient(simulator.url, simulator.apiKeys.live),
    team: new NotifyClient(simulator.url, simulator.apiKeys.team),
    test: new NotifyClient(simulator.url, simulator.apiKeys.test),
  };
}

const text = (client: NotifyClient, phoneNumber = '07700900999') =>
  client.sendSms(SMS, phoneNumber, { personalisation: { body: 'Hello' } });

describe('per-minute rate limit (token bucket per key type)', () => {
  it('lets a burst of min(ceil(rate/3)+1, 1000) - 1 through, then 429 RateLimitError; other key types have their own bucket', async () => {
    const { live, test } = await simulatorWith({ rateLimitPerMinute: 30 });
    for (let index = 0; index < 10; index++) expect((await text(live)).status).toBe(201);
    expect(await failureOf(text(live))).toEqual({
      status: 429,
      data: {
        status_code: 429,
        errors: [
          { error: 'RateLimitError', message: 'Exceeded rate limit for key type LIVE of 30 requests per 60 seconds' },
        ],
      },
    });
    expect((await live.getNotifications()).status).toBe(200);
    expect((await text(test)).status).toBe(201);
  });

  it('takes two tokens for a templated letter', async () => {
    const { live } = await simulatorWith({ rateLimitPerMinute: 30 });
    for (let index = 0; index < 5; index++) {
      expect((await live.sendLetter(LETTER, { personalisation: { ...ADDRESS, subject: 's', body: 'b' } })).status).toBe(
        201,
      );
    }
    expect(
      (await failureOf(live.sendLetter(LETTER, { personalisation: { ...ADDRESS, subject: 's', body: 'b' } }))).status,
    ).toBe(429);
  });
});

describe('daily limits', () => {
  it('refuses with TooManyRequestsError once the UTC day’s count is reached, before the body is parsed; test keys are not counted', async () => {
    const { simulator, live, team, test } = await simulatorWith({ dailyLimits: { sms: 2 } });
    expect((await text(live)).status).toBe(201);
    expect((await text(team, SEEDED_TEAM_PHONE_NUMBERS[0])).status).toBe(201);
    const refusal = {
      status: 429,
      data: {
        status_code: 429,
        errors: [{ error: 'TooManyRequestsError', message: 'Exceeded send limits (sms: 2) for today' }],
      },
    };
    expect(await failureOf(text(live))).toEqual(refusal);
    const invalidJson = await requestJson(`${simulator.url}/v2/notifications/sms`, {
      method: 'POST',
      body: '{',
      token: signJwt(secretOf(simulator.apiKeys.live), { iss: SIMULATOR_SERVICE_ID, iat: nowSeconds() }),
    });
    expect(invalidJson).toEqual({ status: 429, json: refusal.data });
    for (let index = 0; index < 3; index++) expect((await text(test)).status).toBe(201);
    expect(
      (await live.sendEmail(EMAIL, 'a@example.com', { personalisation: { subject: 's', body: 'b' } })).status,
    ).toBe(201);
  });
});

describe('international text messages', () => {
  it('are checked against the international_sms daily limit after the recipient', async () => {
    const { live } = await simulatorWith({ dailyLimits: { international_sms: 1 } });
    const { data } = await text(live, '+1 202 555 0123');
    expect((await live.getNotificationById(data.id)).data.phone_number).toBe('+1 202 555 0123');
    expect(await failureOf(text(live, '+1 202 555 0124'))).toEqual({
      status: 429,
      data: {
        status_code: 429,
        errors: [{ error: 'TooManyRequestsError', message: 'Exceeded send limits (international_sms: 1) for today' }],
      },
    });
    expect(await errorMessagesOf(text(live, 'abc'))).toEqual([
      ['ValidationError', 'phone_number Must not contain letters or symbols'],
    ]);
    expect((await text(live, '07700900999')).status).toBe(201);
  });
});

describe('key types', () => {
  it('team keys reach only the team and guest list, and cannot send letters', async () => {
    const { team } = await simulatorWith({});
    expect((await text(team, SEEDED_TEAM_PHONE_NUMBERS[0])).status).toBe(201);
    expect(
      (
        await team.sendEmail(EMAIL, SEEDED_TEAM_EMAIL_ADDRESSES[0]!.toUpperCase(), {
          personalisation: { subject: 's', body: 'b' },
        })
      ).status,
    ).toBe(201);
    expect(await errorMessagesOf(text(team, '07700900999'))).toEqual([
      ['BadRequestError', 'Can’t send to this recipient using a team-only API key'],
    ]);
    expect(
      await failureOf(team.sendLetter(LETTER, { personalisation: { ...ADDRESS, subject: 's', body: 'b' } })),
    ).toEqual({
      status: 403,
      data: {
        status_code: 403,
        errors: [{ error: 'BadRequestError', message: 'Cannot send letters with a team api key' }],
      },
    });
  });

  it('in trial mode live keys reach only the team and guest list and cannot send letters; test keys can', async () => {
    const { live, test } = await simulatorWith({ trialMode: true });
    expect(await errorMessagesOf(text(live))).toEqual([
      [
        'BadRequestError',
        'Can’t send to this recipient when service is in trial mode – see https://www.notifications.service.gov.uk/trial-mode',
      ],
    ]);
    expect((await text(live, SEEDED_TEAM_PHONE_NUMBERS[1])).status).toBe(201);
    expect(
      (await failureOf(live.sendLetter(LETTER, { personalisation: { ...ADDRESS, subject: 's', body: 'b' } }))).data
        .errors,
    ).toEqual([{ error: 'BadRequestError', message: 'Cannot send letters when service is in trial mode' }]);
    expect((await text(test)).status).toBe(201);
    expect((await test.sendLetter(LETTER, { personalisation: { ...ADDRESS, subject: 's', body: 'b' } })).status).toBe(
      201,
    );
  });

  it('test keys simulate delivery outcomes from the recipient, and each key type lists only its own sends', async () => {
    const { simulator, live, test } = await simulatorWith({ deliverAfterMs: 100 });
    const outcomes: Array<[Promise<{ data: { id: string } }>, string]> = [
      [text(test, '07700900003'), 'temporary-failure'],
      [text(test, '+44 7700 900002'), 'permanent-failure'],
      [text(test, '07700900999'), 'delivered'],
      [
        test.sendEmail(EMAIL, 'temp-fail@simulator.notify', { personalisation: { subject: 's', body: 'b' } }),
        'temporary-failure',
      ],
      [
        test.sendEmail(EMAIL, 'perm-fail@simulator.notify', { personalisation: { subject: 's', body: 'b' } }),
        'permanent-failure',
      ],
      [text(live, '07700900003'), 'delivered'],
    ];
    for (const [sent, finalStatus] of outcomes) {
      const { data } = await sent;
      const reached = await eventually(async () => {
        const { data: notification } = await test.getNotificationById(data.id);
        return notification.completed_at ? notification.status : undefined;
      });
      expect(reached).toBe(finalStatus);
    }
    const failed = await test.getNotifications(undefined, 'failed');
    expect(failed.data.notifications.map((notification) => notification.status).sort()).toEqual([
      'permanent-failure',
      'permanent-failure',
      'temporary-failure',
      'temporary-failure',
    ]);
    expect((await live.getNotifications()).data.notifications).toHaveLength(1);
    expect(simulator.notifications().map((notification) => notification.key_type)).toEqual([
      'test',
      'test',
      'test',
      'test',
      'test',
      'live',
    ]);
  });

  it('smoke-test recipients get a 201 but nothing is kept: 404 on GET, not listed', async () => {
    const { simulator, live } = await simulatorWith({});
    const { status, data } = await text(live, '07700 900 000');
    expect(status).toBe(201);
    const email = await live.sendEmail(EMAIL, 'simulate-delivered-2@notifications.service.gov.uk', {
      personalisation: { subject: 's', body: 'b' },
    });
    expect(email.status).toBe(201);
    expect((await failureOf(live.getNotificationById(data.id))).status).toBe(404);
    expect((await live.getNotifications()).data.notifications).toEqual([]);
    expect(simulator.notifications()).toEqual([]);
  });
});
