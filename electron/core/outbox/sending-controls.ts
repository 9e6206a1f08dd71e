import { heldChannels, type ChannelHoldStatus, type HeldChannel } from '../../../shared/contract';
import type { Db } from '../database/open-database';

const PAUSED_SETTING = 'outbox.paused';
const HOLD_SETTING_PREFIX = 'outbox.hold.';

/** Pauses or resumes sending: one batch, or (with no batch) everything. Returns false when the batch does not exist. */
export function setSendingPaused(db: Db, paused: boolean, batchId?: string): boolean {
  if (batchId) {
    return db.prepare('UPDATE batches SET paused = ? WHERE id = ?').run(paused ? 1 : 0, batchId).changes > 0;
  }
  if (paused) {
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(PAUSED_SETTING, '1');
  } else {
    db.prepare('DELETE FROM settings WHERE key = ?').run(PAUSED_SETTING);
  }
  return true;
}

export function isSendingPaused(db: Db): boolean {
  return db.prepare('SELECT 1 FROM settings WHERE key = ?').get(PAUSED_SETTING) !== undefined;
}

export interface ChannelHold {
  channel: HeldChannel;
  /** ISO time when sending on this channel may start again (midnight UTC after a daily limit). */
  until: string;
  reason: string;
}

const UNTIL_RESET = 'until Notify’s daily limit resets at midnight UTC.';
const HOLD_DESCRIPTIONS: Record<HeldChannel, string> = {
  sms: `Text messages wait ${UNTIL_RESET}`,
  email: `Emails wait ${UNTIL_RESET}`,
  letter: `Letters wait ${UNTIL_RESET}`,
  international_sms: `Text messages to numbers outside the UK wait ${UNTIL_RESET} Texts to UK numbers are still sent.`,
};

/** A hold as the sync status shows it, with what it means in words. */
export function describeHold(hold: ChannelHold): ChannelHoldStatus {
  return { ...hold, description: HOLD_DESCRIPTIONS[hold.channel] };
}

/** Holds a channel (after Notify's daily limit) so every process on this data folder stops sending on it. */
export function holdChannel(db: Db, hold: ChannelHold): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(HOLD_SETTING_PREFIX + hold.channel, JSON.stringify({ until: hold.until, reason: hold.reason }));
}

/** Channel holds still in force at `now`; expired ones are removed. */
export function activeChannelHolds(db: Db, now: string): ChannelHold[] {
  const rows = db.prepare(`SELECT key, value FROM settings WHERE key LIKE 'outbox.hold.%'`).all() as {
    key: string;
    value: string;
  }[];
  const holds: ChannelHold[] = [];
  for (const row of rows) {
    const channel = heldChannels.find((known) => HOLD_SETTING_PREFIX + known === row.key);
    let parsed: { until?: unknown; reason?: unknown } = {};
    try {
      parsed = JSON.parse(row.value) as typeof parsed;
    } catch {
      // An unreadable hold is dropped below.
    }
    if (channel && typeof parsed.until === 'string' && parsed.until > now) {
      holds.push({ channel, until: parsed.until, reason: typeof parsed.reason === 'string' ? parsed.reason : '' });
    } else {
      db.prepare('DELETE FROM settings WHERE key = ?').run(row.key);
    }
  }
  return holds;
}

/** When Notify's daily counters reset: the next midnight UTC. */
export function nextMidnightUtc(now: Date = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString();
}
