import type { Migration } from '../migration';

/**
 * Retention: a message's personal data (recipient, personalisation, content, its spreadsheet row) is erased once the
 * personal-data period has passed, keeping what the record and the dashboard count.
 * - `personal_data_erased_at` on the outbox and the record: when that was done (NULL: still held).
 * - One index each over the messages still holding personal data, by creation time, so that each day's purge reads
 *   only what it may erase, never the whole history erased before.
 */
export const retention: Migration = {
  version: 11,
  description: 'when each message’s personal data was erased under the retention period',
  up(db) {
    db.exec(`
      ALTER TABLE outbox_messages ADD COLUMN personal_data_erased_at TEXT;
      ALTER TABLE record_messages ADD COLUMN personal_data_erased_at TEXT;
      CREATE INDEX outbox_messages_personal_data ON outbox_messages (created_at) WHERE personal_data_erased_at IS NULL;
      CREATE INDEX record_messages_personal_data ON record_messages (created_at) WHERE personal_data_erased_at IS NULL;
    `);
  },
};
