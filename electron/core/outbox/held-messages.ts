import type { Channel } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { CHANNELS, TEMPLATE_KIND } from '../services/pass-through-templates';

/** `held_for` of a message needing attention because the service had no pass-through template for its channel. */
export const HELD_FOR_PASS_THROUGH = 'pass-through-template';

/** The service as far as holds are concerned: null in practice mode, which has every pass-through template. */
export interface HoldingService {
  passThroughTemplates: Record<Channel, string | null>;
  templatesCheckedAt: string | null;
}

/**
 * Sends back to the queue, once each, the messages held for a pass-through template whose cause has gone: the service
 * now has that template, or its templates have not been looked up yet, so the hold was never established (earlier
 * versions held messages while a service saved offline was still unchecked). Returns the ids released.
 */
export function releaseMessagesWhoseHoldIsOver(db: Db, service: HoldingService | null): string[] {
  const unchecked = service !== null && service.templatesCheckedAt === null;
  const channels = CHANNELS.filter((channel) => service === null || unchecked || service.passThroughTemplates[channel]);
  if (channels.length === 0) return [];
  const why = (channel: Channel) =>
    unchecked
      ? 'back in the queue by itself: it waits for the service to be checked'
      : `back in the queue by itself: the service now has a pass-through ${TEMPLATE_KIND[channel]} template`;
  const select = db.prepare(
    `SELECT id, type FROM outbox_messages WHERE state = 'needs-attention' AND held_for = ? AND type IN (SELECT value FROM json_each(?))`,
  );
  const release = db.prepare(
    `UPDATE outbox_messages SET state = 'queued', held_for = NULL, last_error = NULL, next_attempt_at = NULL, updated_at = ?
     WHERE id = ? AND state = 'needs-attention'`,
  );
  const event = db.prepare(
    `INSERT INTO outbox_events (message_id, at, from_state, to_state, detail) VALUES (?, ?, 'needs-attention', 'queued', ?)`,
  );
  return db
    .transaction(() => {
      const now = new Date().toISOString();
      const rows = select.all(HELD_FOR_PASS_THROUGH, JSON.stringify(channels)) as { id: string; type: Channel }[];
      return rows
        .filter((row) => release.run(now, row.id).changes > 0)
        .map((row) => {
          event.run(row.id, now, why(row.type));
          return row.id;
        });
    })
    .immediate();
}

/** Whether any message is held for a pass-through template: then the service's templates are looked up again now and then. */
export function hasMessagesHeldForPassThrough(db: Db): boolean {
  return (
    db
      .prepare(`SELECT 1 FROM outbox_messages WHERE state = 'needs-attention' AND held_for = ? LIMIT 1`)
      .get(HELD_FOR_PASS_THROUGH) !== undefined
  );
}
