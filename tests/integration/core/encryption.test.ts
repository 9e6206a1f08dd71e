import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/create-core';
import { databaseFile } from '../../../electron/core/data-dir';
import { databaseKeyAccount } from '../../../electron/core/database/database-key';
import { conversionBackupFile } from '../../../electron/core/database/desk-database';
import { asDatabaseKey, connect } from '../../../electron/core/database/open-database';
import { KeychainUnavailableError, osKeychain, type SecretStore } from '../../../electron/core/secrets/keychain';
import { findTextInFiles } from '../../helpers/find-bytes';
import { makeTempDir } from '../../helpers/temp-dir';

// The data a test writes: a phone number (in every form the desk or Notify writes it) and a name.
const PHONE = '07700 900461';
const PHONE_FORMS = ['07700900461', '07700 900461', '7700900461', '447700900461', '+447700900461', '900461'];
const NAME = ['Philomena', 'Quattrocchi'];
const NEEDLES = [...PHONE_FORMS, ...NAME];

const folders: { remove(): void }[] = [];
const opened: Core[] = [];
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
  folders.splice(0).forEach((folder) => folder.remove());
});

function dataFolder(): string {
  const folder = makeTempDir('notify-desk-encryption-');
  folders.push(folder);
  return folder.path;
}

const testKeychain = (): SecretStore => osKeychain(`notify-desk-test-${randomUUID()}`);

const noKeychain: SecretStore = {
  get: () => Promise.reject(new KeychainUnavailableError(new Error('no Secret Service on this session bus'))),
  set: () => Promise.reject(new KeychainUnavailableError(new Error('no Secret Service on this session bus'))),
  delete: () => Promise.reject(new KeychainUnavailableError(new Error('no Secret Service on this session bus'))),
};

async function open(dataDir: string, options: Partial<CoreOptions> = {}): Promise<Core> {
  const core = await createCore({ dataDir, sync: false, ...options });
  opened.push(core);
  return core;
}

async function close(core: Core): Promise<void> {
  opened.splice(opened.indexOf(core), 1);
  await core.close();
}

/** A text to the phone number with the name in it, and a reply from that number (practice mode, its sync running). */
async function sendAndReceive(core: Core): Promise<void> {
  const template = await core.handlers['templates.create']({
    type: 'sms',
    name: 'Reminder',
    body: 'Hello ((first)) ((last)), see you soon',
  });
  await core.handlers['messages.send']({
    templateId: template.id,
    to: PHONE,
    values: { first: NAME[0]!, last: NAME[1]! },
  });
  await core.handlers['inbox.practiceReply']({ phoneNumber: PHONE, content: `${NAME.join(' ')} here, thank you` });
  await expect
    .poll(
      async () => {
        await core.handlers['inbox.refresh']({});
        const [message] = (await core.handlers['outbox.list']({ limit: 10, offset: 0 })).messages;
        const replies = (await core.handlers['inbox.messages']({ limit: 50 })).messages;
        return [message?.state, replies.some((reply) => reply.content.includes(NAME[1]!))];
      },
      { timeout: 30_000, interval: 250 },
    )
    .toEqual(['delivered', true]);
}

const isPlainSqlite = (file: string): boolean =>
  readFileSync(file).subarray(0, 16).toString('latin1') === 'SQLite format 3\0';

