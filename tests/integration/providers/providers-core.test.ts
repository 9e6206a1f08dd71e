import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerInput, HandlerName, HandlerResult } from '../../../shared/contract';
import type { Core } from '../../../electron/core/create-core';
import { markUnknownMessageSent } from '../../../electron/core/outbox/outcome-decisions';
import { SmppStandIn } from '../../helpers/smpp-stand-in';
import { SmtpStandIn } from '../../helpers/smtp-stand-in';
import { startTestCore } from '../../helpers/test-core';
import { TwilioStandIn } from '../../helpers/twilio-stand-in';

const secrets = {
  smtpPassword: 'smtp-Pw-7Qz2',
  systemId: 'sysid-9Kp3',
  smppPassword: 'pw4Rt9x',
  accountSid: 'AC5Wm8sid00000000000000000000000',
  authToken: 'tok-3Xv6-secret',
};

let core: Core;
let dataDir: string;
let stop: () => Promise<void>;
let relay: SmtpStandIn;
let spare: SmtpStandIn;
let gateway: SmppStandIn;
let http: TwilioStandIn;

async function call<K extends HandlerName>(name: K, args: HandlerInput<K>): Promise<HandlerResult<K>> {
  const result = await core.call(name, args);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as HandlerResult<K>;
}
const refusal = async (name: HandlerName, args: unknown): Promise<string> => {
  const result = await core.call(name, args);
  if (result.ok) throw new Error(`${name} was not refused`);
  return result.error.message;
};

/** Every byte the desk wrote to its data folder (the database, its WAL and the log), and every row of the database decrypted. */
function everythingWritten(): string {
  const files = readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'));
  const tables = core.ctx.db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[];
  const rows = tables.map((table) => JSON.stringify(core.ctx.db.prepare(`SELECT * FROM "${table}"`).all()));
  return [...files, ...rows].join('\n');
}

beforeAll(async () => {
  ({ core, dataDir, stop } = await startTestCore());
  relay = await SmtpStandIn.start({ user: 'desk', password: secrets.smtpPassword });
  spare = await SmtpStandIn.start();
  gateway = await SmppStandIn.start({ systemId: secrets.systemId, password: secrets.smppPassword });
  http = await TwilioStandIn.start({ accountSid: secrets.accountSid, authToken: secrets.authToken });
});
afterAll(async () => {
  for (const provider of (await call('providers.list', {})).providers)
    await call('providers.remove', { name: provider.name });
  await stop();
  await Promise.all([relay.close(), spare.close(), gateway.close(), http.close()]);
});

