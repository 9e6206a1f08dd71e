// The official Node client's send methods, with every option, against a simulator seeded for it; each answer checked
// against Notify's API contract (status, fields, error envelope and message).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADDRESS,
  SEEDED,
  startClientSuite,
  statusReached,
  UUID,
  expectRefusal,
  type ClientSuite,
} from './client-suite';

let suite: ClientSuite;
beforeAll(async () => {
  suite = await startClientSuite();
});
afterAll(() => suite.simulator.close());

const postUri = (templateId: string) =>
  `${suite.simulator.url}/services/${suite.simulator.serviceId}/templates/${templateId}`;

function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (thrown) {
    return thrown;
  }
  return undefined;
}

describe('sendSms', () => {
  it('with personalisation, reference and smsSenderId: 201 with the rendered body, the sender and the latest version', async () => {
    const response = await suite.live.sendSms(SEEDED.smsTemplate, '07700 900 123', {
      personalisation: { NAME: 'Ada', date: '1 May', Parking: 'yes' },
      reference: 'sms-ref-1',
      smsSenderId: SEEDED.numberSmsSender,
    });
    expect(response.status).toBe(201);
    const { id } = response.data;
    expect(id).toMatch(UUID);
    expect(response.data).toEqual({
      id,
      reference: 'sms-ref-1',
      content: { body: 'Hi Ada, your visit is on 1 May. Parking is free.', from_number: '447700900999' },
      uri: `${suite.simulator.url}/v2/notifications/${id}`,
      template: { id: SEEDED.smsTemplate, version: 2, uri: postUri(SEEDED.smsTemplate) },
      scheduled_for: null,
    });
  });

  it('with no options: the default sender and a null reference', async () => {
    const { data } = await suite.live.sendSms(SEEDED.smsTemplate, '+447700900123', {
      personalisation: { name: 'Bo', date: '2 May', parking: 'no' },
    });
    expect(data).toMatchObject({
      reference: null,
      content: { body: 'Hi Bo, your visit is on 2 May.', from_number: 'COUNCIL' },
    });
    expect(data).not.toHaveProperty('sanitised_content');
  });

  it('refuses as Notify does: template, personalisation, sender, number, team key', async () => {
    const values = { personalisation: { name: 'Ada', date: '1 May', parking: 'no' } };
    const unknownTemplate = randomUUID();
    await expectRefusal(suite.live.sendSms(unknownTemplate, '07700900123', values), 400, [
      ['BadRequestError', 'Template not found'],
    ]);
    await expectRefusal(suite.live.sendSms(SEEDED.emailTemplate, '07700900123', values), 400, [
      ['BadRequestError', 'email template is not suitable for sms notification'],
    ]);
    await expectRefusal(suite.live.sendSms(SEEDED.archivedTemplate, '07700900123'), 400, [
      ['BadRequestError', 'Template has been deleted'],
    ]);
    await expectRefusal(suite.live.sendSms(SEEDED.hiddenTemplate, '07700900123'), 400, [
      ['BadRequestError', 'Template not found'],
    ]);
    await expectRefusal(
      suite.live.sendSms(SEEDED.smsTemplate, '07700900123', { personalisation: { Name: 'Ada' } }),
      400,
      [['BadRequestError', 'Missing personalisation: date, parking']],
    );
    const unknownSender = randomUUID();
    await expectRefusal(
      suite.live.sendSms(SEEDED.smsTemplate, '07700900123', { ...values, smsSenderId: unknownSender }),
      400,
      [
        [
          'BadRequestError',
          `sms_sender_id ${unknownSender} does not exist in database for service id ${suite.simulator.serviceId}`,
        ],
      ],
    );
    await expectRefusal(suite.live.sendSms(SEEDED.smsTemplate, '0770090', values), 400, [
      ['ValidationError', 'phone_number Not enough digits'],
    ]);
    await expectRefusal(suite.live.sendSms(SEEDED.smsTemplate, '020 7946 0000', values), 400, [
      ['InvalidPhoneError', 'Not a UK mobile number'],
    ]);
    await expectRefusal(suite.team.sendSms(SEEDED.smsTemplate, '07700900123', values), 400, [
      ['BadRequestError', 'Can’t send to this recipient using a team-only API key'],
    ]);
  });

  it('lets a team key reach the seeded team and guest list', async () => {
    const values = { personalisation: { name: 'Ada', date: '1 May', parking: 'no' } };
    expect((await suite.team.sendSms(SEEDED.smsTemplate, '07700900321', values)).status).toBe(201);
    expect((await suite.team.sendSms(SEEDED.smsTemplate, '07700 900 654', values)).status).toBe(201);
  });

  it('is refused by the client itself for an option it does not know, before any request', async () => {
    const before = suite.simulator.notifications().length;
    const options = { personalisation: {}, emailReplyToId: SEEDED.replyTo } as unknown as Parameters<
      typeof suite.live.sendSms
    >[2];
    await expect(suite.live.sendSms(SEEDED.smsTemplate, '07700900123', options)).rejects.toThrow(
      'NotifyClient now uses an options configuration object. Options ["emailReplyToId"] not recognised.',
    );
    expect(suite.simulator.notifications()).toHaveLength(before);
  });
});

