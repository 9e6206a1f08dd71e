import { NotifyClient } from 'notifications-node-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SEEDED_TEMPLATE_IDS,
  SIMULATOR_SERVICE_ID,
  startSimulator,
  type RunningSimulator,
} from '../../../simulator/index';
import { errorMessagesOf, failureOf, nowSeconds, requestJson, secretOf, signJwt } from './helpers';

let simulator: RunningSimulator;
let live: NotifyClient;

beforeAll(async () => {
  simulator = await startSimulator({ quiet: true });
  live = new NotifyClient(simulator.url, simulator.apiKeys.live);
});
afterAll(() => simulator.close());

const post = (path: string, body: string) =>
  requestJson(`${simulator.url}${path}`, {
    method: 'POST',
    body,
    token: signJwt(secretOf(simulator.apiKeys.live), { iss: SIMULATOR_SERVICE_ID, iat: nowSeconds() }),
  });
const get = (path: string) =>
  requestJson(`${simulator.url}${path}`, {
    token: signJwt(secretOf(simulator.apiKeys.live), { iss: SIMULATOR_SERVICE_ID, iat: nowSeconds() }),
  });
const messagesIn = (json: unknown): Array<[string, string]> =>
  (json as { errors: Array<{ error: string; message: string }> }).errors.map((entry) => [entry.error, entry.message]);

describe('request bodies', () => {
  it('refuses invalid JSON', async () => {
    expect(await post('/v2/notifications/sms', '{"template_id": ')).toEqual({
      status: 400,
      json: { status_code: 400, errors: [{ error: 'BadRequestError', message: 'Invalid JSON supplied in POST data' }] },
    });
  });

  it('reports every schema error at once: properties in order, then required, then additional properties', async () => {
    const body = JSON.stringify({
      reference: 'r'.repeat(1001),
      phone_number: 7700900001,
      template_id: 'not-a-uuid',
      personalisation: 'not_a_dict',
      email_reply_to_id: 'x',
      template: 'y',
    });
    const { status, json } = await post('/v2/notifications/sms', body);
    expect(status).toBe(400);
    expect(messagesIn(json)).toEqual([
      ['ValidationError', `reference ${'r'.repeat(1001)} is too long`],
      ['ValidationError', 'phone_number 7700900001 is not of type string'],
      ['ValidationError', 'template_id is not a valid UUID'],
      ['ValidationError', 'personalisation not_a_dict is not of type object'],
      ['ValidationError', 'Additional properties are not allowed (email_reply_to_id, template were unexpected)'],
    ]);
    expect(messagesIn((await post('/v2/notifications/email', '{}')).json)).toEqual([
      ['ValidationError', 'email_address is a required property'],
      ['ValidationError', 'template_id is a required property'],
    ]);
    expect(messagesIn((await post('/v2/notifications/sms', 'null')).json)).toEqual([
      ['ValidationError', 'phone_number is a required property'],
      ['ValidationError', 'template_id is a required property'],
    ]);
  });

  it('checks phone numbers and email addresses with the legacy v2 texts', async () => {
    const template = SEEDED_TEMPLATE_IDS.passThroughSms;
    const personalisation = { body: 'x' };
    expect(await errorMessagesOf(live.sendSms(template, '0770090012a', { personalisation }))).toEqual([
      ['ValidationError', 'phone_number Must not contain letters or symbols'],
    ]);
    const empty = JSON.stringify({ template_id: template, phone_number: '', personalisation });
    expect(messagesIn((await post('/v2/notifications/sms', empty)).json)).toEqual([
      ['ValidationError', 'phone_number Not enough digits'],
    ]);
    expect(await errorMessagesOf(live.sendSms(template, '077009001234567', { personalisation }))).toEqual([
      ['ValidationError', 'phone_number Too many digits'],
    ]);
    expect(await errorMessagesOf(live.sendSms(template, '0161 496 0000', { personalisation }))).toEqual([
      ['InvalidPhoneError', 'Not a UK mobile number'],
    ]);
    expect(
      await errorMessagesOf(
        live.sendEmail(SEEDED_TEMPLATE_IDS.passThroughEmail, 'not-an-address', { personalisation }),
      ),
    ).toEqual([['ValidationError', 'email_address Not a valid email address']]);
  });

  it('validates scheduled_for and one_click_unsubscribe_url', async () => {
    const past = JSON.stringify({
      template_id: SEEDED_TEMPLATE_IDS.passThroughSms,
      phone_number: '07700900123',
      scheduled_for: '2020-01-01T10:00:00',
    });
    expect(messagesIn((await post('/v2/notifications/sms', past)).json)).toEqual([
      ['ValidationError', 'scheduled_for datetime can not be in the past'],
    ]);
    expect(
      await errorMessagesOf(
        live.sendEmail(SEEDED_TEMPLATE_IDS.passThroughEmail, 'a@example.com', {
          personalisation: { subject: 's', body: 'b' },
          oneClickUnsubscribeURL: 'http://example.com',
        }),
      ),
    ).toEqual([['ValidationError', 'one_click_unsubscribe_url is not a valid https url']]);
  });
});

