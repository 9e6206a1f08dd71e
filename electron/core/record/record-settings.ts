import type { Channel } from '../../../shared/contract';
import type { Db } from '../database/open-database';

/** Notify's documented daily limits for a live service; a service with other limits can set its own. */
const DEFAULT_DAILY_LIMITS: Record<Channel, number> = { sms: 250_000, email: 250_000, letter: 20_000 };

const KEYS = {
  smsFreeAllowance: 'record.sms_free_allowance',
  lastHarvestAt: 'record.last_harvest_at',
  harvestNewestAt: 'record.harvest_newest_created_at',
  dailyLimit: (channel: Channel) => `record.daily_limit.${channel}`,
} as const;

export interface RecordSettings {
  smsFreeAllowance: number;
  lastHarvestAt: string | null;
  /** Creation time of the newest notification a complete harvest saw: the next one pages back only to there. */
  harvestNewestAt: string | null;
  dailyLimits: Record<Channel, number>;
}

export function readRecordSettings(db: Db): RecordSettings {
  const rows = db.prepare(`SELECT key, value FROM settings WHERE key LIKE 'record.%'`).all() as {
    key: string;
    value: string;
  }[];
  const values = new Map(rows.map((row) => [row.key, row.value]));
  const limit = (channel: Channel) => Number(values.get(KEYS.dailyLimit(channel)) ?? DEFAULT_DAILY_LIMITS[channel]);
  return {
    smsFreeAllowance: Number(values.get(KEYS.smsFreeAllowance) ?? 0),
    lastHarvestAt: values.get(KEYS.lastHarvestAt) ?? null,
    harvestNewestAt: values.get(KEYS.harvestNewestAt) ?? null,
    dailyLimits: { sms: limit('sms'), email: limit('email'), letter: limit('letter') },
  };
}

function writeSetting(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

export function setSmsFreeAllowance(db: Db, allowance: number): void {
  writeSetting(db, KEYS.smsFreeAllowance, String(allowance));
}

export function recordHarvestCompleted(db: Db, at: string, newestCreatedAt: string | null): void {
  writeSetting(db, KEYS.lastHarvestAt, at);
  if (newestCreatedAt) writeSetting(db, KEYS.harvestNewestAt, newestCreatedAt);
}
