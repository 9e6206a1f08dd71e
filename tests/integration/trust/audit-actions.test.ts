import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../../../simulator';
import { createCore } from '../../../electron/core/create-core';
import { POLICY_ENVIRONMENT_VARIABLE } from '../../../electron/core/policy/load-policy';
import { osKeychain } from '../../../electron/core/secrets/keychain';
import { makeTestCertificates } from '../../helpers/test-certificates';
import { makeTempDir } from '../../helpers/temp-dir';
import type { AuditEntry, AuditVerification } from '../../../shared/contract';
import type { Core } from '../../../electron/core/create-core';
import { currentOsAccount } from '../../../electron/core/identity/os-account';
import { startTestCore } from '../../helpers/test-core';

// Each change a person makes through the one dispatcher leaves an entry under their name, with ids, names and
// counts but never a recipient or what the message said.
let core: Core;
let dataDir: string;
let stop: () => Promise<void>;
const me = currentOsAccount({ groups: false }).login;

beforeAll(async () => {
  ({ core, dataDir, stop } = await startTestCore());
});
afterAll(async () => stop());

async function call<T>(name: Parameters<Core['call']>[0], args: unknown): Promise<T> {
  const result = await core.call(name, args);
  if (!result.ok) throw new Error(`${String(name)}: ${result.error.message}`);
  return result.value as T;
}

