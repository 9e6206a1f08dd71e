import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  handlerArgs,
  handlerPermissions,
  rolePermissions,
  roles,
  type HandlerName,
  type Role,
} from '../../../shared/contract';
import { createCore, type Core } from '../../../electron/core/create-core';
import { currentOsAccount, type OsAccount } from '../../../electron/core/identity/os-account';
import { POLICY_ENVIRONMENT_VARIABLE } from '../../../electron/core/policy/load-policy';
import { osKeychain } from '../../../electron/core/secrets/keychain';
import { makeTempDir } from '../../helpers/temp-dir';

const folder = makeTempDir();
const me = currentOsAccount({ groups: true });
const opened: Core[] = [];
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
  delete process.env[POLICY_ENVIRONMENT_VARIABLE];
});
afterAll(() => folder.remove());

// One keychain per data folder, whoever opens it here: the database's key lives there.
const keychains = new Map<string, string>();
function keychainFor(dataDir: string): string {
  if (!keychains.has(dataDir)) keychains.set(dataDir, `notify-desk-test-${randomUUID()}`);
  return keychains.get(dataDir)!;
}

/** A core on `dataDir` under a policy file giving these accounts these roles. */
async function coreUnderPolicy(dataDir: string, policy: Record<string, unknown>, account?: OsAccount): Promise<Core> {
  const path = join(folder.path, `policy-${randomUUID()}.json`);
  writeFileSync(path, JSON.stringify({ version: 1, ...policy }));
  process.env[POLICY_ENVIRONMENT_VARIABLE] = path;
  const core = await createCore({ dataDir, account, secrets: osKeychain(keychainFor(dataDir)) });
  opened.push(core);
  return core;
}

const names = Object.keys(handlerArgs) as HandlerName[];

describe('every call for every role', () => {
  it.each(roles)(
    '%s: each call is allowed or refused, by its declared permission, with a sentence',
    async (role: Role) => {
      const core = await coreUnderPolicy(join(folder.path, `matrix-${role}`), { users: { [me.login]: role } });
      for (const name of names) {
        // Strict schemas refuse this argument: an allowed call stops at validation, doing nothing.
        const result = await core.call(name, { notAnArgument: true });
        expect(result.ok, name).toBe(false);
        if (result.ok) continue;
        const allowed = name === 'app.status' || rolePermissions[role].includes(handlerPermissions[name]);
        if (allowed) {
          expect(result.error.code, `${role} may ${name}`).toBe('invalid-arguments');
        } else {
          expect(result.error.code, `${role} may not ${name}`).toBe('not-permitted');
          expect(result.error.message).toMatch(
            new RegExp(`^Your role at this desk is [a-z ]+\\. Only .+ can .+\\. Ask IT if you need to\\.$`),
          );
        }
      }
      const status = await core.call('app.status', {});
      expect(status.ok && status.value).toMatchObject({
        access: { account: me.login, role, permissions: [...rolePermissions[role]] },
      });
    },
  );

  it('a person the policy does not name may only read why', async () => {
    const core = await coreUnderPolicy(join(folder.path, 'nobody'), { users: { 'someone-else': 'administrator' } });
    const refused = await core.call('templates.list', {});
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'not-permitted', message: expect.stringMatching(/no role at this desk.*Ask IT/) },
    });
    const status = await core.call('app.status', {});
    expect(status.ok && status.value).toMatchObject({
      access: { role: null, permissions: [] },
      policy: { path: expect.any(String) },
    });
  });

  it('the role can come from a group the account is in', async () => {
    const group = me.groups[0]!;
    const core = await coreUnderPolicy(join(folder.path, 'group'), { users: {}, groups: { [group]: 'supervisor' } });
    const status = await core.call('app.status', {});
    expect(status.ok && status.value).toMatchObject({
      access: { role: 'supervisor', roleFrom: { kind: 'group', group } },
    });
  });
});

