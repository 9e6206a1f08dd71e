// The official Node client's look-ups and lists against a simulator seeded for it: notifications by id and by
// reference, lists with filters and older_than paging, a letter's PDF, templates and received texts; each answer
// checked against Notify's API contract.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlRequest, failureOf } from './helpers';
import {
  ADDRESS,
  NOTIFICATION_KEYS,
  SEEDED,
  startClientSuite,
  statusReached,
  TEMPLATE_KEYS,
  TIMESTAMP,
  expectRefusal,
  type ClientSuite,
} from './client-suite';

let suite: ClientSuite;
beforeAll(async () => {
  suite = await startClientSuite();
});
afterAll(() => suite.simulator.close());

const getUri = (templateId: string) =>
  `${suite.simulator.url}/service/${suite.simulator.serviceId}/template/${templateId}`;
const VALUES = { name: 'Ada', date: '1 May', parking: 'no' };

describe('getNotificationById', () => {
  it('every key, created → sending → delivered, the cost at the billing table’s rate for the number', async () => {
    const { data: sent } = await suite.live.sendSms(SEEDED.smsTemplate, '+1 809 234 5678', { personalisation: VALUES });
    const { data: created } = await suite.live.getNotificationById(sent.id);
    expect(Object.keys(created).sort()).toEqual(NOTIFICATION_KEYS);
    expect(created).toMatchObject({
      phone_number: '+1 809 234 5678',
      email_address: null,
      type: 'sms',
      status: 'created',
      body: 'Hi Ada, your visit is on 1 May.',
      subject: null,
      created_by_name: null,
      sent_at: null,
      completed_at: null,
      scheduled_for: null,
      postage: null,
      one_click_unsubscribe_url: null,
      is_cost_data_ready: false,
      cost_in_pounds: null,
      cost_details: {},
      template: { id: SEEDED.smsTemplate, version: 2, uri: getUri(SEEDED.smsTemplate) },
    });
    expect(created.created_at).toMatch(TIMESTAMP);
    // "sending" lasts a moment: on a busy machine the next look may already find the text delivered.
    const sending = await statusReached(suite.live, sent.id, 'sending', ['delivered']);
    expect(sending['sent_at']).toMatch(TIMESTAMP);
    const delivered = await statusReached(suite.live, sent.id, 'delivered');
    expect(delivered['completed_at']).toMatch(TIMESTAMP);
    // The Dominican Republic's +1 809 costs 3 text messages a fragment.
    expect(delivered).toMatchObject({
      is_cost_data_ready: true,
      cost_in_pounds: 0.0681,
      cost_details: { billable_sms_fragments: 1, international_rate_multiplier: 3, sms_rate: 0.0227 },
    });
  });

  it('finds a notification whatever key sent it; a bad id is 400, an unknown one 404', async () => {
    const { data } = await suite.test.sendEmail(SEEDED.emailTemplate, 'a@example.com', {
      personalisation: { name: 'A', details: 'B' },
    });
    expect((await suite.live.getNotificationById(data.id)).data).toMatchObject({
      id: data.id,
      email_address: 'a@example.com',
      type: 'email',
    });
    await expectRefusal(suite.live.getNotificationById('not-a-uuid'), 400, [
      ['ValidationError', 'notification_id is not a valid UUID'],
    ]);
    await expectRefusal(suite.live.getNotificationById(randomUUID()), 404, [['NoResultFound', 'No result found']]);
  });
});

