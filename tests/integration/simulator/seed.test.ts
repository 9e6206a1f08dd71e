// A seed fixes what the simulated service holds, added to the built-in data or in its place; a bad seed is refused
// with the field and the reason.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { NotifyClient } from 'notifications-node-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  parseSimulatorSeed,
  SEEDED_SMS_SENDER_ID,
  SEEDED_TEMPLATE_IDS,
  SeedError,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
  type SimulatorSeedInput,
} from '../../../simulator/index';
import { clientSuiteSeed, expectRefusal, SEEDED } from './client-suite';
import { failureOf } from './helpers';

let running: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.map((simulator) => simulator.close()));
  running = [];
});

async function seeded(seed: SimulatorSeedInput, options: SimulatorOptions = {}) {
  const simulator = await startSimulator({ quiet: true, seed, ...options });
  running.push(simulator);
  return { simulator, live: new NotifyClient(simulator.url, simulator.apiKeys.live) };
}

const TEMPLATE_ID = '7d1c52aa-0b7e-4c3a-9f49-6f1c2e3d4a99';
const smsTemplate = (name: string, body: string) => ({
  id: TEMPLATE_ID,
  type: 'sms' as const,
  versions: [{ name, body }],
});

describe('seed file checks', () => {
  it.each([
    [{}, 'mode: Invalid option: expected one of "extend"|"replace"'],
    [{ mode: 'extend', colour: 'red' }, 'the seed: Unrecognized key: "colour"'],
    [
      { mode: 'extend', templates: [{ id: 'x', type: 'email', versions: [{ name: 'a', body: 'b' }] }] },
      'templates[0].id: must be a UUID (32 hexadecimal digits, as 8-4-4-4-12); templates[0].versions[0].subject: email templates need a subject',
    ],
    [
      {
        mode: 'replace',
        templates: [
          { id: TEMPLATE_ID, type: 'sms', postage: 'first', versions: [{ name: 'a', subject: 's', body: 'b' }] },
        ],
      },
      'templates[0].postage: only letter templates have postage; templates[0].versions[0].subject: text message templates have no subject',
    ],
    [
      { mode: 'extend', templates: [{ id: TEMPLATE_ID, type: 'letter', versions: [] }] },
      'templates[0].versions: a template needs at least one version',
    ],
    [
      { mode: 'extend', templates: [smsTemplate('a', 'b'), smsTemplate('c', 'd')] },
      `templates[1].id: ${TEMPLATE_ID} is used twice`,
    ],
    [
      { mode: 'extend', team: { emailAddresses: ['nope'], phoneNumbers: ['0770090'] } },
      'team.emailAddresses[0]: Not a valid email address; team.phoneNumbers[0]: Not enough digits',
    ],
    [
      {
        mode: 'extend',
        smsSenders: [
          { id: randomUUID(), value: 'ONE', isDefault: true },
          { id: randomUUID(), value: 'TWO', isDefault: true },
        ],
      },
      'smsSenders: only one can be the default',
    ],
    [
      { mode: 'extend', emailReplyTos: [{ id: randomUUID(), value: 'not an address' }] },
      'emailReplyTos[0].value: Not a valid email address',
    ],
    [
      { mode: 'extend', receivedTexts: [{ userNumber: '07700900123', content: '', minutesAgo: -1 }] },
      'receivedTexts[0].content: a text has some content; receivedTexts[0].minutesAgo: Too small: expected number to be >=0',
    ],
    [
      { mode: 'extend', service: { name: ' ', rateLimitPerMinute: 0 } },
      'service.name: a service needs a name; service.rateLimitPerMinute: Too small: expected number to be >0',
    ],
  ])('%j is refused: %s', (seed, reason) => {
    expect(() => parseSimulatorSeed(seed)).toThrow(new SeedError(reason));
  });

  it('takes the example in the simulator README', () => {
    const readme = readFileSync(new URL('../../../simulator/README.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(parseSimulatorSeed(JSON.parse(example ?? 'null'))).toMatchObject({
      mode: 'replace',
      service: { name: 'Benefits Office' },
    });
  });

  it('refuses to start with a bad seed', async () => {
    await expect(
      startSimulator({
        quiet: true,
        seed: { mode: 'extend', templates: [{ id: 'x' }] } as unknown as SimulatorSeedInput,
      }),
    ).rejects.toThrow(SeedError);
  });
});

