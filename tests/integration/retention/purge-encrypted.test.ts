import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import { databaseFile } from '../../../electron/core/data-dir';
import { recipientSearchKey } from '../../../electron/core/database/record-functions';
import { purge } from '../../../electron/core/retention/purge';
import { PurgeSchedule } from '../../../electron/core/retention/purge-schedule';
import { osKeychain } from '../../../electron/core/secrets/keychain';
import type { PurgeSummary } from '../../../shared/contract';
import { londonDate } from '../../../shared/notify/london-time';
import { makeTempDir } from '../../helpers/temp-dir';

// A purge of many rows in an encrypted desk (the real keychain): it gives the file's space back, and a message can be
// queued while it runs. Messages other services sent are written as the harvest records them.

const DAY_MS = 86_400_000;
const MESSAGES = 12_000;
const dataDir = makeTempDir('notify-desk-purge-encrypted-');
let core: Core;

function recordMessagesFromElsewhere(count: number): void {
  const insert = core.ctx.db.prepare(
    `INSERT INTO record_messages (id, notify_id, origin, type, status, recipient, recipient_key, template_name, sent_by, body,
       billable_units, cost_in_pounds, created_at, status_at, completed_at, day)
     VALUES (?, ?, 'elsewhere', 'sms', 'delivered', ?, ?, 'Their template', 'api', ?, 1, 0.0227, ?, ?, ?, ?)`,
  );
  const createdAt = new Date().toISOString();
  core.ctx.db.transaction(() => {
    for (let index = 0; index < count; index += 1) {
      const phone = `07700 9${String(index).padStart(5, '0')}`;
      const body = `Dear Person ${index}, your appointment is on ${1 + (index % 28)} March at 10am at 12 High Street, Anytown.`;
      insert.run(
        `elsewhere-${index}`,
        randomUUID(),
        phone,
        recipientSearchKey('sms', phone),
        body,
        createdAt,
        createdAt,
        createdAt,
        londonDate(createdAt),
      );
    }
  })();
  core.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
}

beforeAll(async () => {
  core = await createCore({ dataDir: dataDir.path, secrets: osKeychain(`notify-desk-test-${randomUUID()}`) });
  recordMessagesFromElsewhere(MESSAGES);
}, 60_000);

afterAll(async () => {
  await core?.close();
  dataDir.remove();
});

describe('a large purge of an encrypted desk', () => {
  it('lets a message be queued while it runs, then leaves a smaller file with the same totals', async () => {
    const template = await core.handlers['templates.create']({ type: 'sms', name: 'Reminder', body: 'Hello ((name))' });
    const totals = () =>
      core.ctx.db.prepare('SELECT * FROM record_daily_totals ORDER BY day, type, status, postage').all();
    const totalsBefore = totals();
    const bytesBefore = statSync(databaseFile(dataDir.path)).size;

    const stillHoldingPersonalData = () =>
      core.ctx.db.prepare('SELECT count(*) FROM record_messages WHERE personal_data_erased_at IS NULL').pluck().get();
    const purging = purge(
      core.ctx,
      { personalDataDays: 365, recordDays: 2557 },
      { now: new Date(Date.now() + 2600 * DAY_MS) },
    );
    await new Promise((resolve) => setImmediate(resolve));
    await core.handlers['messages.send']({ templateId: template.id, to: '07700 900123', values: { name: 'Ann' } });
    // The purge takes 500 rows a transaction and frees the event loop between them: the message did not wait for it.
    const leftWhenQueued = stillHoldingPersonalData();
    expect(leftWhenQueued).toBeGreaterThan(0);
    expect(leftWhenQueued).toBeLessThan(MESSAGES);
    const summary = await purging;

    expect(summary).toMatchObject({ personalData: { messages: MESSAGES }, records: { messages: MESSAGES } });
    expect(core.ctx.db.prepare('SELECT count(*) FROM record_messages').pluck().get()).toBe(0);
    expect(
      (await core.handlers['outbox.list']({ limit: 10, offset: 0 })).messages.map((message) => message.body),
    ).toEqual(['Hello Ann']);
    expect(totals()).toEqual(totalsBefore);

    // The pages the rows held are given back: the file on disk is a fraction of what it was.
    expect(core.ctx.db.pragma('freelist_count', { simple: true })).toBe(0);
    const bytesAfter = statSync(databaseFile(dataDir.path)).size;
    expect(summary.databaseBytes).toEqual({ before: bytesBefore, after: bytesAfter });
    expect(bytesAfter).toBeLessThan(bytesBefore / 2);
  }, 60_000);

  it('runs daily on its own, each purge recorded', async () => {
    const audited: PurgeSummary[] = [];
    const schedule = new PurgeSchedule(core.ctx, {
      periods: () => ({ personalDataDays: 365, recordDays: 2557 }),
      log: core.log,
      auditPurge: (summary) => void audited.push(summary),
      intervalMs: 150,
    });
    schedule.start();
    try {
      await expect.poll(() => audited.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    } finally {
      await schedule.stop();
    }
    const count = audited.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(audited).toHaveLength(count);
    expect(audited.every((summary) => summary.dryRun === false && summary.requestedBy === null)).toBe(true);
  });
});
