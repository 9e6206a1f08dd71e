import { databaseFile } from '../../electron/core/data-dir';
import { DatabaseKeys } from '../../electron/core/database/database-key';
import { connect, type DatabaseKey, type Db } from '../../electron/core/database/open-database';
import { registerRecordFunctions } from '../../electron/core/database/record-functions';
import { osKeychain } from '../../electron/core/secrets/keychain';

/** The key a core made for a data folder, from the test session's keychain (the service that core used). */
export async function deskDatabaseKey(dataDir: string, keychainService?: string): Promise<DatabaseKey> {
  const key = await new DatabaseKeys(dataDir, osKeychain(keychainService)).find();
  if (!key) throw new Error(`No database key in the keychain for ${dataDir}: has a core opened it yet?`);
  return key;
}

/** A data folder's database as the core left it (encrypted), opened with its key from the keychain, as the core opens it. */
export async function openDeskDatabaseFile(
  dataDir: string,
  options: { readonly?: boolean; keychainService?: string } = {},
): Promise<Db> {
  const db = connect(databaseFile(dataDir), {
    key: await deskDatabaseKey(dataDir, options.keychainService),
    readonly: options.readonly,
  });
  registerRecordFunctions(db);
  return db;
}

/** Every row of every table of a data folder's database, decrypted, as text: to search for what the desk stored. */
export async function deskDatabaseText(dataDir: string, keychainService?: string): Promise<string> {
  const db = await openDeskDatabaseFile(dataDir, { readonly: true, keychainService });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all() as string[];
    return tables
      .map((table) =>
        JSON.stringify(
          db
            .prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`)
            .raw()
            .all(),
        ),
      )
      .join('\n');
  } finally {
    db.close();
  }
}
