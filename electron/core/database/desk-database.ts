import { closeSync, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { databaseFile } from '../data-dir';
import { keychainRequirement } from '../secrets/api-key-sources';
import { KeychainUnavailableError, type SecretStore } from '../secrets/keychain';
import { DatabaseKeyError, DatabaseKeys } from './database-key';
import { connect, openDatabase, type DatabaseKey, type Db } from './open-database';

/** `required`: the database is encrypted or the desk does not open. `optional` (the policy may allow it): plain when there is no keychain. */
export type EncryptionPolicy = 'required' | 'optional';

export interface DeskDatabase {
  db: Db;
  encrypted: boolean;
}

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** A plain SQLite file starts with its format's name; an encrypted one with random bytes (its salt). */
function fileForm(file: string): 'absent' | 'plain' | 'encrypted' {
  if (!existsSync(file)) return 'absent';
  const header = Buffer.alloc(PLAIN_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, header, 0, header.length, 0);
    if (read === 0) return 'absent';
    return read === header.length && header.equals(PLAIN_HEADER) ? 'plain' : 'encrypted';
  } finally {
    closeSync(fd);
  }
}

export const conversionBackupFile = (file: string): string => `${file}.plain-backup`;
const sqliteCompanions = (file: string): string[] => ['-wal', '-shm', '-journal'].map((suffix) => `${file}${suffix}`);

/** Each at most 300 characters: the command line shows one line of that length. */
const messages = {
  noKeychain: () => {
    const requirement = keychainRequirement();
    return `The desk’s data is encrypted with a key in this computer’s keychain, which could not be used, so the desk has not opened. ${requirement.charAt(0).toUpperCase()}${requirement.slice(1)}: ask IT to enable it, or to allow unencrypted data in the policy file.`;
  },
  keyMissing: (account: string | null) =>
    `The desk’s data is encrypted and its key${account ? ` (keychain entry "${account}")` : ''} is not in your keychain. Sign in as the person who set the desk up, or ask IT to restore the entry: without it the data cannot be read. To start an empty desk, move the data folder away.`,
  wrongKey: (account: string | null) =>
    `The key in your keychain${account ? ` ("${account}")` : ''} does not open the desk’s data, encrypted with another key. Ask IT to restore the entry, or sign in as the person who set the desk up: without it the data cannot be read. To start an empty desk, move the data folder away.`,
  conversionBusy: () =>
    'notify-desk is encrypting its data for the first time and another notify-desk program has the data open. Close every other notify-desk window and command, then start notify-desk again.',
};

const isNotADatabase = (error: unknown): boolean => (error as { code?: string }).code === 'SQLITE_NOTADB';
const isBusy = (error: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test((error as { code?: string }).code ?? '');

/** Whether the encrypted file holds what the plain backup holds: whole, with every table's rows. */
function conversionVerified(file: string, backup: string, key: DatabaseKey): boolean {
  let encrypted: Db | null = null;
  let plain: Db | null = null;
  try {
    encrypted = connect(file, { key, readonly: true });
    plain = connect(backup, { readonly: true });
    if (encrypted.pragma('integrity_check', { simple: true }) !== 'ok') return false;
    if (encrypted.pragma('user_version', { simple: true }) !== plain.pragma('user_version', { simple: true }))
      return false;
    const tables = plain
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .pluck()
      .all() as string[];
    return tables.every((table) => {
      const count = (db: Db) =>
        db
          .prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`)
          .pluck()
          .get();
      return count(encrypted as Db) === count(plain as Db);
    });
  } catch {
    return false;
  } finally {
    encrypted?.close();
    plain?.close();
  }
}

/**
 * Encrypts a plain database in place under `key`, with a copy of the plain file kept until the encrypted one is
 * checked against it. The connection holds the file alone throughout (no other process reads or writes meanwhile).
 * Its pages are rewritten with room for the cipher's nonce and tag, and the file set to give freed pages back.
 */
function encryptInPlace(file: string, key: DatabaseKey): void {
  const backup = conversionBackupFile(file);
  const db = connect(file);
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('wal_checkpoint(TRUNCATE)');
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete')
      throw new DatabaseKeyError(messages.conversionBusy());
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
    // Through SQLite rather than a file copy: Windows refuses to read the bytes SQLite locks in a file over 1 GB.
    closeSync(openSync(backup, 'w', 0o600));
    db.prepare('VACUUM INTO ?').run(backup);
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma(`rekey = 'raw:${key}'`);
  } catch (error) {
    if (isBusy(error)) throw new DatabaseKeyError(messages.conversionBusy());
    throw error;
  } finally {
    db.close();
  }
  if (!conversionVerified(file, backup, key)) {
    restoreBackup(file);
    throw new Error(
      'The desk could not check its data after encrypting it, so it put back the data as it was and has not opened. Start notify-desk again; if this happens again, tell whoever looks after notify-desk.',
    );
  }
  rmSync(backup);
}

function restoreBackup(file: string): void {
  for (const companion of sqliteCompanions(file)) rmSync(companion, { force: true });
  renameSync(conversionBackupFile(file), file);
}

export interface OpenDeskDatabaseOptions {
  secrets: SecretStore;
  encryption: EncryptionPolicy;
}

/**
 * The data folder's database, encrypted under the folder's key from the keychain: made encrypted when new, and a
 * plain one from an earlier version encrypted on first start. A conversion stopped part-way (the plain copy is still
 * there) is finished or undone first. With no keychain the desk refuses to open, unless the policy makes encryption
 * optional and the file is not encrypted already.
 */
export async function openDeskDatabase(dataDir: string, options: OpenDeskDatabaseOptions): Promise<DeskDatabase> {
  const file = databaseFile(dataDir);
  const keys = new DatabaseKeys(dataDir, options.secrets);
  let key: DatabaseKey | null;
  try {
    if (existsSync(conversionBackupFile(file))) {
      const found = fileForm(file) === 'encrypted' ? await keys.find() : null;
      if (found && conversionVerified(file, conversionBackupFile(file), found)) rmSync(conversionBackupFile(file));
      else if (fileForm(file) === 'plain') rmSync(conversionBackupFile(file));
      else restoreBackup(file);
    }
    key = fileForm(file) === 'encrypted' ? await keys.find() : await keys.findOrCreate();
  } catch (error) {
    if (!(error instanceof KeychainUnavailableError)) throw error;
    if (options.encryption === 'required' || fileForm(file) === 'encrypted')
      throw new DatabaseKeyError(messages.noKeychain());
    key = null;
  }
  const form = fileForm(file);
  if (form === 'encrypted' && !key) throw new DatabaseKeyError(messages.keyMissing(keys.account()));
  if (form === 'plain' && key) encryptInPlace(file, key);
  try {
    return { db: openDatabase(file, undefined, { key }), encrypted: key !== null };
  } catch (error) {
    if (isNotADatabase(error) && key) throw new DatabaseKeyError(messages.wrongKey(keys.account()));
    throw error;
  }
}