describe('the database encrypted at rest', () => {
  it('keeps a phone number and a name out of the database file, its WAL and every other file the desk keeps for itself', async () => {
    const dataDir = dataFolder();
    const core = await open(dataDir, { sync: true, secrets: testKeychain() });
    await sendAndReceive(core);
    // While the desk runs, recent writes are in the WAL.
    expect(statSync(`${databaseFile(dataDir)}-wal`).size).toBeGreaterThan(0);
    expect(findTextInFiles(dataDir, NEEDLES)).toEqual([]);
    expect(isPlainSqlite(databaseFile(dataDir))).toBe(false);

    await close(core);
    expect(findTextInFiles(dataDir, NEEDLES)).toEqual([]);
  }, 60_000);

  it('keeps them out of the database when a spreadsheet is imported (the import thread writes through its own connection)', async () => {
    const dataDir = dataFolder();
    const core = await open(dataDir, { secrets: testKeychain() });
    const template = await core.handlers['templates.create']({
      type: 'sms',
      name: 'Reminder',
      body: 'Hello ((first)) ((last))',
    });
    const csv = `phone number,first,last\n${PHONE},${NAME[0]},${NAME[1]}\n07700 900462,Ann,Other\n`;
    const { fileId } = await core.handlers['imports.inspect']({
      source: { fileName: 'reminders.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    expect(
      (await core.handlers['imports.queue']({ fileId, templateId: template.id, excludeInvalid: false })).queued,
    ).toBe(2);
    const bodies = (await core.handlers['outbox.list']({ limit: 10, offset: 0 })).messages.map(
      (message) => message.body,
    );
    expect(bodies).toContain(`Hello ${NAME.join(' ')}`);
    // The uploaded spreadsheet itself waits in the data folder (import-uploads) until the desk closes.
    expect(findTextInFiles(dataDir, NEEDLES).filter((find) => !find.startsWith('import-uploads/'))).toEqual([]);
    await close(core);
    expect(findTextInFiles(dataDir, NEEDLES)).toEqual([]);
  });

  it('cannot be read by SQLite without the key', async () => {
    const dataDir = dataFolder();
    await close(await open(dataDir, { secrets: testKeychain() }));
    expect(() => connect(databaseFile(dataDir), { readonly: true })).toThrow('file is not a database');
    expect(() =>
      connect(databaseFile(dataDir), { readonly: true, key: asDatabaseKey(randomBytes(32).toString('hex')) }),
    ).toThrow('file is not a database');
  });

  it('reads back what it wrote with the key from the keychain', async () => {
    const dataDir = dataFolder();
    const secrets = testKeychain();
    const first = await open(dataDir, { secrets });
    const template = await first.handlers['templates.create']({
      type: 'sms',
      name: 'Reminder',
      body: 'Hello ((name))',
    });
    await first.handlers['messages.send']({ templateId: template.id, to: PHONE, values: { name: NAME[0]! } });
    await close(first);
    const again = await open(dataDir, { secrets });
    const [message] = (await again.handlers['outbox.list']({ limit: 10, offset: 0 })).messages;
    expect(message).toMatchObject({ recipient: '447700900461', body: `Hello ${NAME[0]}` });
  });

  it('refuses a key that does not open the file, and one missing from the keychain, saying what to do and changing nothing', async () => {
    const dataDir = dataFolder();
    const secrets = testKeychain();
    await close(await open(dataDir, { secrets }));
    const account = databaseKeyAccount(readFileSync(join(dataDir, 'database-key-id'), 'utf8').trim());
    const rightKey = await secrets.get(account);
    const fileBefore = readFileSync(databaseFile(dataDir));

    await secrets.set(account, randomBytes(32).toString('hex'));
    await expect(open(dataDir, { secrets })).rejects.toThrow(
      `The key in your keychain ("${account}") does not open the desk’s data, encrypted with another key. Ask IT to restore the entry, or sign in as the person who set the desk up: without it the data cannot be read. To start an empty desk, move the data folder away.`,
    );
    await secrets.delete(account);
    await expect(open(dataDir, { secrets })).rejects.toThrow(
      `The desk’s data is encrypted and its key (keychain entry "${account}") is not in your keychain. Sign in as the person who set the desk up, or ask IT to restore the entry: without it the data cannot be read. To start an empty desk, move the data folder away.`,
    );
    expect(readFileSync(databaseFile(dataDir)).equals(fileBefore)).toBe(true);

    await secrets.set(account, rightKey!);
    await close(await open(dataDir, { secrets }));
  });

  it('refuses to open without a keychain unless the policy makes encryption optional, and then stays plain', async () => {
    const dataDir = dataFolder();
    await expect(open(dataDir, { secrets: noKeychain })).rejects.toThrow(
      /^The desk’s data is encrypted with a key in this computer’s keychain, which could not be used, so the desk has not opened\. A Secret Service keychain such as GNOME Keyring must be installed and unlocked in your desktop session: ask IT to enable it, or to allow unencrypted data in the policy file\.$/,
    );
    expect(existsSync(databaseFile(dataDir))).toBe(false);

    const plain = await open(dataDir, { secrets: noKeychain, encryption: 'optional' });
    const template = await plain.handlers['templates.create']({
      type: 'sms',
      name: 'Reminder',
      body: 'Hello ((name))',
    });
    await plain.handlers['messages.send']({ templateId: template.id, to: PHONE, values: { name: NAME[0]! } });
    await close(plain);
    // The same search finds them in a plain desk: it is the encryption that hides them.
    expect(isPlainSqlite(databaseFile(dataDir))).toBe(true);
    expect(findTextInFiles(dataDir, ['447700900461', NAME[0]!])).toEqual([
      `notify-desk.sqlite3: 447700900461`,
      `notify-desk.sqlite3: ${NAME[0]}`,
    ]);
  });

  it('never opens an encrypted database without its key, even where the policy makes encryption optional', async () => {
    const dataDir = dataFolder();
    await close(await open(dataDir, { secrets: testKeychain() }));
    await expect(open(dataDir, { secrets: noKeychain, encryption: 'optional' })).rejects.toThrow(
      /keychain, which could not be used, so the desk has not opened/,
    );
  });

  it('encrypts a plain database from an earlier version in place on first start, its data intact and its plain copy gone', async () => {
    const dataDir = dataFolder();
    const plain = await open(dataDir, { secrets: noKeychain, encryption: 'optional' });
    const template = await plain.handlers['templates.create']({
      type: 'sms',
      name: 'Reminder',
      body: 'Hello ((name))',
    });
    for (let index = 0; index < 300; index += 1) {
      await plain.handlers['messages.send']({
        templateId: template.id,
        to: PHONE,
        values: { name: `${NAME[0]} ${index}` },
      });
    }
    const before = (await plain.handlers['outbox.list']({ limit: 500, offset: 0 })).messages;
    await close(plain);
    expect(isPlainSqlite(databaseFile(dataDir))).toBe(true);

    const converted = await open(dataDir, { secrets: testKeychain() });
    expect((await converted.handlers['outbox.list']({ limit: 500, offset: 0 })).messages).toEqual(before);
    expect(converted.ctx.db.pragma('auto_vacuum', { simple: true })).toBe(2);
    await close(converted);
    expect(existsSync(conversionBackupFile(databaseFile(dataDir)))).toBe(false);
    expect(isPlainSqlite(databaseFile(dataDir))).toBe(false);
    expect(findTextInFiles(dataDir, NEEDLES)).toEqual([]);
  });

  it('finishes a conversion stopped before its plain copy was removed, and undoes one that left the file damaged', async () => {
    const dataDir = dataFolder();
    const file = databaseFile(dataDir);
    const secrets = testKeychain();
    const plain = await open(dataDir, { secrets: noKeychain, encryption: 'optional' });
    await plain.handlers['templates.create']({ type: 'sms', name: `Reminder for ${NAME[1]}`, body: 'Hello ((name))' });
    await close(plain);
    const plainBytes = readFileSync(file);

    // Stopped after encrypting, before removing the copy: the encrypted file is checked against the copy, which goes.
    await close(await open(dataDir, { secrets }));
    writeFileSync(conversionBackupFile(file), plainBytes);
    const finished = await open(dataDir, { secrets });
    expect(existsSync(conversionBackupFile(file))).toBe(false);
    expect((await finished.handlers['templates.list']({})).map((template) => template.name)).toEqual([
      `Reminder for ${NAME[1]}`,
    ]);
    await close(finished);

    // Stopped half-way through rewriting the pages: the copy is put back and encrypted again.
    const damaged = readFileSync(file);
    damaged.fill(0, 4096, 16_384);
    writeFileSync(file, damaged);
    writeFileSync(conversionBackupFile(file), plainBytes);
    const redone = await open(dataDir, { secrets });
    expect((await redone.handlers['templates.list']({})).map((template) => template.name)).toEqual([
      `Reminder for ${NAME[1]}`,
    ]);
    await close(redone);
    expect(existsSync(conversionBackupFile(file))).toBe(false);
    expect(findTextInFiles(dataDir, NEEDLES)).toEqual([]);
  });

  it('keeps the data folder readable by its owner only (0700, files 0600)', async () => {
    const dataDir = dataFolder();
    writeFileSync(join(dataDir, 'letter-logo.svg'), '<svg/>', { mode: 0o644 });
    const core = await open(dataDir, { secrets: testKeychain() });
    core.log.info('started for the permissions test');
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    for (const file of [
      'notify-desk.sqlite3',
      'notify-desk.sqlite3-wal',
      'notify-desk.sqlite3-shm',
      'database-key-id',
      'logs/notify-desk.log',
      'letter-logo.svg',
    ]) {
      expect([file, mode(join(dataDir, file))]).toEqual([file, 0o600]);
    }
    expect(mode(join(dataDir, 'logs'))).toBe(0o700);

    // What the desk writes later in the session is its user's only too: here a spreadsheet's rows set aside.
    const template = await core.handlers['templates.create']({ type: 'sms', name: 'Reminder', body: 'Hello ((name))' });
    const csv = `phone number,name\n${PHONE},${NAME[0]}\nnot a number,${NAME[1]}\n`;
    const { fileId } = await core.handlers['imports.inspect']({
      source: { fileName: 'reminders.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    const queued = await core.handlers['imports.queue']({ fileId, templateId: template.id, excludeInvalid: true });
    expect([queued.queued, queued.rejected]).toEqual([1, 1]);
    const setAside = readdirSync(join(dataDir, 'rejected-rows'), { recursive: true, withFileTypes: true }).filter(
      (entry) => entry.isFile(),
    );
    expect(setAside).toHaveLength(1);
    expect(mode(join(setAside[0]!.parentPath, setAside[0]!.name))).toBe(0o600);
    expect(mode(join(dataDir, 'rejected-rows'))).toBe(0o700);
  });
});