describe('sendEmail', () => {
  it('with every option (a file from prepareUpload, reply-to, unsubscribe link, sanitised keys): 201 as Notify answers', async () => {
    const file = suite.live.prepareUpload(Buffer.from('name,amount\nAda,120\n'), {
      filename: 'statement.csv',
      confirmEmailBeforeDownload: true,
      retentionPeriod: '4 weeks',
    });
    const response = await suite.live.sendEmail(SEEDED.emailTemplate, ' Someone@Example.com ', {
      personalisation: { name: 'Ada (Smith)', details: file },
      reference: 'email-ref-1',
      emailReplyToId: SEEDED.replyTo,
      oneClickUnsubscribeURL: 'https://example.com/unsubscribe?who=ada',
      sanitiseContentFor: ['NAME'],
    });
    expect(response.status).toBe(201);
    const { id, content } = response.data;
    const link = new RegExp(
      `^https://documents\\.service\\.gov\\.uk/d/${suite.simulator.serviceId}/[0-9a-f-]{36}\\?key=[\\w-]+$`,
    );
    const [greeting, documentLink, signOff] = content.body.split('\r\n\r\n');
    expect(greeting).toBe('Dear Ada \\(Smith\\),');
    expect(documentLink).toMatch(link);
    expect(signOff).toBe('The Council');
    expect(response.data).toEqual({
      id,
      reference: 'email-ref-1',
      uri: `${suite.simulator.url}/v2/notifications/${id}`,
      template: { id: SEEDED.emailTemplate, version: 1, uri: postUri(SEEDED.emailTemplate) },
      scheduled_for: null,
      content: {
        from_email: SEEDED.fromEmail,
        body: content.body,
        subject: 'Welcome, Ada \\(Smith\\)',
        one_click_unsubscribe_url: 'https://example.com/unsubscribe?who=ada',
      },
      sanitised_content: { name: { unsanitised: 'Ada (Smith)', sanitised: 'Ada \\(Smith\\)' } },
    });
    const { data: read } = await suite.live.getNotificationById(id);
    expect(read).toMatchObject({
      email_address: 'Someone@Example.com',
      one_click_unsubscribe_url: 'https://example.com/unsubscribe?who=ada',
    });
  });

  it('with no options: one_click_unsubscribe_url null and sanitised_content {}', async () => {
    const { data } = await suite.live.sendEmail(SEEDED.emailTemplate, 'a@example.com', {
      personalisation: { name: 'Bo', details: '' },
    });
    expect(data.content).toEqual({
      from_email: SEEDED.fromEmail,
      body: 'Dear Bo,\r\n\r\n\r\n\r\nThe Council',
      subject: 'Welcome, Bo',
      one_click_unsubscribe_url: null,
    });
    expect(data).toMatchObject({ reference: null, sanitised_content: {} });
  });

  it('refuses as Notify does: address, reply-to, unsubscribe link, file objects, personalisation', async () => {
    const values = { personalisation: { name: 'Ada', details: 'x' } };
    await expectRefusal(suite.live.sendEmail(SEEDED.emailTemplate, 'not an address', values), 400, [
      ['ValidationError', 'email_address Not a valid email address'],
    ]);
    const unknownReplyTo = randomUUID();
    await expectRefusal(
      suite.live.sendEmail(SEEDED.emailTemplate, 'a@example.com', { ...values, emailReplyToId: unknownReplyTo }),
      400,
      [
        [
          'BadRequestError',
          `email_reply_to_id ${unknownReplyTo} does not exist in database for service id ${suite.simulator.serviceId}`,
        ],
      ],
    );
    await expectRefusal(
      suite.live.sendEmail(SEEDED.emailTemplate, 'a@example.com', {
        ...values,
        oneClickUnsubscribeURL: 'http://example.com/u',
      }),
      400,
      [['ValidationError', 'one_click_unsubscribe_url is not a valid https url']],
    );
    const noExtension = suite.live.prepareUpload('a,b', { filename: 'statement' });
    await expectRefusal(
      suite.live.sendEmail(SEEDED.emailTemplate, 'a@example.com', {
        personalisation: { name: 'A', details: noExtension },
      }),
      400,
      [['ValidationError', '`filename` must end with a file extension. For example, filename.csv']],
    );
    const longRetention = suite.live.prepareUpload('a,b', { filename: 'a.csv', retentionPeriod: '79 weeks' });
    await expectRefusal(
      suite.live.sendEmail(SEEDED.emailTemplate, 'a@example.com', {
        personalisation: { name: 'A', details: longRetention },
      }),
      400,
      [
        [
          'ValidationError',
          'Unsupported value for retention_period: 79 weeks. Supported periods are from 1 to 78 weeks.',
        ],
      ],
    );
    await expectRefusal(
      suite.live.sendEmail(SEEDED.emailTemplate, 'a@example.com', { personalisation: { name: 'A' } }),
      400,
      [['BadRequestError', 'Missing personalisation: details']],
    );
    await expectRefusal(suite.team.sendEmail(SEEDED.emailTemplate, 'a@example.com', values), 400, [
      ['BadRequestError', 'Can’t send to this recipient using a team-only API key'],
    ]);
    expect((await suite.team.sendEmail(SEEDED.emailTemplate, 'Team.Lead@client-suite.test', values)).status).toBe(201);
  });
});

