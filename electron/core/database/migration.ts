import type Database from 'better-sqlite3';

export interface Migration {
  /** Becomes `PRAGMA user_version` once applied; migrations run in ascending order, each in its own transaction. */
  version: number;
  description: string;
  up(db: Database.Database): void;
}