describe('extend and replace', () => {
  it('extend: the built-in templates and senders stay, a seed template with a built-in id takes its place', async () => {
    const { live } = await seeded({
      mode: 'extend',
      templates: [
        smsTemplate('Seeded text', 'Hello ((name))'),
        {
          id: SEEDED_TEMPLATE_IDS.passThroughSms,
          type: 'sms',
          versions: [{ name: 'Replaced pass-through', body: 'Fixed: ((body))' }],
        },
      ],
      smsSenders: [{ id: SEEDED.numberSmsSender, value: 'SEEDED', isDefault: true }],
    });
    const names = (await live.getAllTemplates('sms')).data.templates.map((template) => template.name);
    expect(names).toEqual(['Appointment reminder', 'Replaced pass-through', 'Seeded text']);
    const { data } = await live.sendSms(SEEDED_TEMPLATE_IDS.passThroughSms, '07700900123', {
      personalisation: { body: 'hi' },
    });
    expect(data.content).toEqual({ body: 'Fixed: hi', from_number: 'SEEDED' });
    const builtInSender = await live.sendSms(TEMPLATE_ID, '07700900123', {
      personalisation: { name: 'A' },
      smsSenderId: SEEDED_SMS_SENDER_ID,
    });
    expect(builtInSender.data.content.from_number).toBe('GOVUK');
    expect((await live.getReceivedTexts()).data.received_text_messages).toHaveLength(3);
  });

  it('replace: only the seed’s data, and precompiled letters still have their hidden template', async () => {
    const { simulator, live } = await seeded({ mode: 'replace', templates: [smsTemplate('Only one', 'Hi')] });
    expect((await live.getAllTemplates()).data.templates.map((template) => template.name)).toEqual(['Only one']);
    await expectRefusal(live.getTemplateById(SEEDED_TEMPLATE_IDS.passThroughSms), 404, [
      ['NoResultFound', 'No result found'],
    ]);
    expect((await live.getReceivedTexts()).data.received_text_messages).toEqual([]);
    const { data } = await live.sendSms(TEMPLATE_ID, '07700900123');
    expect(data.content.from_number).toBe('GOVUK');
    const team = new NotifyClient(simulator.url, simulator.apiKeys.team);
    await expectRefusal(team.sendSms(TEMPLATE_ID, '07700900123'), 400, [
      ['BadRequestError', 'Can’t send to this recipient using a team-only API key'],
    ]);
    expect((await live.sendPrecompiledLetter('ref', Buffer.from('%PDF-1.4'))).status).toBe(201);
  });
});

describe('service settings from the seed', () => {
  it('name, permissions, trial mode and limits', async () => {
    const { simulator, live } = await seeded({
      mode: 'replace',
      service: {
        name: 'Ystâd  Gwasanaethau (Test)',
        permissions: ['sms', 'email'],
        trialMode: true,
        dailyLimits: { sms: 2 },
        rateLimitPerMinute: 30,
      },
      templates: clientSuiteSeed.templates ?? [],
      team: { phoneNumbers: ['07700900123', '07700900124'], emailAddresses: ['a@example.com'] },
    });
    const values = { personalisation: { name: 'A', date: 'B', parking: 'no' } };
    const email = await live.sendEmail(SEEDED.emailTemplate, 'a@example.com', {
      personalisation: { name: 'A', details: 'B' },
    });
    expect(email.data.content.from_email).toBe('ystad.gwasanaethau.test@notifications.service.gov.uk');
    await expectRefusal(
      live.sendLetter(SEEDED.passThroughLetter, { personalisation: { subject: 's', body: 'b' } }),
      400,
      [['BadRequestError', 'Service is not allowed to send letters']],
    );
    await expectRefusal(live.sendSms(SEEDED.smsTemplate, '07700900999', values), 400, [
      [
        'BadRequestError',
        'Can’t send to this recipient when service is in trial mode – see https://www.notifications.service.gov.uk/trial-mode',
      ],
    ]);
    // A test key has no trial-mode restriction, so the missing permission is what refuses it.
    const test = new NotifyClient(simulator.url, simulator.apiKeys.test);
    await expectRefusal(test.sendSms(SEEDED.smsTemplate, '+1 202 555 0104', values), 400, [
      ['BadRequestError', 'Cannot send to international mobile numbers'],
    ]);
    expect((await live.sendSms(SEEDED.smsTemplate, '07700900123', values)).status).toBe(201);
    expect((await live.sendSms(SEEDED.smsTemplate, '07700900124', values)).status).toBe(201);
    await expectRefusal(live.sendSms(SEEDED.smsTemplate, '07700900123', values), 429, [
      ['TooManyRequestsError', 'Exceeded send limits (sms: 2) for today'],
    ]);
    // 30 a minute: a bucket of min(ceil(30/3)+1, 1000) = 11 for the live key, 10 of them usable; the sends above
    // took 7 (the letter two), so 3 more reach the daily limit and the rest meet the rate limit.
    expect((await test.sendSms(SEEDED.smsTemplate, '07700900999', values)).status).toBe(201);
    const refusals: string[] = [];
    for (let index = 0; index < 5; index++) {
      const { data } = await failureOf(live.sendSms(SEEDED.smsTemplate, '07700900123', values));
      refusals.push(data.errors[0]?.message ?? '');
    }
    expect(refusals).toEqual([
      ...Array<string>(3).fill('Exceeded send limits (sms: 2) for today'),
      ...Array<string>(2).fill('Exceeded rate limit for key type LIVE of 30 requests per 60 seconds'),
    ]);
  });

  it('command-line options win over the seed', async () => {
    const { live } = await seeded(
      { mode: 'extend', service: { trialMode: true, dailyLimits: { email: 0 } } },
      { trialMode: false, dailyLimits: { email: 5 } },
    );
    const { status } = await live.sendEmail(SEEDED_TEMPLATE_IDS.passThroughEmail, 'anyone@example.com', {
      personalisation: { subject: 's', body: 'b' },
    });
    expect(status).toBe(201);
  });
});