describe('what a call shows depends on who asks', () => {
  it('a caseworker sees and cancels only their own messages; a supervisor sees and cancels anyone’s', async () => {
    const dataDir = join(folder.path, 'scope');
    const policy = {
      users: { 'cw-one': 'caseworker', 'cw-two': 'caseworker', boss: 'supervisor', admin: 'administrator' },
    };
    const admin = await coreUnderPolicy(dataDir, policy, { login: 'admin', groups: [] });
    const template = await admin.call('templates.create', {
      type: 'sms',
      name: 'Reminder',
      body: 'Your appointment is on ((day)).',
    });
    const limited = await admin.call('templates.create', {
      type: 'sms',
      name: 'Supervisors only',
      body: 'Hello',
      allowedRoles: ['supervisor'],
    });
    if (!template.ok || !limited.ok) throw new Error('templates not created');
    const templateId = (template.value as { id: string }).id;
    const limitedId = (limited.value as { id: string }).id;
    const one = await coreUnderPolicy(dataDir, policy, { login: 'cw-one', groups: [] });
    const two = await coreUnderPolicy(dataDir, policy, { login: 'cw-two', groups: [] });
    const boss = await coreUnderPolicy(dataDir, policy, { login: 'boss', groups: [] });
    const send = (core: Core, templateId: string) =>
      core.call('messages.send', {
        templateId,
        to: '07700 900123',
        values: { day: 'Monday' },
        sendAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
    const mine = await send(one, templateId);
    const theirs = await send(two, templateId);
    if (!mine.ok || !theirs.ok) throw new Error('not sent');
    const mineId = (mine.value as { message: { id: string } }).message.id;
    const theirsId = (theirs.value as { message: { id: string } }).message.id;

    const list = await one.call('outbox.list', {});
    expect(list.ok && (list.value as { messages: { id: string }[] }).messages.map((message) => message.id)).toEqual([
      mineId,
    ]);
    expect(await one.call('outbox.get', { id: theirsId })).toMatchObject({
      ok: false,
      error: { code: 'not-your-message' },
    });
    expect(await one.call('outbox.cancel', { ids: [mineId, theirsId] })).toMatchObject({
      ok: false,
      error: {
        message:
          'You can cancel only the messages you sent: one of these was sent by someone else. Nothing was changed. A supervisor can cancel anyone’s.',
      },
    });
    expect(await one.call('record.search', { filter: { sentBy: 'cw-two' } })).toMatchObject({
      ok: false,
      error: { code: 'not-your-messages' },
    });
    expect(await one.call('inbox.conversations', { sentBy: 'cw-two' })).toMatchObject({
      ok: false,
      error: { code: 'not-your-messages' },
    });
    expect(await one.call('sync.pause', {})).toMatchObject({ ok: false, error: { code: 'not-permitted' } });

    const everyone = await boss.call('outbox.list', {});
    expect(everyone.ok && (everyone.value as { total: number }).total).toBe(2);
    expect(await boss.call('outbox.cancel', { ids: [theirsId] })).toMatchObject({ ok: true, value: { changed: 1 } });

    const templates = await one.call('templates.list', {});
    expect(templates.ok && (templates.value as { name: string }[]).map((listed) => listed.name)).toEqual(['Reminder']);
    expect(await send(one, limitedId)).toMatchObject({
      ok: false,
      error: { code: 'template-not-for-role', message: expect.stringContaining('can be used only by: supervisor') },
    });
    expect(await send(boss, limitedId)).toMatchObject({ ok: true });

    const audit = await boss.call('audit.list', {});
    if (!audit.ok) throw new Error(audit.error.message);
    const { entries, verification } = audit.value as {
      entries: { action: string; actor: string }[];
      verification: { ok: boolean };
    };
    expect(verification.ok).toBe(true);
    expect(entries.map((entry) => `${entry.actor} ${entry.action}`)).toEqual([
      'boss message.queued',
      'boss messages.cancelled',
      'cw-two message.queued',
      'cw-one message.queued',
      'admin template.created',
      'admin template.created',
      'admin policy.loaded',
    ]);
  });
});

describe('what the policy fixes', () => {
  it('refuses another service URL, a channel it leaves out, and turns practice mode off', async () => {
    const core = await coreUnderPolicy(join(folder.path, 'fixed'), {
      users: { [me.login]: 'administrator' },
      serviceUrl: 'https://api.notifications.service.gov.uk',
      practiceMode: false,
      channels: ['email'],
    });
    const key = `desk-${randomUUID()}-${randomUUID()}`;
    expect(await core.call('services.configure', { baseUrl: 'https://notify.example.org', apiKey: key })).toMatchObject(
      { ok: false, error: { code: 'service-url-fixed' } },
    );
    const sms = await core.call('templates.create', { type: 'sms', name: 'Text', body: 'Hi' });
    if (!sms.ok) throw new Error(sms.error.message);
    expect(
      await core.call('messages.send', { templateId: (sms.value as { id: string }).id, to: '07700 900123' }),
    ).toMatchObject({
      ok: false,
      error: {
        message:
          'Your organisation’s policy does not allow text messages to be sent from this desk, only emails. Choose another template.',
      },
    });
    const status = await core.call('app.status', {});
    expect(status.ok && status.value).toMatchObject({
      practiceMode: false,
      service: null,
      policy: { practiceMode: false, channels: ['email'] },
    });
    await expect(core.ctx.activeService()).rejects.toThrow(/practice mode off/);
  });
});
