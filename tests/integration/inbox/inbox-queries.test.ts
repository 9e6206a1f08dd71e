import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core';
import { createNotifyClient } from '../../../electron/core/notify-client';
import { fetchReceivedTexts } from '../../../electron/core/inbox/received-texts-fetch';
import { enqueueMessages, ONE_OFF_PRIORITY } from '../../../electron/core/outbox/enqueue';
import { startSimulator, type RunningSimulator } from '../../../simulator';
import { startTestCore } from '../../helpers/test-core';

let simulator: RunningSimulator;
let core: Core;
let stop: () => Promise<void>;
let reminderId: string;

/** Texts sent from the desk by its user and by a colleague, and replies to some of them. */
beforeAll(async () => {
  simulator = await startSimulator({
    port: 0,
    quiet: true,
    seed: {
      mode: 'replace',
      receivedTexts: [
        { userNumber: '447700900501', content: 'Yes please', minutesAgo: 30 },
        { userNumber: '447700900501', content: 'Actually no', minutesAgo: 20 },
        { userNumber: '447700900502', content: 'Who is this?', minutesAgo: 10 },
        { userNumber: '12025550123', content: 'From abroad', minutesAgo: 5 },
      ],
    },
  });
  ({ core, stop } = await startTestCore());
  const reminder = await core.handlers['templates.create']({
    type: 'sms',
    name: 'Reminder',
    body: 'Your visit is on ((day)).',
  });
  reminderId = reminder.id;
  await core.handlers['messages.send']({ templateId: reminder.id, to: '07700 900501', values: { day: 'Monday' } });
  enqueueMessages(core.ctx.db, [
    {
      type: 'sms',
      templateId: reminder.id,
      templateVersion: 1,
      recipient: '447700900502',
      personalisation: { day: 'Tuesday' },
      renderedBody: 'Your visit is on Tuesday.',
      renderedSubject: null,
      priority: ONE_OFF_PRIORITY,
      createdBy: 'a-colleague',
    },
  ]);
  const client = createNotifyClient({ baseUrl: simulator.url, apiKey: simulator.apiKeys.live });
  await fetchReceivedTexts(core.ctx.db, client, { serviceKey: 'simulator', practiceRun: null });
  client.close();
});

afterAll(async () => {
  await stop();
  await simulator.close();
});

describe('the inbox', () => {
  it('groups replies by number, newest first, each with the last text the desk sent to it', async () => {
    const { conversations, total, unread } = await core.handlers['inbox.conversations']({
      unreadOnly: false,
      limit: 50,
      offset: 0,
    });
    expect(total).toBe(3);
    expect(unread).toBe(4);
    expect(
      conversations.map((conversation) => [
        conversation.phoneNumber,
        conversation.texts,
        conversation.unread,
        conversation.lastText.content,
      ]),
    ).toEqual([
      ['+1 202-555-0123', 1, 1, 'From abroad'],
      ['07700 900502', 1, 1, 'Who is this?'],
      ['07700 900501', 2, 2, 'Actually no'],
    ]);
    expect(conversations[0]?.lastSent).toBeNull();
    expect(conversations[1]?.lastSent).toMatchObject({
      templateName: 'Reminder',
      body: 'Your visit is on Tuesday.',
      createdBy: 'a-colleague',
    });
    expect(conversations[2]?.lastSent).toMatchObject({ body: 'Your visit is on Monday.', createdBy: core.ctx.user });
  });

  it('searches by a number in any format, part of one, or the words of a reply', async () => {
    const numbers = async (search: string) =>
      (
        await core.handlers['inbox.conversations']({ search, unreadOnly: false, limit: 50, offset: 0 })
      ).conversations.map((c) => c.phoneNumber);
    expect(await numbers('07700 900501')).toEqual(['07700 900501']);
    expect(await numbers('+447700900501')).toEqual(['07700 900501']);
    expect(await numbers('900 50')).toEqual(['07700 900502', '07700 900501']);
    expect(await numbers('who is')).toEqual(['07700 900502']);
    expect(await numbers('202 555')).toEqual(['+1 202-555-0123']);
    expect(await numbers('100%_')).toEqual([]);
  });

  it('shows a caseworker only the replies to the texts they sent', async () => {
    const mine = await core.handlers['inbox.conversations']({
      sentBy: core.ctx.user,
      unreadOnly: false,
      limit: 50,
      offset: 0,
    });
    expect(mine.conversations.map((conversation) => conversation.phoneNumber)).toEqual(['07700 900501']);
    const theirs = await core.handlers['inbox.messages']({ sentBy: 'a-colleague', limit: 100 });
    expect(theirs.messages.map((text) => text.content)).toEqual(['Who is this?']);
    expect(await core.call('inbox.conversation', { phoneKey: '447700900502', sentBy: core.ctx.user })).toMatchObject({
      ok: false,
      error: { code: 'not-your-conversation' },
    });
  });

  it('puts each reply under the texts sent before it, marks them read, and replies only with a text template', async () => {
    const detail = await core.handlers['inbox.conversation']({ phoneKey: '447700900501' });
    // The replies were received 30 and 20 minutes ago; the reminder was queued just now.
    expect(
      detail.entries.map((entry) =>
        entry.kind === 'sent' ? `sent: ${entry.message.body}` : `reply: ${entry.text.content}`,
      ),
    ).toEqual(['reply: Yes please', 'reply: Actually no', 'sent: Your visit is on Monday.']);
    expect(detail.unread).toBe(2);
    expect(await core.handlers['inbox.markRead']({ phoneKey: '447700900501' })).toEqual({ unread: 2 });
    expect((await core.handlers['inbox.conversation']({ phoneKey: '447700900501' })).unread).toBe(0);
    expect((await core.handlers['inbox.conversations']({ unreadOnly: true, limit: 50, offset: 0 })).total).toBe(2);

    const email = await core.handlers['templates.create']({
      type: 'email',
      name: 'Letter by email',
      subject: 'Hello',
      body: 'Hello',
    });
    expect(await core.call('inbox.reply', { phoneKey: '447700900502', templateId: email.id })).toMatchObject({
      ok: false,
      error: { message: 'Choose a text message template to reply with.' },
    });
    expect(
      await core.call('inbox.reply', { phoneKey: '447700900999', templateId: reminderId, values: { day: 'Friday' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'no-such-conversation' },
    });
    expect(await core.call('inbox.reply', { phoneKey: '447700900502', templateId: reminderId })).toMatchObject({
      ok: false,
      error: { message: 'Missing personalisation: day' },
    });
    const { message } = await core.handlers['inbox.reply']({
      phoneKey: '447700900502',
      templateId: reminderId,
      values: { day: 'Friday' },
    });
    expect(message).toMatchObject({
      type: 'sms',
      recipient: '447700900502',
      body: 'Your visit is on Friday.',
      state: 'queued',
      createdBy: core.ctx.user,
    });
    expect((await core.handlers['inbox.conversation']({ phoneKey: '447700900502' })).unread).toBe(0);
  });

  it('refuses a made-up practice reply from a number Notify would not accept, in Notify’s words', async () => {
    const made = await core.call('inbox.practiceReply', { phoneNumber: '0712345', content: 'Hi' });
    expect(made).toMatchObject({
      ok: false,
      error: { message: 'Mobile number is too short', code: 'invalid-recipient' },
    });
  });
});
