import { randomBytes, randomUUID } from 'node:crypto';
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStore } from '../secrets/keychain';
import { UserError } from '../user-error';
import { asDatabaseKey, type DatabaseKey } from './open-database';

/**
 * The data folder names its key's keychain entry in this file (an id, not a secret), so that a folder keeps its key
 * when it moves, and two folders (two desks, or tests) never share one.
 */
export const keyIdFile = (dataDir: string): string => join(dataDir, 'database-key-id');
export const databaseKeyAccount = (keyId: string): string => `database-key-${keyId}`;

const KEY_ID_FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Refusals to open the desk's database, each saying what to do. */
export class DatabaseKeyError extends UserError {
  constructor(message: string) {
    super(message, 'database-key');
    this.name = 'DatabaseKeyError';
  }
}

function readKeyId(dataDir: string): string | null {
  try {
    const text = readFileSync(keyIdFile(dataDir), 'utf8').trim();
    return KEY_ID_FORM.test(text) ? text : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The data folder's database key in the keychain (where the API key is kept too). */
export class DatabaseKeys {
  constructor(
    private readonly dataDir: string,
    private readonly secrets: SecretStore,
  ) {}

  /** The keychain entry that holds the key, to name in a message; null before the folder has one. */
  account(): string | null {
    const keyId = readKeyId(this.dataDir);
    return keyId ? databaseKeyAccount(keyId) : null;
  }

  /** The folder's key, or null when it has none (no entry named yet, or the keychain has no such entry). */
  async find(): Promise<DatabaseKey | null> {
    const account = this.account();
    if (!account) return null;
    const stored = await this.secrets.get(account);
    if (stored === null) return null;
    const key = asDatabaseKey(stored);
    if (!key)
      throw new DatabaseKeyError(
        `The keychain entry "${account}" does not hold a notify-desk database key, so the desk's data cannot be opened. Ask IT to restore it from a backup.`,
      );
    return key;
  }

  /**
   * The folder's key, made first when it has none: a random 256-bit key, stored in the keychain and read back before
   * the folder names its entry. Call only for a database that is not encrypted yet (or not made yet).
   */
  async findOrCreate(): Promise<DatabaseKey> {
    const found = await this.find();
    if (found) return found;
    // An entry the keychain lost is forgotten: the database it was for is not encrypted yet.
    rmSync(keyIdFile(this.dataDir), { force: true });
    const keyId = randomUUID();
    const key = randomBytes(32).toString('hex');
    await this.secrets.set(databaseKeyAccount(keyId), key);
    if ((await this.secrets.get(databaseKeyAccount(keyId))) !== key) {
      throw new DatabaseKeyError(
        'This computer’s keychain did not keep the key the desk stored in it, so the desk’s data was not encrypted and the desk has not opened. Ask IT to check the keychain, then start notify-desk again.',
      );
    }
    // The name appears whole or not at all; when another process named its own first, that one is the folder's key.
    const partial = `${keyIdFile(this.dataDir)}.${keyId}.partial`;
    writeFileSync(partial, `${keyId}\n`, { mode: 0o600 });
    try {
      linkSync(partial, keyIdFile(this.dataDir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await this.secrets.delete(databaseKeyAccount(keyId));
      const theirs = await this.find();
      if (!theirs) throw error;
      return theirs;
    } finally {
      rmSync(partial, { force: true });
    }
    return key as DatabaseKey;
  }
}
