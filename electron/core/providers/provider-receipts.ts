import type { Db } from '../database/open-database';
import { stateForNotifyStatus } from '../outbox/notify-status';
import { recordNotifyStatuses, type StatusUpdate } from '../outbox/transitions';
import { combinedPartStatus } from './provider-statuses';
import { normaliseProviderId, providerIdForms } from './smpp/delivery-receipt';

/** A status a provider reported for one part it took, by its own id. */
export interface PartStatus {
  providerId: string;
  /** Notify's word for it. */
  notifyStatus: string;
  /** The provider's own words, kept with the part and in the message's history. */
  detail: string;
}

/** Receipts nobody claims are kept this long, in case their part is recorded late. */
const WAITING_RECEIPT_DAYS = 3;

/**
 * A part a provider took for a message, by its id, written as soon as the provider answers (before the message's own
 * outcome is written with others'). A receipt that came even sooner, and waited, is applied to it now.
 */
export function recordProviderPart(
  db: Db,
  provider: string,
  messageId: string,
  providerId: string,
  part: number,
  parts: number,
): void {
  const id = normaliseProviderId(providerId);
  db.transaction(() => {
    db.prepare(
      `INSERT OR REPLACE INTO provider_message_parts (provider, provider_id, message_id, part, parts) VALUES (?, ?, ?, ?, ?)`,
    ).run(provider, id, messageId, part, parts);
    const waiting = db
      .prepare(
        `SELECT provider_id, status, status_detail, received_at FROM provider_receipts_waiting WHERE provider = ? AND provider_id IN (SELECT value FROM json_each(?))`,
      )
      .get(provider, JSON.stringify(providerIdForms(id))) as
      { provider_id: string; status: string; status_detail: string | null; received_at: string } | undefined;
    if (!waiting) return;
    db.prepare(
      'UPDATE provider_message_parts SET status = ?, status_detail = ?, status_at = ? WHERE provider = ? AND provider_id = ?',
    ).run(waiting.status, waiting.status_detail, waiting.received_at, provider, id);
    db.prepare('DELETE FROM provider_receipts_waiting WHERE provider = ? AND provider_id = ?').run(
      provider,
      waiting.provider_id,
    );
  })();
}

/**
 * Records statuses a provider reported; returns the messages whose status changed. A status for a part not recorded
 * (yet) waits for it; the ids of those are returned as `waiting`.
 */
export function recordPartStatuses(
  db: Db,
  provider: string,
  statuses: readonly PartStatus[],
  now: Date = new Date(),
): { changedIds: string[]; waiting: string[] } {
  const find = db.prepare(
    'SELECT provider_id, message_id FROM provider_message_parts WHERE provider = ? AND provider_id = ?',
  );
  const update = db.prepare(
    'UPDATE provider_message_parts SET status = ?, status_detail = ?, status_at = ? WHERE provider = ? AND provider_id = ?',
  );
  const wait = db.prepare(
    'INSERT OR REPLACE INTO provider_receipts_waiting (provider, provider_id, status, status_detail, received_at) VALUES (?, ?, ?, ?, ?)',
  );
  const messageIds = new Set<string>();
  const waiting: string[] = [];
  const at = now.toISOString();
  db.transaction(() => {
    db.prepare('DELETE FROM provider_receipts_waiting WHERE received_at < ?').run(
      new Date(now.getTime() - WAITING_RECEIPT_DAYS * 86_400_000).toISOString(),
    );
    for (const status of statuses) {
      const part = providerIdForms(status.providerId)
        .map((form) => find.get(provider, form) as { provider_id: string; message_id: string } | undefined)
        .find((row) => row !== undefined);
      if (!part) {
        wait.run(provider, normaliseProviderId(status.providerId), status.notifyStatus, status.detail, at);
        waiting.push(status.providerId);
        continue;
      }
      update.run(status.notifyStatus, status.detail, at, provider, part.provider_id);
      messageIds.add(part.message_id);
    }
  }).immediate();
  return { changedIds: applyPartStatuses(db, [...messageIds], now), waiting };
}

interface PartRow {
  message_id: string;
  provider: string;
  status: string | null;
  status_detail: string | null;
  notify_status: string | null;
}

/** Gives messages their parts' status (the first failure, or delivered once every part is); returns the ids that changed. */
export function applyPartStatuses(db: Db, messageIds: readonly string[], now: Date = new Date()): string[] {
  if (messageIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT p.message_id, p.provider, p.status, p.status_detail, m.notify_status FROM provider_message_parts p
       CROSS JOIN outbox_messages m ON m.id = p.message_id
       WHERE p.message_id IN (SELECT value FROM json_each(?)) AND m.state = 'accepted' AND m.provider = p.provider
       ORDER BY p.message_id, p.part`,
    )
    .all(JSON.stringify(messageIds)) as PartRow[];
  const byMessage = new Map<string, PartRow[]>();
  for (const row of rows) byMessage.set(row.message_id, [...(byMessage.get(row.message_id) ?? []), row]);
  const updates: StatusUpdate[] = [];
  for (const [id, parts] of byMessage) {
    const status = combinedPartStatus(parts.map((part) => part.status));
    const first = parts[0] as PartRow;
    if (status === first.notify_status) continue;
    const words = parts.find((part) => part.status === status)?.status_detail;
    updates.push({
      id,
      notifyStatus: status,
      state: stateForNotifyStatus(status),
      detail: `${first.provider}: ${status}${words ? ` (${words})` : ''}`,
    });
  }
  return recordNotifyStatuses(db, updates, [], now);
}
