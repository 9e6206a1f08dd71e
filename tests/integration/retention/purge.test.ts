import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../../shared/contract';
import { finalMessageStates } from '../../../shared/contract';
import { createCore, type Core } from '../../../electron/core/create-core';
import { recipientSearchKey } from '../../../electron/core/database/record-functions';
import { purge } from '../../../electron/core/retention/purge';
import { retentionPeriods } from '../../../electron/core/retention/retention-settings';
import { KeychainUnavailableError, type SecretStore } from '../../../electron/core/secrets/keychain';
import { takeDroppedFile } from '../../../electron/core/watch-folder/take-dropped-file';
import { londonDate } from '../../../shared/notify/london-time';
import { findTextInFiles } from '../../helpers/find-bytes';
import { makeTempDir } from '../../helpers/temp-dir';

// Retention with a moved clock: the desk's own messages, an import's rows, a watch folder's file, a message sent
// elsewhere, a reply and the files the desk saved, then purges "400 days later" and "2,600 days later".
//
// The desk is plain here (no keychain, encryption optional): in an encrypted one no phone number or name can be
// found in the file whether erased or not, so only a plain file shows that erased data is really gone from it.

const DAY_MS = 86_400_000;

/** A phone number and a name per message, each in every form the desk or Notify writes it. */
const people = {
  oneOff: { phone: '07700 900471', name: 'Ottoline Brackenbury' },
  imported: { phone: '07700 900472', name: 'Ignatius Fairweather' },
  setAside: { phone: 'not a number', name: 'Rosamund Halloran' },
  watched: { phone: '07700 900473', name: 'Wilhelmina Dunstable' },
  elsewhere: { phone: '07700 900474', name: 'Evander Pemberton' },
  scheduled: { phone: '07700 900475', name: 'Saoirse Templeton' },
} as const;
const phoneForms = (phone: string): string[] => {
  const digits = phone.replace(/\D/g, '');
  return [digits, `44${digits.slice(1)}`, phone, digits.slice(-6)];
};
const needlesOf = (person: { phone: string; name: string }): string[] => [
  ...(person.phone.startsWith('07') ? phoneForms(person.phone) : []),
  ...person.name.split(' '),
];
const erased = [people.oneOff, people.imported, people.setAside, people.watched, people.elsewhere].flatMap(needlesOf);

const noKeychain: SecretStore = {
  get: () => Promise.reject(new KeychainUnavailableError(new Error('none'))),
  set: () => Promise.reject(new KeychainUnavailableError(new Error('none'))),
  delete: () => Promise.reject(new KeychainUnavailableError(new Error('none'))),
};

const dataDir = makeTempDir('notify-desk-retention-');
const watched = makeTempDir('notify-desk-retention-watch-');
let core: Core;

const totals = () => ({
  daily: core.ctx.db.prepare('SELECT * FROM record_daily_totals ORDER BY day, type, status, postage').all(),
  templates: core.ctx.db
    .prepare('SELECT * FROM record_template_totals ORDER BY day, type, template_name, status')
    .all(),
});
/**
 * The dashboard's figures read from the daily totals. (Today's usage and this week's imports are read from the
 * records themselves, which no record period reaches in real time: the clock is only moved here.)
 */
const dashboard = async () => {
  const { periods, daily, templateUsage, smsPartsThisYear, lettersThisYear, statusUnknown } = await core.handlers[
    'record.dashboard'
  ]({});
  return { periods, daily, templateUsage, smsPartsThisYear, lettersThisYear, statusUnknown };
};
const dataFolderFinds = (texts: readonly string[]) => {
  core.ctx.db.pragma('wal_checkpoint(PASSIVE)');
  return findTextInFiles(dataDir.path, texts);
};
const purgeAt = (daysLater: number, dryRun = false) =>
  purge(core.ctx, retentionPeriods(core.ctx.db, null), {
    now: new Date(Date.now() + daysLater * DAY_MS),
    dryRun,
    chunkRows: 2,
  });