describe('getNotifications', () => {
  it('pages of 250 newest first with links.next (older_than), then an empty page', async () => {
    const sentIds: string[] = [];
    for (let index = 0; index < 260; index++) {
      const { data } = await suite.test.sendEmail(SEEDED.emailTemplate, `person${index}@example.com`, {
        personalisation: { name: `Person ${index}`, details: 'Paging' },
      });
      sentIds.push(data.id);
    }
    const newestFirst = sentIds.reverse();
    const listed = async (olderThan?: string) =>
      (await suite.test.getNotifications('email', undefined, undefined, olderThan)).data;
    const first = await listed();
    const firstIds = first.notifications.map((notification) => notification.id);
    expect(firstIds).toEqual(newestFirst.slice(0, 250));
    const base = `${suite.simulator.url}/v2/notifications?template_type=email`;
    expect(first.links).toEqual({ current: base, next: `${base}&older_than=${firstIds[249]}` });
    const second = await listed(firstIds[249]);
    expect(second.notifications.length).toBeGreaterThanOrEqual(10);
    expect(second.notifications.map((notification) => notification.id).slice(0, 10)).toEqual(newestFirst.slice(250));
    const lastId = second.notifications[second.notifications.length - 1]!.id;
    expect(second.links.next).toBe(`${base}&older_than=${lastId}`);
    expect(await listed(lastId)).toEqual({ notifications: [], links: { current: `${base}&older_than=${lastId}` } });
    // A valid id that is not a notification gives an empty page.
    expect((await listed(randomUUID())).notifications).toEqual([]);
  });

  it('filters by type, status (failed covers every failure) and reference; each key type sees its own', async () => {
    const { data: failing } = await suite.test.sendSms(SEEDED.smsTemplate, '07700900003', {
      personalisation: VALUES,
      reference: 'will fail',
    });
    const { data: letter } = await suite.test.sendLetter(SEEDED.letterTemplate, {
      personalisation: { ...ADDRESS, name: 'A', amount: '1', year: '2026', office: 'Room 4' },
      reference: 'a letter',
    });
    expect((await suite.test.getNotifications('letter', 'accepted', 'a letter')).data.notifications).toHaveLength(1);
    await statusReached(suite.test, failing.id, 'temporary-failure');
    const failed = await suite.test.getNotifications(undefined, 'failed');
    expect(failed.data.notifications.map((notification) => notification.id)).toContain(failing.id);
    expect(
      failed.data.notifications.every(
        (notification) => notification.status.endsWith('failure') || notification.status === 'validation-failed',
      ),
    ).toBe(true);
    const byReference = await suite.test.getNotifications(undefined, undefined, 'will fail');
    expect(byReference.data.notifications.map((notification) => notification.id)).toEqual([failing.id]);
    expect(byReference.data.links.current).toBe(`${suite.simulator.url}/v2/notifications?reference=will+fail`);
    await statusReached(suite.test, letter.id, 'received');
    const receivedLetters = await suite.test.getNotifications('letter', 'received', 'a letter');
    expect(receivedLetters.data.notifications.map((notification) => notification.id)).toEqual([letter.id]);
    expect((await suite.test.getNotifications('sms', 'received', 'a letter')).data.notifications).toEqual([]);
    expect((await suite.live.getNotifications(undefined, undefined, 'will fail')).data.notifications).toEqual([]);
  });

  it('refuses filters Notify does not know with its messages', async () => {
    await expectRefusal(suite.live.getNotifications('sms', 'elephant'), 400, [
      [
        'ValidationError',
        'status elephant is not one of [cancelled, created, sending, sent, delivered, pending, failed, technical-failure, temporary-failure, permanent-failure, pending-virus-check, validation-failed, virus-scan-failed, returned-letter, accepted, received]',
      ],
    ]);
    await expectRefusal(suite.live.getNotifications('orange'), 400, [
      ['ValidationError', 'template_type orange is not one of [sms, email, letter]'],
    ]);
    await expectRefusal(suite.live.getNotifications(undefined, undefined, undefined, 'x'), 400, [
      ['ValidationError', 'older_than is not a valid UUID'],
    ]);
  });
});

describe('getPdfForLetterNotification', () => {
  it('PDFNotReadyError until the letter is rendered, then a PDF; not a letter, bad and unknown ids refused', async () => {
    const { data } = await suite.live.sendLetter(SEEDED.passThroughLetter, {
      personalisation: { ...ADDRESS, subject: 'Hello', body: 'A letter' },
    });
    await expectRefusal(suite.live.getPdfForLetterNotification(data.id), 400, [
      ['PDFNotReadyError', 'PDF not available yet, try again later'],
    ]);
    await statusReached(suite.live, data.id, 'received');
    const pdf = await suite.live.getPdfForLetterNotification(data.id);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('%%EOF');
    const { data: text } = await suite.live.sendSms(SEEDED.smsTemplate, '07700900123', { personalisation: VALUES });
    await expectRefusal(suite.live.getPdfForLetterNotification(text.id), 400, [
      ['BadRequestError', 'Notification is not a letter'],
    ]);
    await expectRefusal(suite.live.getPdfForLetterNotification('x'), 400, [
      ['ValidationError', 'notification_id is not a valid UUID'],
    ]);
    await expectRefusal(suite.live.getPdfForLetterNotification(randomUUID()), 404, [
      ['NoResultFound', 'No result found'],
    ]);
  });
});

