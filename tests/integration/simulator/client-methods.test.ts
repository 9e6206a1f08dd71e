import { NotifyClient } from 'notifications-node-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_TEMPLATE_IDS, startSimulator, type RunningSimulator } from '../../../simulator/index';
import { eventually, failureOf } from './helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const ADDRESS = { address_line_1: 'A Person', address_line_2: '1 High Street', address_line_3: 'Anytown', postcode: 'sw1a1aa' };

let simulator: RunningSimulator;
let live: NotifyClient;
let test: NotifyClient;

beforeAll(async () => {
  simulator = await startSimulator({ deliverAfterMs: 200, quiet: true });
  live = new NotifyClient(simulator.url, simulator.apiKeys.live);
  test = new NotifyClient(simulator.url, simulator.apiKeys.test);
});
afterAll(() => simulator.close());

describe('sending with notifications-node-client', () => {
  it('sendSms: 201 with the rendered body, sender, uris and template version', async () => {
    const response = await live.sendSms(SEEDED_TEMPLATE_IDS.appointmentReminderSms, '07700 900 123', {
      personalisation: { Name: 'Ada', date: '1 May', time: '10am', directions: 'yes' },
      reference: 'sms-ref-1',
    });
    expect(response.status).toBe(201);
    const { id } = response.data;
    expect(id).toMatch(UUID);
    expect(response.data).toEqual({
      id,
      reference: 'sms-ref-1',
      content: {
        body: 'Hello Ada, your appointment is on 1 May at 10am. Directions are on your letter.',
        from_number: 'GOVUK',
      },
      uri: `${simulator.url}/v2/notifications/${id}`,
      template: {
        id: SEEDED_TEMPLATE_IDS.appointmentReminderSms,
        version: 2,
        uri: `${simulator.url}/services/${simulator.serviceId}/templates/${SEEDED_TEMPLATE_IDS.appointmentReminderSms}`,
      },
      scheduled_for: null,
    });
  });

  it('sendEmail: 201 with subject, body, from_email, one_click_unsubscribe_url and sanitised_content', async () => {
    const response = await live.sendEmail(SEEDED_TEMPLATE_IDS.passThroughEmail, 'Someone@Example.com ', {
      personalisation: { subject: 'Your visit', body: 'Line one\r\n\r\nLine two' },
      reference: 'email-ref-1',
      oneClickUnsubscribeURL: 'https://example.com/unsubscribe',
    });
    expect(response.status).toBe(201);
    expect(response.data.content).toEqual({
      from_email: 'notify.desk.simulator@notifications.service.gov.uk',
      body: 'Line one\r\n\r\nLine two',
      subject: 'Your visit',
      one_click_unsubscribe_url: 'https://example.com/unsubscribe',
    });
    expect(response.data).toMatchObject({ reference: 'email-ref-1', scheduled_for: null, sanitised_content: {} });
  });

  it('sendLetter: 201 with the rendered letter, then accepted and received', async () => {
    const response = await live.sendLetter(SEEDED_TEMPLATE_IDS.councilTaxLetter, {
      personalisation: { ...ADDRESS, name: 'Ada', amount: '£120', year: '2026', 'due date': '1 June' },
      reference: 'letter-ref-1',
    });
    expect(response.status).toBe(201);
    expect(response.data.content).toEqual({
      subject: 'Your council tax for 2026',
      body: 'Dear Ada,\r\n\r\nYou owe £120 in council tax for 2026. Please pay by 1 June.\r\n\r\nRevenues Team',
    });
    const first = await live.getNotificationById(response.data.id);
    expect(first.data).toMatchObject({
      type: 'letter',
      status: 'accepted',
      line_1: 'A Person',
      line_2: '1 High Street',
      line_3: 'Anytown',
      line_4: null,
      postcode: 'sw1a1aa',
      postage: 'second',
      subject: 'Your council tax for 2026',
    });
    expect(first.data).toHaveProperty('estimated_delivery');
    const received = await eventually(async () => {
      const { data } = await live.getNotificationById(response.data.id);
      return data.status === 'received' ? data : undefined;
    });
    expect(received.completed_at).toMatch(TIMESTAMP);
    expect(received).toMatchObject({ is_cost_data_ready: true, cost_details: { billable_sheets_of_paper: 1, postage: 'second' } });
  });

  it('sendPrecompiledLetter: 201 {id, reference, postage}, pending-virus-check first, then the same PDF back', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% a tiny test letter\n%%EOF\n');
    const response = await live.sendPrecompiledLetter('precompiled-ref', pdf, 'first');
    expect(response.status).toBe(201);
    expect(response.data).toEqual({ id: response.data.id, reference: 'precompiled-ref', postage: 'first' });
    const { data } = await live.getNotificationById(response.data.id);
    expect(data).toMatchObject({ status: 'pending-virus-check', body: '', subject: 'Pre-compiled PDF', line_1: 'Provided as PDF' });
    const notReady = await failureOf(live.getPdfForLetterNotification(response.data.id));
    expect(notReady.status).toBe(400);
    const returned = await eventually(async () => {
      try {
        return await live.getPdfForLetterNotification(response.data.id);
      } catch {
        return undefined;
      }
    });
    expect(returned.equals(pdf)).toBe(true);
  });

  it('getPdfForLetterNotification: a valid PDF for a templated letter once it is ready', async () => {
    const { data } = await live.sendLetter(SEEDED_TEMPLATE_IDS.passThroughLetter, {
      personalisation: { ...ADDRESS, subject: 'Hello', body: 'A letter' },
    });
    const pdf = await eventually(async () => {
      try {
        return await live.getPdfForLetterNotification(data.id);
      } catch {
        return undefined;
      }
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('%%EOF');
  });
});

describe('reading notifications', () => {
  it('getNotificationById: every key, created → sending → delivered with sent_at, completed_at and cost', async () => {
    const { data: sent } = await live.sendSms(SEEDED_TEMPLATE_IDS.passThroughSms, '+447700900123', {
      personalisation: { body: 'Status check' },
    });
    const { data: created } = await live.getNotificationById(sent.id);
    expect(Object.keys(created).sort()).toEqual(
      [
        'id', 'reference', 'email_address', 'phone_number', 'line_1', 'line_2', 'line_3', 'line_4', 'line_5', 'line_6',
        'postcode', 'type', 'status', 'template', 'body', 'subject', 'created_at', 'created_by_name', 'sent_at',
        'completed_at', 'scheduled_for', 'postage', 'one_click_unsubscribe_url', 'is_cost_data_ready', 'cost_in_pounds',
        'cost_details',
      ].sort(),
    );
    expect(created).toMatchObject({
      phone_number: '+447700900123',
      email_address: null,
      type: 'sms',
      status: 'created',
      body: 'Status check',
      subject: null,
      sent_at: null,
      completed_at: null,
      is_cost_data_ready: false,
      cost_in_pounds: null,
      cost_details: {},
      template: {
        id: SEEDED_TEMPLATE_IDS.passThroughSms,
        version: 1,
        uri: `${simulator.url}/service/${simulator.serviceId}/template/${SEEDED_TEMPLATE_IDS.passThroughSms}`,
      },
    });
    expect(created.created_at).toMatch(TIMESTAMP);
    const sending = await eventually(async () => {
      const { data } = await live.getNotificationById(sent.id);
      return data.status === 'sending' ? data : undefined;
    });
    expect(sending.sent_at).toMatch(TIMESTAMP);
    const delivered = await eventually(async () => {
      const { data } = await live.getNotificationById(sent.id);
      return data.status === 'delivered' ? data : undefined;
    });
    expect(delivered.completed_at).toMatch(TIMESTAMP);
    expect(delivered).toMatchObject({
      is_cost_data_ready: true,
      cost_details: { billable_sms_fragments: 1, international_rate_multiplier: 1 },
    });
  });

  it('getNotifications: pages of 250 newest first, links.next with older_than, filters and reference', async () => {
    const sentIds: string[] = [];
    for (let index = 0; index < 260; index++) {
      const { data } = await test.sendEmail(SEEDED_TEMPLATE_IDS.passThroughEmail, `person${index}@example.com`, {
        personalisation: { subject: 'Paging', body: `Message ${index}` },
        reference: index === 7 ? 'the seventh' : undefined,
      });
      sentIds.push(data.id);
    }
    const newestFirst = [...sentIds].reverse();

    const firstPage = await test.getNotifications();
    expect(firstPage.data.notifications).toHaveLength(250);
    expect(firstPage.data.notifications.map((notification) => notification.id)).toEqual(newestFirst.slice(0, 250));
    expect(firstPage.data.links).toEqual({
      current: `${simulator.url}/v2/notifications`,
      next: `${simulator.url}/v2/notifications?older_than=${newestFirst[249]}`,
    });

    const secondPage = await test.getNotifications(undefined, undefined, undefined, newestFirst[249]);
    expect(secondPage.data.notifications.map((notification) => notification.id)).toEqual(newestFirst.slice(250));
    expect(secondPage.data.links.next).toBe(`${simulator.url}/v2/notifications?older_than=${newestFirst[259]}`);

    const lastPage = await test.getNotifications(undefined, undefined, undefined, newestFirst[259]);
    expect(lastPage.data).toEqual({
      notifications: [],
      links: { current: `${simulator.url}/v2/notifications?older_than=${newestFirst[259]}` },
    });

    const filtered = await test.getNotifications('email', 'delivered', 'the seventh');
    expect(filtered.data.notifications.map((notification) => notification.id)).toEqual([sentIds[7]]);
    expect(filtered.data.links.current).toBe(
      `${simulator.url}/v2/notifications?template_type=email&status=delivered&reference=the+seventh`,
    );

    const wrongType = await test.getNotifications('sms');
    expect(wrongType.data.notifications).toEqual([]);

    // Live-key sends are not listed for the test key, and the other way round.
    const liveList = await live.getNotifications('email');
    expect(liveList.data.notifications.every((notification) => !sentIds.includes(notification.id))).toBe(true);
  });
});

describe('templates and received texts', () => {
  it('getTemplateById: the latest version with its placeholders', async () => {
    const { status, data } = await live.getTemplateById(SEEDED_TEMPLATE_IDS.applicationReceivedEmail);
    expect(status).toBe(200);
    expect(data).toMatchObject({
      id: SEEDED_TEMPLATE_IDS.applicationReceivedEmail,
      name: 'Application received',
      type: 'email',
      version: 1,
      subject: 'We have received your application ((reference number))',
      personalisation: {
        'reference number': { required: true },
        name: { required: true },
        date: { required: true },
        'documents needed': { required: true },
      },
      postage: null,
      letter_contact_block: null,
    });
    // The node client's TemplateData type leaves personalisation out; the server sends it.
    expect(Object.keys((data as unknown as { personalisation: object }).personalisation)[0]).toBe('reference number');
    expect(data.created_at).toMatch(TIMESTAMP);
  });

  it('getTemplateByIdAndVersion: a given version, and version 0 is the latest', async () => {
    const first = await live.getTemplateByIdAndVersion(SEEDED_TEMPLATE_IDS.appointmentReminderSms, 1);
    expect(first.data).toMatchObject({ version: 1, subject: null, personalisation: { name: { required: true }, date: { required: true } } });
    const latest = await live.getTemplateByIdAndVersion(SEEDED_TEMPLATE_IDS.appointmentReminderSms, 0);
    expect(latest.data.version).toBe(2);
    const missing = await failureOf(live.getTemplateByIdAndVersion(SEEDED_TEMPLATE_IDS.appointmentReminderSms, 3));
    expect(missing).toEqual({ status: 404, data: { status_code: 404, errors: [{ error: 'NoResultFound', message: 'No result found' }] } });
  });

  it('getAllTemplates: sorted by name, pass-through templates included, archived and hidden left out, type filter', async () => {
    const all = await live.getAllTemplates();
    expect(all.data.templates.map((template) => template.name)).toEqual([
      'Application received',
      'Appointment reminder',
      'Council tax reminder',
      'Pass-through email',
      'Pass-through letter',
      'Pass-through text message',
    ]);
    const letters = await live.getAllTemplates('letter');
    expect(letters.data.templates.map((template) => [template.name, template.postage])).toEqual([
      ['Council tax reminder', 'second'],
      ['Pass-through letter', 'second'],
    ]);
  });

  it('previewTemplateById: rendered body, html for email, subject', async () => {
    const email = await live.previewTemplateById(SEEDED_TEMPLATE_IDS.passThroughEmail, { subject: 'Hi', body: 'Some **bold** text' });
    expect(email.status).toBe(200);
    expect(email.data).toMatchObject({ id: SEEDED_TEMPLATE_IDS.passThroughEmail, type: 'email', version: 1, body: 'Some **bold** text', subject: 'Hi', postage: null });
    expect(email.data.html).toContain('Some');
    const sms = await live.previewTemplateById(SEEDED_TEMPLATE_IDS.passThroughSms, { body: 'Text  body ' });
    expect(sms.data).toMatchObject({ type: 'sms', body: 'Text body', html: null, subject: null });
    const missing = await failureOf(live.previewTemplateById(SEEDED_TEMPLATE_IDS.passThroughEmail));
    expect(missing.data).toEqual({
      status_code: 400,
      errors: [{ error: 'BadRequestError', message: 'Missing personalisation: subject, body' }],
    });
  });

  it('getReceivedTexts: the seeded texts newest first, then an empty page', async () => {
    const first = await live.getReceivedTexts();
    const texts = first.data.received_text_messages;
    expect(texts.map((text) => text.content)).toEqual(['STOP', 'Please call me back', 'Yes, I can make the appointment']);
    expect(texts[0]).toMatchObject({ user_number: '447700900603', notify_number: '447700900500', service_id: simulator.serviceId });
    const last = texts[texts.length - 1]!;
    expect(first.data.links).toEqual({
      current: `${simulator.url}/v2/received-text-messages`,
      next: `${simulator.url}/v2/received-text-messages?older_than=${last.id}`,
    });
    const next = await live.getReceivedTexts(last.id);
    expect(next.data).toEqual({ received_text_messages: [], links: { current: `${simulator.url}/v2/received-text-messages` } });
  });
});
