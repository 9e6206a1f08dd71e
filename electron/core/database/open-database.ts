import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
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

export function openDatabase(file: string, migrations: readonly Migration[] = allMigrations): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    db.pragma('synchronous = NORMAL');
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