describe('templates', () => {
  it('getTemplateById: every field, placeholders of the contact block, subject and body in Notify’s order', async () => {
    const { status, data } = await suite.live.getTemplateById(SEEDED.letterTemplate);
    expect(status).toBe(200);
    expect(Object.keys(data).sort()).toEqual(TEMPLATE_KEYS);
    expect(data).toEqual({
      id: SEEDED.letterTemplate,
      name: 'Award letter',
      type: 'letter',
      created_at: data.created_at,
      updated_at: null,
      created_by: data.created_by,
      version: 1,
      body: 'Dear ((name)),\r\n\r\nYou have been awarded ((amount)).',
      subject: 'Your award for ((year))',
      personalisation: {
        office: { required: true },
        year: { required: true },
        name: { required: true },
        amount: { required: true },
      },
      postage: 'first',
      letter_contact_block: 'Awards Team\n((office))\nTown Hall',
    });
    expect(data.created_at).toMatch(TIMESTAMP);
    expect(data.created_by).toMatch(/@/);
    expect((await suite.live.getTemplateById(SEEDED.archivedTemplate)).data.name).toBe('Withdrawn notice');
    await expectRefusal(suite.live.getTemplateById(SEEDED.hiddenTemplate), 404, [['NoResultFound', 'No result found']]);
    await expectRefusal(suite.live.getTemplateById('x'), 400, [['ValidationError', 'id is not a valid UUID']]);
  });

  it('getTemplateByIdAndVersion: each version with its own name and body; 0 is the latest; past the last is 404', async () => {
    const first = await suite.live.getTemplateByIdAndVersion(SEEDED.smsTemplate, 1);
    expect(first.data).toMatchObject({
      version: 1,
      name: 'Reminder (first draft)',
      body: 'Hi ((name)), see you on ((date)).',
      subject: null,
      updated_at: null,
    });
    expect((first.data as unknown as { personalisation: object }).personalisation).toEqual({
      name: { required: true },
      date: { required: true },
    });
    const second = await suite.live.getTemplateByIdAndVersion(SEEDED.smsTemplate, 2);
    expect(second.data).toMatchObject({ version: 2, name: 'Reminder' });
    expect(second.data.updated_at).toMatch(TIMESTAMP);
    expect((await suite.live.getTemplateByIdAndVersion(SEEDED.smsTemplate, 0)).data.version).toBe(2);
    await expectRefusal(suite.live.getTemplateByIdAndVersion(SEEDED.smsTemplate, 3), 404, [
      ['NoResultFound', 'No result found'],
    ]);
    const notARoute = await failureOf(suite.live.getTemplateByIdAndVersion(SEEDED.smsTemplate, -1));
    expect(notARoute).toEqual({
      status: 404,
      data: {
        result: 'error',
        message:
          'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
      },
    });
  });

  it('getAllTemplates: the seed’s templates by name then type, without archived or hidden ones; the type filter', async () => {
    const all = await suite.live.getAllTemplates();
    expect(all.data.templates.map((template) => [template.name, template.type])).toEqual([
      ['Award letter', 'letter'],
      ['Award letter', 'letter'],
      ['Reminder', 'sms'],
      ['Welcome', 'email'],
    ]);
    expect(all.data.templates.every((template) => Object.keys(template).sort().join() === TEMPLATE_KEYS.join())).toBe(
      true,
    );
    const emails = await suite.live.getAllTemplates('email');
    expect(emails.data.templates.map((template) => template.id)).toEqual([SEEDED.emailTemplate]);
    await expectRefusal(suite.live.getAllTemplates('coconut' as 'sms'), 400, [
      ['ValidationError', 'type coconut is not one of [sms, email, letter]'],
    ]);
  });

  it('previewTemplateById: the rendered text, email HTML, letter postage; missing values and unknown templates refused', async () => {
    const sms = await suite.live.previewTemplateById(SEEDED.smsTemplate, {
      name: 'Ada',
      date: '1 May',
      parking: 'yes',
    });
    expect(sms.status).toBe(200);
    expect(sms.data).toEqual({
      id: SEEDED.smsTemplate,
      type: 'sms',
      version: 2,
      body: 'Hi Ada, your visit is on 1 May. Parking is free.',
      html: null,
      subject: null,
      postage: null,
    });
    const email = await suite.live.previewTemplateById(SEEDED.emailTemplate, {
      name: 'Ada',
      details: 'Some **bold** text',
    });
    expect(email.data).toMatchObject({
      type: 'email',
      subject: 'Welcome, Ada',
      body: 'Dear Ada,\r\n\r\nSome **bold** text\r\n\r\nThe Council',
      postage: null,
    });
    expect(email.data.html).toContain('Dear Ada');
    const letter = await suite.live.previewTemplateById(SEEDED.letterTemplate, {
      name: 'A',
      amount: '£1',
      year: '2026',
      office: 'Room 4',
    });
    expect(letter.data).toMatchObject({ type: 'letter', subject: 'Your award for 2026', postage: 'first', html: null });
    await expectRefusal(suite.live.previewTemplateById(SEEDED.emailTemplate), 400, [
      ['BadRequestError', 'Missing personalisation: name, details'],
    ]);
    await expectRefusal(suite.live.previewTemplateById(randomUUID(), {}), 404, [['NoResultFound', 'No result found']]);
    await expectRefusal(suite.live.previewTemplateById('x', {}), 400, [['ValidationError', 'id is not a valid UUID']]);
  });
});