beforeAll(async () => {
  core = await createCore({ dataDir: dataDir.path, sync: true, secrets: noKeychain, encryption: 'optional' });
  const template = await core.handlers['templates.create']({
    type: 'sms',
    name: 'Reminder',
    body: 'Hello ((name)), see you soon',
  });
  await core.handlers['messages.send']({
    templateId: template.id,
    to: people.oneOff.phone,
    values: { name: people.oneOff.name },
  });
  await core.handlers['messages.send']({
    templateId: template.id,
    to: people.scheduled.phone,
    values: { name: people.scheduled.name },
    sendAt: new Date(Date.now() + 5 * DAY_MS).toISOString(),
  });
  await core.handlers['inbox.practiceReply']({
    phoneNumber: people.oneOff.phone,
    content: `${people.oneOff.name} replying`,
  });

  // A spreadsheet uploaded as web mode uploads it, one row of which is set aside.
  const csv = `phone number,name\n${people.imported.phone},${people.imported.name}\n${people.setAside.phone},${people.setAside.name}\n`;
  const { fileId } = await core.handlers['imports.inspect']({
    source: { fileName: 'reminders.csv', contentBase64: Buffer.from(csv).toString('base64') },
  });
  const queued = await core.handlers['imports.queue']({ fileId, templateId: template.id, excludeInvalid: true });
  expect([queued.queued, queued.rejected]).toEqual([1, 1]);

  writeFileSync(
    join(watched.path, 'dropped.csv'),
    `phone number,name\n${people.watched.phone},${people.watched.name}\n`,
  );
  const settings = {
    watchFolderId: null,
    folder: watched.path,
    templateId: template.id,
    mapping: null,
    excludeInvalid: false,
    sendTime: null,
  };
  expect(
    (
      await takeDroppedFile(
        { db: core.ctx.db, dataDir: dataDir.path, user: core.ctx.user, policy: core.ctx.policy },
        settings,
        join(watched.path, 'dropped.csv'),
      )
    ).outcome,
  ).toBe('done');

  // A message another desk sent, as the harvest records it (its content is kept in the record).
  const createdAt = new Date().toISOString();
  core.ctx.db
    .prepare(
      `INSERT INTO record_messages (id, notify_id, origin, type, status, recipient, recipient_key, template_name, sent_by, body,
         billable_units, cost_in_pounds, created_at, status_at, completed_at, day)
       VALUES ('elsewhere-1', 'notify-elsewhere-1', 'elsewhere', 'sms', 'delivered', ?, ?, 'Their template', 'api', ?, 1, 0.0227, ?, ?, ?, ?)`,
    )
    .run(
      people.elsewhere.phone,
      recipientSearchKey('sms', people.elsewhere.phone),
      `Dear ${people.elsewhere.name}`,
      createdAt,
      createdAt,
      createdAt,
      londonDate(createdAt),
    );

  // Files the desk saves for people: a letter PDF and an export waiting to be downloaded.
  mkdirSync(join(dataDir.path, 'letter-pdfs'), { recursive: true });
  writeFileSync(join(dataDir.path, 'letter-pdfs', 'letters-1.pdf'), `%PDF-1.4 ${people.oneOff.name}`);
  mkdirSync(join(dataDir.path, 'exports', 'a'.repeat(32)), { recursive: true });
  writeFileSync(
    join(dataDir.path, 'exports', 'a'.repeat(32), 'sent.csv'),
    `${people.imported.phone},${people.imported.name}`,
  );

  const isFinal = (message: OutboxMessage) => finalMessageStates.includes(message.state);
  const deadline = Date.now() + 30_000;
  while ((await core.handlers['outbox.list']({ limit: 10, offset: 0 })).messages.filter(isFinal).length < 3) {
    if (Date.now() > deadline) throw new Error('the practice service did not deliver the texts');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await core.sync.stop();
}, 60_000);

afterAll(async () => {
  await core?.close();
  dataDir.remove();
  watched.remove();
});

describe('retention, with the clock moved on', () => {
  it('finds every name and number in the plain file before the purge (the search can fail)', () => {
    expect(dataFolderFinds(erased).length).toBeGreaterThan(10);
  });

  it('erases the personal data of finished messages after the personal-data period, keeping the totals, and says beforehand what will go', async () => {
    const totalsBefore = totals();
    expect((totalsBefore.daily as { messages: number }[]).reduce((sum, row) => sum + row.messages, 0)).toBe(4);
    const dashboardBefore = await dashboard();
    const replies = core.ctx.db.prepare('SELECT count(*) FROM received_texts').pluck().get() as number;
    expect(replies).toBeGreaterThan(0);

    const expected = {
      personalData: { days: 365, messages: 4, receivedTexts: replies },
      records: { days: 2557, messages: 0, batches: 0, printRuns: 0, watchFolderFiles: 0 },
      files: { uploads: 1, rejectedRowsFiles: 1, watchFolderCopies: 1, letterPdfs: 1, exportDownloads: 1 },
    };
    const preview = await purgeAt(400, true);
    expect(preview).toMatchObject({ dryRun: true, databaseBytes: null, ...expected });
    expect(preview.personalData.oldest).not.toBeNull();
    expect(dataFolderFinds(erased).length).toBeGreaterThan(10);

    const summary = await purgeAt(400);
    expect(summary).toMatchObject({ dryRun: false, ...expected });
    expect(summary.personalData.before).toBe(new Date(Date.parse(summary.at) - 365 * DAY_MS).toISOString());

    expect(dataFolderFinds(erased)).toEqual([]);
    // What is not finished keeps everything: the search finds it.
    expect(dataFolderFinds(needlesOf(people.scheduled)).length).toBeGreaterThan(0);
    expect(readdirSync(join(watched.path, 'done'))).toEqual([]);
    expect(
      existsSync(join(dataDir.path, 'import-uploads')) ? readdirSync(join(dataDir.path, 'import-uploads')) : [],
    ).toEqual([]);

    expect(totals()).toEqual(totalsBefore);
    expect(await dashboard()).toEqual(dashboardBefore);
    const messages = (await core.handlers['outbox.list']({ limit: 10, offset: 0 })).messages;
    expect(messages.map((message) => [message.state, message.recipient, message.body])).toEqual(
      expect.arrayContaining([
        ['delivered', '', ''],
        ['scheduled', '447700900475', `Hello ${people.scheduled.name}, see you soon`],
      ]),
    );
    expect(await purgeAt(400, true)).toMatchObject({ personalData: { messages: 0, receivedTexts: 0 } });
  });

  it('deletes whole records after the record period, and the daily totals outlive them', async () => {
    const totalsBefore = totals();
    const dashboardBefore = await dashboard();
    const summary = await purgeAt(2600);
    expect(summary).toMatchObject({
      records: { days: 2557, messages: 4, batches: 2, printRuns: 0, watchFolderFiles: 1 },
    });
    expect(summary.databaseBytes!.after).toBeLessThanOrEqual(summary.databaseBytes!.before);
    const left = core.ctx.db.prepare('SELECT state FROM outbox_messages').pluck().all();
    expect(left).toEqual(['scheduled']);
    expect(core.ctx.db.prepare('SELECT count(*) FROM record_messages').pluck().get()).toBe(0);
    expect(
      core.ctx.db
        .prepare('SELECT count(*) FROM outbox_events WHERE message_id NOT IN (SELECT id FROM outbox_messages)')
        .pluck()
        .get(),
    ).toBe(0);
    expect(totals()).toEqual(totalsBefore);
    expect(await dashboard()).toEqual(dashboardBefore);
    expect(core.ctx.db.pragma('freelist_count', { simple: true })).toBe(0);

    // The practice service still lists the texts: a harvest does not take them back in, nor count them twice.
    const harvest = await core.handlers['record.harvest']({});
    expect(harvest.seen).toBeGreaterThanOrEqual(3);
    expect([harvest.adopted, core.ctx.db.prepare('SELECT count(*) FROM record_messages').pluck().get()]).toEqual([
      0, 0,
    ]);
    expect(totals()).toEqual(totalsBefore);
  });
});
