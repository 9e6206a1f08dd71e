import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core';
import { startTestCore } from '../../helpers/test-core';

let core: Core;
let stop: () => Promise<void>;
beforeAll(async () => ({ core, stop } = await startTestCore()));
afterAll(() => stop());

describe('templates', () => {
  it('keeps every saved change as a new version, and a queued message keeps the version it was rendered from', async () => {
    const created = await core.handlers['templates.create']({
      type: 'sms',
      name: 'Visit',
      body: 'Your visit is on ((day)).',
    });
    expect(created.currentVersion).toBe(1);
    expect(created.placeholders).toEqual(['day']);
    const { message } = await core.handlers['messages.send']({
      templateId: created.id,
      to: '07700 900456',
      values: { day: 'Monday' },
    });
    expect(message).toMatchObject({
      templateVersion: 1,
      body: 'Your visit is on Monday.',
      state: 'queued',
      recipient: '447700900456',
    });

    const renamed = await core.handlers['templates.update']({
      id: created.id,
      name: 'Home visit',
      body: created.latest.body,
    });
    expect(renamed.currentVersion).toBe(1);
    const changed = await core.handlers['templates.update']({
      id: created.id,
      name: 'Home visit',
      body: 'Your home visit is on ((day)).',
    });
    expect(changed.currentVersion).toBe(2);
    const versions = await core.handlers['templates.versions']({ id: created.id });
    expect(versions.map((version) => [version.version, version.body])).toEqual([
      [2, 'Your home visit is on ((day)).'],
      [1, 'Your visit is on ((day)).'],
    ]);
    expect((await core.handlers['outbox.get']({ id: message.id })).templateVersion).toBe(1);
  });

  it('archives rather than deletes, and an archived template can no longer be sent', async () => {
    const created = await core.handlers['templates.create']({ type: 'sms', name: 'Old', body: 'Hello' });
    await core.handlers['templates.archive']({ id: created.id });
    expect((await core.handlers['templates.list']({})).map((template) => template.id)).not.toContain(created.id);
    expect(
      (await core.handlers['templates.list']({ includeArchived: true })).find((template) => template.id === created.id)
        ?.archived,
    ).toBe(true);
    const refused = await core.call('messages.send', { templateId: created.id, to: '07700900456', values: {} });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: 'This template has been archived. Choose another template.' },
    });
  });
});

describe('one-off sends on every channel, validated as Notify would', () => {
  it('sends an email with its subject, lower-casing the address', async () => {
    const template = await core.handlers['templates.create']({
      type: 'email',
      name: 'Receipt',
      subject: 'Receipt for ((ref))',
      body: 'We got your form ((ref)).',
    });
    const { message } = await core.handlers['messages.send']({
      templateId: template.id,
      to: ' Ann.Smith@Example.GOV.uk ',
      values: { ref: 'A1' },
    });
    expect(message).toMatchObject({
      type: 'email',
      recipient: 'ann.smith@example.gov.uk',
      subject: 'Receipt for A1',
      body: 'We got your form A1.',
    });
    const unfilled = await core.handlers['templates.preview']({
      type: 'email',
      subject: 'Receipt for ((ref))',
      body: 'We got it.',
    });
    expect(unfilled).toMatchObject({ subject: 'Receipt for ((ref))', missing: ['ref'] });
    expect(unfilled.html).toContain('We got it.');
    const refused = await core.call('messages.send', {
      templateId: template.id,
      to: 'ann@example',
      values: { ref: 'A1' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: 'Not a valid email address', code: 'invalid-recipient' },
    });
  });

  it("sends a letter to a real address and refuses a bad one with the API's message", async () => {
    const template = await core.handlers['templates.create']({
      type: 'letter',
      name: 'Reminder letter',
      subject: 'Your council tax',
      body: 'Dear ((name)), please pay.',
    });
    const { message } = await core.handlers['messages.send']({
      templateId: template.id,
      to: '1 High Street\nTownsville\nsw1a1aa',
      values: { name: 'Ann' },
    });
    expect(message).toMatchObject({
      type: 'letter',
      recipient: '1 High Street, Townsville, SW1A 1AA',
      subject: 'Your council tax',
    });
    const refused = await core.call('messages.send', {
      templateId: template.id,
      to: '1 High Street\nTownsville',
      values: { name: 'Ann' },
    });
    expect(refused).toMatchObject({ ok: false, error: { message: 'Address must be at least 3 lines' } });
  });

  it('refuses a text that is too long, with the character count, and previews fragments and encoding', async () => {
    const template = await core.handlers['templates.create']({ type: 'sms', name: 'Long', body: '((text))' });
    const refused = await core.call('messages.send', {
      templateId: template.id,
      to: '07700900456',
      values: { text: 'a'.repeat(919) },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        message:
          'Your message is too long. Text messages cannot be longer than 918 characters. Your message is 919 characters long.',
      },
    });
    const welsh = await core.handlers['templates.preview']({
      type: 'sms',
      body: 'Diolch ŵ ((name))',
      values: { name: 'Ann' },
    });
    expect(welsh.sms).toMatchObject({ encoding: 'UCS-2', fragmentCount: 1 });
    const twoFragments = await core.handlers['templates.preview']({ type: 'sms', body: 'a'.repeat(161) });
    expect(twoFragments.sms).toMatchObject({ characterCount: 161, fragmentCount: 2, encoding: 'GSM-7' });
  });

  it('schedules within the next 7 days only', async () => {
    const template = await core.handlers['templates.create']({ type: 'sms', name: 'Later', body: 'Hello' });
    const inADay = new Date(Date.now() + 86_400_000).toISOString();
    const { message } = await core.handlers['messages.send']({
      templateId: template.id,
      to: '07700900456',
      values: {},
      sendAt: inADay,
    });
    expect(message.state).toBe('scheduled');
    const tooLate = new Date(Date.now() + 8 * 86_400_000).toISOString();
    expect(
      await core.call('messages.send', { templateId: template.id, to: '07700900456', values: {}, sendAt: tooLate }),
    ).toMatchObject({
      ok: false,
      error: { message: 'Choose a time within the next 7 days.' },
    });
  });
});