describe('sendLetter', () => {
  it('with personalisation and reference: 201 without postage; Notify keeps the template postage and the address lines', async () => {
    const response = await suite.live.sendLetter(SEEDED.letterTemplate, {
      personalisation: { ...ADDRESS, name: 'Ada', amount: '£120', year: '2026', office: 'Room 4' },
      reference: 'letter-ref-1',
    });
    expect(response.status).toBe(201);
    const { id } = response.data;
    expect(response.data).toEqual({
      id,
      reference: 'letter-ref-1',
      uri: `${suite.simulator.url}/v2/notifications/${id}`,
      template: { id: SEEDED.letterTemplate, version: 1, uri: postUri(SEEDED.letterTemplate) },
      scheduled_for: null,
      content: { body: 'Dear Ada,\r\n\r\nYou have been awarded £120.', subject: 'Your award for 2026' },
    });
    const { data } = await suite.live.getNotificationById(id);
    expect(data).toMatchObject({
      type: 'letter',
      status: 'accepted',
      line_1: 'A Person',
      line_2: '1 High Street',
      line_3: 'Anytown',
      line_4: null,
      postcode: 'sw1a1aa',
      postage: 'first',
    });
    expect(data).toHaveProperty('estimated_delivery');
    const received = await statusReached(suite.live, id, 'received');
    expect(received).toMatchObject({
      is_cost_data_ready: true,
      cost_details: { billable_sheets_of_paper: 1, postage: 'first' },
    });
  });

  it('sends abroad at European or rest-of-world postage, the country read as Notify reads it', async () => {
    const abroad = {
      address_line_1: 'A Person',
      address_line_2: '1 Rue de la Paix',
      address_line_3: 'Paris',
      postcode: 'France',
    };
    const { data } = await suite.live.sendLetter(SEEDED.passThroughLetter, {
      personalisation: { ...abroad, subject: 'S', body: 'B' },
    });
    expect((await suite.live.getNotificationById(data.id)).data.postage).toBe('europe');
    const farther = {
      ...abroad,
      address_line_2: '1 Galle Road',
      address_line_3: 'Colombo',
      postcode: 'Democratic Socialist Republic of Sri Lanka',
    };
    const { data: far } = await suite.live.sendLetter(SEEDED.passThroughLetter, {
      personalisation: { ...farther, subject: 'S', body: 'B' },
    });
    expect((await suite.live.getNotificationById(far.id)).data.postage).toBe('rest-of-world');
  });

  it('refuses as Notify does: the contact block placeholder first, the address, a team key', async () => {
    await expectRefusal(suite.live.sendLetter(SEEDED.letterTemplate, { personalisation: { ...ADDRESS } }), 400, [
      ['BadRequestError', 'Missing personalisation: office, year, name, amount'],
    ]);
    const values = { name: 'A', amount: '1', year: '2026', office: 'Room 4' };
    await expectRefusal(
      suite.live.sendLetter(SEEDED.letterTemplate, {
        personalisation: { ...values, address_line_1: 'A Person', postcode: 'SW1A 1AA' },
      }),
      400,
      [['ValidationError', 'Address must be at least 3 lines']],
    );
    await expectRefusal(
      suite.live.sendLetter(SEEDED.letterTemplate, {
        personalisation: { ...values, ...ADDRESS, postcode: 'Atlantis' },
      }),
      400,
      [['ValidationError', 'Last line of address must be a real UK postcode or another country']],
    );
    await expectRefusal(
      suite.team.sendLetter(SEEDED.letterTemplate, { personalisation: { ...values, ...ADDRESS } }),
      403,
      [['BadRequestError', 'Cannot send letters with a team api key']],
    );
  });
});