describe('templates and content', () => {
  it('template not found (400), wrong type, archived', async () => {
    expect(await failureOf(live.sendSms('8f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', '07700900123'))).toEqual({
      status: 400,
      data: { status_code: 400, errors: [{ error: 'BadRequestError', message: 'Template not found' }] },
    });
    expect(await errorMessagesOf(live.sendSms(SEEDED_TEMPLATE_IDS.passThroughEmail, '07700900123'))).toEqual([
      ['BadRequestError', 'email template is not suitable for sms notification'],
    ]);
    expect(await errorMessagesOf(live.sendSms(SEEDED_TEMPLATE_IDS.archivedSms, '07700900123'))).toEqual([
      ['BadRequestError', 'Template has been deleted'],
    ]);
  });

  it('missing personalisation, in template order with the email subject first; null counts as missing', async () => {
    expect(
      await errorMessagesOf(
        live.sendEmail(SEEDED_TEMPLATE_IDS.applicationReceivedEmail, 'a@example.com', {
          personalisation: { NAME: 'Ada', date: null },
        }),
      ),
    ).toEqual([['BadRequestError', 'Missing personalisation: reference number, date, documents needed']]);
  });

  it('empty and too-long messages', async () => {
    expect(
      await errorMessagesOf(
        live.sendSms(SEEDED_TEMPLATE_IDS.passThroughSms, '07700900123', { personalisation: { body: '  ' } }),
      ),
    ).toEqual([['BadRequestError', 'Your message is empty.']]);
    expect(
      await errorMessagesOf(
        live.sendSms(SEEDED_TEMPLATE_IDS.passThroughSms, '07700900123', { personalisation: { body: 'a'.repeat(919) } }),
      ),
    ).toEqual([
      [
        'BadRequestError',
        'Your message is too long. Text messages cannot be longer than 918 characters. Your message is 919 characters long.',
      ],
    ]);
  });

  it('unknown sender and reply-to ids', async () => {
    const senderId = '0b0b0b0b-1111-4222-8333-444444444444';
    expect(
      await errorMessagesOf(
        live.sendSms(SEEDED_TEMPLATE_IDS.passThroughSms, '07700900123', {
          personalisation: { body: 'x' },
          smsSenderId: senderId,
        }),
      ),
    ).toEqual([
      ['BadRequestError', `sms_sender_id ${senderId} does not exist in database for service id ${simulator.serviceId}`],
    ]);
  });
});

describe('letters', () => {
  it('address errors and precompiled content errors', async () => {
    expect(
      await errorMessagesOf(
        live.sendLetter(SEEDED_TEMPLATE_IDS.passThroughLetter, {
          personalisation: { subject: 's', body: 'b', address_line_1: 'A Person', postcode: 'SW1A 1AA' },
        }),
      ),
    ).toEqual([['ValidationError', 'Address must be at least 3 lines']]);
    expect(
      await errorMessagesOf(
        live.sendLetter(SEEDED_TEMPLATE_IDS.passThroughLetter, {
          personalisation: {
            subject: 's',
            body: 'b',
            address_line_1: 'A Person',
            address_line_2: '1 High St',
            postcode: 'not a postcode',
          },
        }),
      ),
    ).toEqual([['ValidationError', 'Last line of address must be a real UK postcode or another country']]);
    expect(
      messagesIn((await post('/v2/notifications/letter', JSON.stringify({ reference: 'r', content: '!!!a' }))).json),
    ).toEqual([['BadRequestError', 'Cannot decode letter content (invalid base64 encoding)']]);
    expect(
      messagesIn(
        (
          await post(
            '/v2/notifications/letter',
            JSON.stringify({ reference: 'r', content: 'JVBERg==', postage: 'europe' }),
          )
        ).json,
      ),
    ).toEqual([['ValidationError', 'postage invalid. It must be either first, second or economy.']]);
  });
});

describe('query parameters', () => {
  it('list filters, templates type and received texts', async () => {
    const list = await get('/v2/notifications?template_type=orange&status=elephant&include_jobs=false&colour=red');
    expect(list.status).toBe(400);
    expect(messagesIn(list.json)).toEqual([
      ['ValidationError', 'template_type orange is not one of [sms, email, letter]'],
      [
        'ValidationError',
        'status elephant is not one of [cancelled, created, sending, sent, delivered, pending, failed, technical-failure, temporary-failure, permanent-failure, pending-virus-check, validation-failed, virus-scan-failed, returned-letter, accepted, received]',
      ],
      ['ValidationError', 'include_jobs false is not one of [true, True]'],
      ['ValidationError', 'Additional properties are not allowed (colour was unexpected)'],
    ]);
    expect(messagesIn((await get('/v2/notifications?older_than=abc')).json)).toEqual([
      ['ValidationError', 'older_than is not a valid UUID'],
    ]);
    expect(messagesIn((await get('/v2/templates?type=coconut')).json)).toEqual([
      ['ValidationError', 'type coconut is not one of [sms, email, letter]'],
    ]);
    expect(messagesIn((await get('/v2/received-text-messages?user_number=1')).json)).toEqual([
      ['ValidationError', 'Additional properties are not allowed (user_number was unexpected)'],
    ]);
  });
});
