import type Database from 'better-sqlite3-multiple-ciphers';

export interface Migration {
  /** Becomes `PRAGMA user_version` once applied; migrations run in ascending order, each in its own transaction. */
  version: number;
  description: string;
  up(db: Database.Database): void;
  /**
   * Set when `up` rebuilds a table that others reference: foreign keys are then off while it runs (SQLite's
   * procedure for changing a table's constraints), and every reference is checked before it commits.
   */
  rebuildsReferencedTables?: true;
}
