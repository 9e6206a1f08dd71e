import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
});
