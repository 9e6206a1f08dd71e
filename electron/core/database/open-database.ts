import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Migration } from './migration';
import { migrations as allMigrations } from './migrations';
import { registerRecordFunctions } from './record-functions';

export type Db = Database.Database;

export class DatabaseTooNewError extends Error {
  constructor(found: number, supported: number) {
    super(
      `This data folder was last used by a newer version of notify-desk (database version ${found}; this app knows up to ${supported}). Install the newer version, or choose another data folder.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** A database's 256-bit key, as 64 hexadecimal digits (SQLite3 Multiple Ciphers takes it raw, with no key derivation). */
export type DatabaseKey = string & { readonly __databaseKey: unique symbol };

const KEY_FORM = /^[0-9a-f]{64}$/;

export function asDatabaseKey(text: string): DatabaseKey | null {
  return KEY_FORM.test(text) ? (text as DatabaseKey) : null;
}

export interface OpenDatabaseOptions {
  /** The key the file is encrypted with (ChaCha20-Poly1305, SQLite3 Multiple Ciphers' default); null: a plain file. */
  key?: DatabaseKey | null;
  readonly?: boolean;
}

/**
 * What every connection to the desk's database runs first, in order: the key before any other statement; temporary
 * tables and sorts in memory, since SQLite3 Multiple Ciphers does not encrypt temporary files; the old copy of a row
 * that changes zeroed in its page (at no extra I/O), so that content a purge erases leaves no earlier copy behind;
 * then waiting for another process's lock, rather than failing at once.
 */
function connectionPragmas(key: DatabaseKey | null | undefined): string[] {
  return [
    ...(key ? [`key = 'raw:${key}'`] : []),
    'temp_store = MEMORY',
    'secure_delete = FAST',
    'busy_timeout = 10000',
    'foreign_keys = ON',
    'synchronous = NORMAL',
  ];
}

/** Where a second connection to the same database (the import's thread) opens, and the pragmas it runs first. */
export interface ConnectionSettings {
  file: string;
  pragmas: readonly string[];
}

const pragmasOf = new WeakMap<Db, readonly string[]>();

export function settingsForAnotherConnection(db: Db): ConnectionSettings {
  return { file: db.name, pragmas: pragmasOf.get(db) ?? connectionPragmas(null) };
}

/** Opens a connection and applies the pragmas; a wrong key is found by the first read (SQLITE_NOTADB). */
export function connect(file: string, options: OpenDatabaseOptions = {}): Db {
  const db = new Database(file, { readonly: options.readonly === true });
  try {
    const pragmas = connectionPragmas(options.key);
    for (const pragma of pragmas) db.pragma(pragma);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    pragmasOf.set(db, pragmas);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function openDatabase(
  file: string,
  migrations: readonly Migration[] = allMigrations,
  options: OpenDatabaseOptions = {},
): Db {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true });
    // Readable by its owner only; SQLite gives its -wal and -shm files the same permissions.
    closeSync(openSync(file, 'a', 0o600));
  }
  const db = connect(file, options);
  try {
    // Pages freed by a purge can be given back to the file system a few at a time (`incremental_vacuum`); takes effect
    // on a new file, or on an older one at its next VACUUM.
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    registerRecordFunctions(db);
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db, migrations: readonly Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    if (migration.rebuildsReferencedTables) db.pragma('foreign_keys = OFF');
    try {
      // IMMEDIATE: two processes opening the same folder at once must not both migrate.
      db.transaction(() => {
        if (schemaVersion(db) >= migration.version) return;
        migration.up(db);
        if (migration.rebuildsReferencedTables) assertReferencesIntact(db, migration);
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } finally {
      if (migration.rebuildsReferencedTables) db.pragma('foreign_keys = ON');
    }
  }
}

function assertReferencesIntact(db: Db, migration: Migration): void {
  const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  if (broken.length > 0) {
    const first = broken[0];
    throw new Error(
      `Could not update the database to version ${migration.version}: rows in ${first?.table} (${broken.length}) would lose the ${first?.parent} they refer to. Nothing was changed.`,
    );
  }
}
