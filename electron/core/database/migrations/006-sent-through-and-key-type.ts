import type { Migration } from '../migration';

/**
 * - `outbox_messages.sent_through`: the service that accepted the message (a configured service's id, or one run of
 *   practice mode), so its status is asked of that service only, and a message accepted by a practice run that has
 *   since stopped is known to have a status that can never be fetched. NULL for messages accepted before this.
 * - `services.key_type`: what kind of API key the service was connected with, as the person connecting it said
 *   (Notify's keys do not say): a test key sends nothing for real, and the desk says so wherever it says practice mode.
 */
export const sentThroughAndKeyType: Migration = {
  version: 6,
  description: 'the service that accepted each message; the type of the service’s API key',
  up(db) {
    db.exec(`
      ALTER TABLE outbox_messages ADD COLUMN sent_through TEXT;
      ALTER TABLE services ADD COLUMN key_type TEXT NOT NULL DEFAULT 'live' CHECK (key_type IN ('live', 'team', 'test'));
    `);
  },
};