describe('getReceivedTexts', () => {
  it('the seeded texts newest first, with numbers as Notify stores them; older_than pages of 250', async () => {
    const first = await suite.live.getReceivedTexts();
    const seeded = first.data.received_text_messages;
    expect(seeded.map((text) => [text.user_number, text.content])).toEqual([
      ['447700900603', 'Third reply'],
      ['447700900602', 'Second reply'],
      ['447700900601', 'First reply'],
    ]);
    expect(seeded[0]).toEqual({
      id: seeded[0]!.id,
      user_number: '447700900603',
      notify_number: '447700900500',
      created_at: seeded[0]!.created_at,
      service_id: suite.simulator.serviceId,
      content: 'Third reply',
    });
    expect(seeded[0]!.created_at).toMatch(TIMESTAMP);

    for (let index = 0; index < 250; index++) {
      const added = await controlRequest(suite.simulator, '/_simulator/received-text-messages', {
        method: 'POST',
        body: JSON.stringify({ user_number: `07700 900 ${String(index).padStart(3, '0')}`, content: `Reply ${index}` }),
      });
      expect(added.status).toBe(201);
    }
    const listUrl = `${suite.simulator.url}/v2/received-text-messages`;
    const page = await suite.test.getReceivedTexts();
    const texts = page.data.received_text_messages;
    expect(texts).toHaveLength(250);
    expect(texts[0]).toMatchObject({ user_number: '447700900249', content: 'Reply 249' });
    expect(page.data.links).toEqual({ current: listUrl, next: `${listUrl}?older_than=${texts[249]!.id}` });
    const next = await suite.team.getReceivedTexts(texts[249]!.id);
    expect(next.data.received_text_messages.map((text) => text.content)).toEqual([
      'Third reply',
      'Second reply',
      'First reply',
    ]);
    const lastId = next.data.received_text_messages[2]!.id;
    expect(next.data.links).toEqual({ current: listUrl, next: `${listUrl}?older_than=${lastId}` });
    expect((await suite.live.getReceivedTexts(lastId)).data).toEqual({
      received_text_messages: [],
      links: { current: listUrl },
    });
    await expectRefusal(suite.live.getReceivedTexts('not-a-uuid'), 400, [
      ['ValidationError', 'older_than is not a valid UUID'],
    ]);
  });
});
