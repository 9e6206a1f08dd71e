import type { PurgeSummary, RetentionPeriods, RetentionSettings } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { policyFileSchema, type PolicyFile } from '../policy/policy-schema';

const KEYS = {
  personalDataDays: 'retention.personal_data_days',
  recordDays: 'retention.record_days',
  lastPurge: 'retention.last_purge',
  recordsDeletedBefore: 'retention.records_deleted_before',
} as const;

/** The periods the policy file's schema gives when it says nothing: the desk's own defaults, read in one place. */
export const defaultRetention: RetentionPeriods = policyFileSchema.shape.retention.unwrap().parse({});

function readSetting(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

function writeSetting(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

const storedDays = (db: Db, key: string, fallback: number): number => {
  const days = Number(readSetting(db, key));
  return Number.isInteger(days) && days >= 1 ? days : fallback;
};

/**
 * The periods in force: the policy file's when it sets them (IT's word wins), otherwise what an administrator set at
 * the desk, otherwise the defaults.
 */
export function retentionPeriods(db: Db, policy: PolicyFile | null): RetentionPeriods & { fixedByPolicy: boolean } {
  if (policy?.retention) return { ...policy.retention, fixedByPolicy: true };
  return {
    personalDataDays: storedDays(db, KEYS.personalDataDays, defaultRetention.personalDataDays),
    recordDays: storedDays(db, KEYS.recordDays, defaultRetention.recordDays),
    fixedByPolicy: false,
  };
}

export function saveRetentionPeriods(db: Db, periods: RetentionPeriods): void {
  db.transaction(() => {
    writeSetting(db, KEYS.personalDataDays, String(periods.personalDataDays));
    writeSetting(db, KEYS.recordDays, String(periods.recordDays));
  })();
}

export function retentionSettings(db: Db, policy: PolicyFile | null): RetentionSettings {
  return { ...retentionPeriods(db, policy), defaults: defaultRetention, lastPurge: lastPurge(db) };
}

export function lastPurge(db: Db): PurgeSummary | null {
  const stored = readSetting(db, KEYS.lastPurge);
  return stored ? (JSON.parse(stored) as PurgeSummary) : null;
}

export function recordPurge(db: Db, summary: PurgeSummary): void {
  db.transaction(() => {
    writeSetting(db, KEYS.lastPurge, JSON.stringify(summary));
    const before = recordsDeletedBefore(db);
    if (before === null || summary.records.before > before)
      writeSetting(db, KEYS.recordsDeletedBefore, summary.records.before);
  })();
}

/**
 * The desk has deleted every finished record created before this: Notify may still list such a message (a service
 * can keep its data longer than the desk's period), and the harvest must not take it back in.
 */
export function recordsDeletedBefore(db: Db): string | null {
  return readSetting(db, KEYS.recordsDeletedBefore);
}