describe('sendPrecompiledLetter', () => {
  const pdf = Buffer.from('%PDF-1.4\n% a tiny test letter\n%%EOF\n');

  it('with postage: 201 {id, reference, postage}; pending-virus-check, then the same PDF back', async () => {
    const response = await suite.live.sendPrecompiledLetter('precompiled-ref', pdf, 'economy');
    expect(response.status).toBe(201);
    expect(response.data).toEqual({ id: response.data.id, reference: 'precompiled-ref', postage: 'economy' });
    const { data } = await suite.live.getNotificationById(response.data.id);
    expect(data).toMatchObject({
      status: 'pending-virus-check',
      body: '',
      subject: 'Pre-compiled PDF',
      line_1: 'Provided as PDF',
      postage: 'economy',
      is_cost_data_ready: false,
    });
    await statusReached(suite.live, response.data.id, 'received');
    expect((await suite.live.getPdfForLetterNotification(response.data.id)).equals(pdf)).toBe(true);
  });

  it('without postage: second class; postage Notify does not take for precompiled letters, and team keys, are refused', async () => {
    const { data } = await suite.live.sendPrecompiledLetter('no-postage', pdf);
    expect(data.postage).toBe('second');
    await expectRefusal(suite.live.sendPrecompiledLetter('abroad', pdf, 'europe'), 400, [
      ['ValidationError', 'postage invalid. It must be either first, second or economy.'],
    ]);
    await expectRefusal(suite.team.sendPrecompiledLetter('team', pdf), 403, [
      ['BadRequestError', 'Cannot send letters with a team api key'],
    ]);
  });

  it('refuses a file over 5 MB in the client, and content that is not a PDF fails validation', async () => {
    expect(thrownBy(() => suite.live.sendPrecompiledLetter('big', Buffer.alloc(5 * 1024 * 1024 + 1)))).toBe(
      'File is larger than 5MB.',
    );
    const { data } = await suite.live.sendPrecompiledLetter('not-a-pdf', Buffer.from('plain text'));
    const failed = await statusReached(suite.live, data.id, 'validation-failed');
    expect(failed).toMatchObject({ cost_in_pounds: 0, cost_details: { billable_sheets_of_paper: 0 } });
  });
});