describe('the audit trail records who did what', () => {
  it('templates, a batch, one-off messages, routes, settings: each under the person’s name, without personal data', async () => {
    const template = await call<{ id: string }>('templates.create', {
      type: 'sms',
      name: 'Reminder',
      body: 'Hello ((name)), see you on ((day)).',
    });
    await call('templates.update', {
      id: template.id,
      name: 'Clinic reminder',
      body: 'Hello ((name)), see you on ((day)) at the clinic.',
    });

    const csv = join(dataDir, 'October.csv');
    writeFileSync(csv, 'phone number,name,day\n07700900431,Aneurin Bevan,Monday\n07700900432,Barbara Castle,Tuesday\n');
    const file = await call<{ fileId: string }>('imports.inspect', { source: { path: csv } });
    const queued = await call<{ batchId: string; queued: number }>('imports.queue', {
      fileId: file.fileId,
      templateId: template.id,
      excludeInvalid: false,
    });
    expect(queued.queued).toBe(2);
    await call('sync.pause', { batchId: queued.batchId });
    await call('sync.resume', { batchId: queued.batchId });
    await call('outbox.cancelBatch', { batchId: queued.batchId });

    const sendAt = new Date(Date.now() + 86_400_000).toISOString();
    const { message } = await call<{ message: { id: string } }>('messages.send', {
      templateId: template.id,
      to: '07700 900433',
      values: { name: 'Clement Attlee', day: 'Friday' },
      sendAt,
    });
    // What the outbox does with a message Notify kept refusing: it waits for a person.
    core.ctx.db.prepare(`UPDATE outbox_messages SET state = 'needs-attention' WHERE id = ?`).run(message.id);
    expect(await call('outbox.retry', { ids: [message.id] })).toEqual({ changed: 1 });
    expect(await call('outbox.cancel', { ids: [message.id] })).toEqual({ changed: 1 });

    await call('routes.set', { channel: 'letter', providers: ['print'] });
    await call('record.setSmsAllowance', { allowance: 10_000 });
    await call('templates.archive', { id: template.id });

    const { entries, verification } = await call<{ entries: AuditEntry[]; verification: AuditVerification }>(
      'audit.list',
      {},
    );
    expect(verification).toMatchObject({ ok: true, entries: 12 });
    expect(entries.map((entry) => entry.action).reverse()).toEqual([
      'template.created',
      'template.edited',
      'batch.queued',
      'batch.paused',
      'batch.resumed',
      'batch.cancelled',
      'message.queued',
      'messages.retried',
      'messages.cancelled',
      'route.set',
      'settings.changed',
      'template.archived',
    ]);
    expect(new Set(entries.map((entry) => entry.actor))).toEqual(new Set([me]));
    expect(
      entries
        .map((entry) => entry.summary)
        .reverse()
        .slice(1, 7),
    ).toEqual([
      'Changed the template “Clinic reminder” (now version 2)',
      `Queued 2 messages from October.csv (batch ${queued.batchId})`,
      `Paused batch ${queued.batchId}`,
      `Resumed batch ${queued.batchId}`,
      `Cancelled 2 messages of batch ${queued.batchId}`,
      `Queued a one-off sms message from the template “Clinic reminder” (message ${message.id})`,
    ]);
    const written = JSON.stringify(entries);
    for (const personal of [
      '7700900431',
      '7700900433',
      '7700 900433',
      'Bevan',
      'Castle',
      'Attlee',
      'Monday',
      'Friday',
      'see you on',
    ]) {
      expect(written).not.toContain(personal);
    }
  });

  it('the service, its key and CA file, watch folders, and a policy file put in place and taken away', async () => {
    const simulator = await startSimulator({ port: 0, quiet: true });
    const folder = makeTempDir();
    const keychain = osKeychain(`notify-desk-test-${randomUUID()}`);
    const policyFile = join(folder.path, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ version: 1, users: { [me]: 'administrator' } }));
    try {
      process.env[POLICY_ENVIRONMENT_VARIABLE] = policyFile;
      const governed = await createCore({ dataDir: join(folder.path, 'desk'), secrets: keychain });
      try {
        await governed.handlers['services.configure']({
          name: 'GOV.UK Notify',
          baseUrl: simulator.url,
          apiKey: simulator.apiKeys.test,
          keyType: 'test',
        });
        governed.network.setCaFile(makeTestCertificates(folder.path).caFile);
        governed.network.setCaFile(null);
        await governed.handlers['services.remove']({});
        const template = await governed.handlers['templates.create']({ type: 'sms', name: 'Hello', body: 'Hello' });
        const watched = join(folder.path, 'drop');
        mkdirSync(watched);
        const { folderToken } = await governed.handlers['watchFolders.grantFolder']({ path: watched });
        const saved = await governed.handlers['watchFolders.save']({
          folderToken,
          templateId: template.id,
          mapping: null,
          excludeInvalid: false,
          sendTime: null,
        });
        await governed.handlers['watchFolders.remove']({ id: saved.folder.id });
      } finally {
        await governed.close();
      }
      delete process.env[POLICY_ENVIRONMENT_VARIABLE];
      const ungoverned = await createCore({ dataDir: join(folder.path, 'desk'), secrets: keychain });
      try {
        const { entries, verification } = await ungoverned.handlers['audit.list']({ limit: 100 });
        expect(verification).toMatchObject({ ok: true });
        expect(entries.map((entry) => entry.summary).reverse()).toEqual([
          expect.stringMatching(/^Policy file .*policy\.json in force \(SHA-256 [0-9a-f]{64}\)$/),
          `Connected the service at ${simulator.url} with a test key (keychain)`,
          expect.stringMatching(/^Trusted the CA file .*\.pem$/),
          'Stopped trusting a CA file of its own',
          `Removed the service at ${simulator.url}`,
          'Created the sms template “Hello”',
          `Saved the watch folder ${join(folder.path, 'drop')} with the template “Hello”`,
          `Removed the watch folder ${join(folder.path, 'drop')}`,
          'No policy file any more: the desk is single-user',
        ]);
        expect(new Set(entries.map((entry) => entry.actor))).toEqual(new Set([me]));
        expect(JSON.stringify(entries)).not.toContain(simulator.apiKeys.test.slice(-36));
      } finally {
        await ungoverned.close();
      }
    } finally {
      delete process.env[POLICY_ENVIRONMENT_VARIABLE];
      await simulator.close();
      folder.remove();
    }
  }, 60_000);
});