describe('providers and routes through the contract', () => {
  it('adds each kind of provider, keeps its credentials in the keychain only, and tests its connection', async () => {
    await call('providers.add', {
      kind: 'smtp',
      name: 'relay',
      host: '127.0.0.1',
      port: relay.port,
      user: 'desk',
      password: secrets.smtpPassword,
      from: 'revenues@council.example.gov.uk',
    });
    await call('providers.add', {
      kind: 'smtp',
      name: 'spare',
      host: '127.0.0.1',
      port: spare.port,
      from: 'revenues@council.example.gov.uk',
    });
    await call('providers.add', {
      kind: 'smpp',
      name: 'gateway',
      host: '127.0.0.1',
      port: gateway.port,
      systemId: secrets.systemId,
      password: secrets.smppPassword,
      sender: 'Council',
    });
    await call('providers.add', {
      kind: 'http-sms',
      name: 'twilio',
      baseUrl: http.url,
      accountSid: secrets.accountSid,
      authToken: secrets.authToken,
      from: '+447700900000',
    });
    const { providers } = await call('providers.list', {});
    expect(providers.map((provider) => [provider.name, provider.kind, provider.channel, provider.sender])).toEqual([
      ['gateway', 'smpp', 'sms', 'Council'],
      ['relay', 'smtp', 'email', 'revenues@council.example.gov.uk'],
      ['spare', 'smtp', 'email', 'revenues@council.example.gov.uk'],
      ['twilio', 'http-sms', 'sms', '+447700900000'],
    ]);
    for (const name of ['relay', 'gateway', 'twilio'])
      expect(await call('providers.test', { name })).toMatchObject({ ok: true });
    const listed = JSON.stringify(providers);
    for (const secret of Object.values(secrets)) expect(listed).not.toContain(secret);
  });

  it('refuses a provider or route that cannot be, in words', async () => {
    expect(
      await refusal('providers.add', {
        kind: 'smpp',
        name: 'notify',
        host: '127.0.0.1',
        port: 1,
        systemId: 'a',
        password: 'b',
      }),
    ).toBe('notify and print name the Notify service and the post room: choose another name');
    expect(
      await refusal('providers.add', {
        kind: 'http-sms',
        name: 'x',
        baseUrl: 'http://sms.example.com',
        accountSid: 'a',
        authToken: 'b',
        from: 'Council',
      }),
    ).toBe('Enter the gateway’s base URL, starting with https://');
    expect(
      await refusal('providers.add', {
        kind: 'smpp',
        name: 'x',
        host: '127.0.0.1',
        port: 1,
        systemId: 'a',
        password: 'b',
        sender: 'A sender too long',
      }),
    ).toBe('Enter a sender of up to 11 letters and digits, or a phone number');
    expect(await refusal('routes.set', { channel: 'sms', providers: ['relay'] })).toBe(
      'relay cannot send text messages. Routes for text messages: notify, gateway, twilio.',
    );
    expect(await refusal('routes.set', { channel: 'sms', providers: ['print'] })).toBe(
      'print cannot send text messages. Routes for text messages: notify, gateway, twilio.',
    );
    expect(await call('routes.set', { channel: 'sms', providers: ['Gateway', 'notify'] })).toEqual({
      channel: 'sms',
      providers: ['gateway', 'notify'],
    });
    expect(await call('routes.set', { channel: 'email', providers: ['relay'] })).toEqual({
      channel: 'email',
      providers: ['relay'],
    });
    expect((await call('routes.list', {})).routes).toEqual([
      { channel: 'sms', providers: ['gateway', 'notify'] },
      { channel: 'email', providers: ['relay'] },
      { channel: 'letter', providers: ['notify'] },
    ]);
  });

  it('leaves an email of unknown outcome to its sender, who resends it by a route they choose or marks it sent, each recorded', async () => {
    const template = await call('templates.create', {
      type: 'email',
      name: 'Bill ready',
      subject: 'Your bill',
      body: 'Hello ((name)), your bill is ready.',
    });
    relay.faults = { dropAfterDataNext: 2 };
    const first = (
      await call('messages.send', { templateId: template.id, to: 'ann@example.gov.uk', values: { name: 'Ann' } })
    ).message;
    const second = (
      await call('messages.send', { templateId: template.id, to: 'bob@example.gov.uk', values: { name: 'Bob' } })
    ).message;
    const report = await core.sync.runOnce();
    expect(report.outcomeUnknown).toBe(2);
    const unknown = await call('outbox.list', { states: ['outcome-unknown'] });
    expect(unknown.messages.map((message) => [message.recipient, message.provider])).toEqual([
      ['bob@example.gov.uk', 'relay'],
      ['ann@example.gov.uk', 'relay'],
    ]);

    expect(await refusal('outbox.resendUnknown', { id: first.id, provider: 'gateway' })).toBe(
      'gateway cannot send an email. Choose one of: notify, relay, spare.',
    );
    const resent = await call('outbox.resendUnknown', { id: first.id, provider: 'spare' });
    expect(resent.message).toMatchObject({ state: 'queued', provider: null });
    const marked = await call('outbox.markSent', { id: second.id });
    expect(marked.message).toMatchObject({ state: 'accepted', notifyStatus: 'sending', provider: 'relay' });
    expect(await refusal('outbox.markSent', { id: second.id })).toBe(
      'Only a message whose outcome is unknown can be sent again or marked as sent this way.',
    );

    // The chosen route takes it, though the route for emails names only the relay.
    await core.sync.runOnce();
    expect(spare.arrived.map((email) => email.to)).toEqual([['ann@example.gov.uk']]);
    expect(relay.arrived.map((email) => email.to[0])).toEqual(['ann@example.gov.uk', 'bob@example.gov.uk']);
    expect(await call('outbox.get', { id: first.id })).toMatchObject({ state: 'accepted', provider: 'spare' });
    const decisions = core.ctx.db
      .prepare('SELECT message_id, decided_by, decision, unknown_at, resend_by FROM outcome_decisions ORDER BY id')
      .all();
    expect(decisions).toEqual([
      { message_id: first.id, decided_by: core.ctx.user, decision: 'resend', unknown_at: 'relay', resend_by: 'spare' },
      { message_id: second.id, decided_by: core.ctx.user, decision: 'mark-sent', unknown_at: 'relay', resend_by: null },
    ]);
    // The audit trail says who decided what, and who changed the providers.
    const { entries } = await core.handlers['audit.list']({ limit: 100 });
    const summaries = entries.map((entry) => `${entry.actor}: ${entry.summary}`);
    expect(summaries).toEqual(
      expect.arrayContaining([
        `${core.ctx.user}: Changed the provider relay: added (an SMTP relay)`,
        `${core.ctx.user}: Sent message ${first.id}, whose outcome was unknown, again by spare`,
        `${core.ctx.user}: Marked message ${second.id}, whose outcome was unknown, as sent`,
      ]),
    );

    core.ctx.db
      .prepare(`UPDATE outbox_messages SET state = 'outcome-unknown', created_by = 'someone-else' WHERE id = ?`)
      .run(second.id);
    // Someone who may change only their own messages (a caseworker) cannot decide; whoever may change anyone's can.
    expect(() => markUnknownMessageSent(core.ctx.db, second.id, core.ctx.user, false)).toThrow(
      'Only someone-else, who queued this message, or a supervisor can decide whether to send it again.',
    );
    markUnknownMessageSent(core.ctx.db, second.id, core.ctx.user, true);
    expect(await call('outbox.get', { id: second.id })).toMatchObject({ state: 'accepted' });
  });

  it('sends texts by the SMPP gateway first, and keeps every credential out of the database and the log', async () => {
    const template = await call('templates.create', {
      type: 'sms',
      name: 'Reminder',
      body: 'Hello ((name)), see you tomorrow.',
    });
    const { message } = await call('messages.send', {
      templateId: template.id,
      to: '07700 900123',
      values: { name: 'Cat' },
    });
    expect((await core.sync.runOnce()).sent).toBe(1);
    expect(gateway.acceptedTexts()).toEqual(['Hello Cat, see you tomorrow.']);
    // The delivery record has it as it has what Notify sent, in Notify's words.
    const recorded = await call('record.get', { id: message.id });
    expect(recorded).toMatchObject({ origin: 'desk', type: 'sms', sentBy: core.ctx.user });
    expect(recorded.status).toBe((await call('outbox.get', { id: message.id })).notifyStatus);
    // A refused password is reported, and what is reported or logged names no secret either.
    await call('providers.add', {
      kind: 'smpp',
      name: 'gateway',
      host: '127.0.0.1',
      port: gateway.port,
      systemId: secrets.systemId,
      password: 'wrong1',
    });
    expect((await call('providers.test', { name: 'gateway' })).message).toContain('refused the system id or password');
    core.ctx.db.pragma('wal_checkpoint(PASSIVE)');
    const written = everythingWritten();
    expect(written).toContain('Hello Cat, see you tomorrow.');
    for (const secret of [...Object.values(secrets), 'wrong1']) expect(written).not.toContain(secret);
  });
});
