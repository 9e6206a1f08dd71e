import type { Migration } from '../migration';

/**
 * Sending without Notify, through the organisation's own providers, and never twice:
 * - `providers`: an SMTP relay, an SMPP gateway or a Twilio-style HTTP gateway, by name; where and how to connect, but
 *   never a credential (those are in the OS keychain);
 * - `routes` (created by migration 5 for the post room's letters, and the one routes model for every channel): its
 *   rows now may also name these providers; a letter route already set (`notify` or `print`) stays as it is;
 * - `outbox_messages.provider`: the provider a message was last handed to, written before the request leaves, so a
 *   message whose outcome is unknown is known to be that provider's to answer for; `provider_message_id` is the
 *   provider's own id once it took the message; `chosen_provider` a route a person chose for sending it again;
 * - the `outcome-unknown` state: a direct provider may have taken the message, and no one can ask it; a person decides;
 * - `provider_message_parts`: each part a provider took (an SMPP gateway takes a long text in parts), by the
 *   provider's id, with the status its receipt gave, so receipts are matched to messages; a receipt that comes
 *   before its part is recorded waits in `provider_receipts_waiting`;
 * - `outcome_decisions`: who chose, when, to send a message of unknown outcome again (by which route) or to count it sent;
 * - the delivery record takes in messages a direct provider took, as it takes those Notify accepted.
 * Messages Notify took or may have taken before this version are Notify's.
 */
export const providersAndRoutes: Migration = {
  version: 9,
  description:
    'direct providers and per-channel routes; the provider of each message; messages whose outcome is unknown and what a person decided',
  up(db) {
    db.exec(`
      INSERT OR IGNORE INTO outbox_message_states (state) VALUES ('outcome-unknown');

      CREATE TABLE providers (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        kind TEXT NOT NULL CHECK (kind = 'smtp' OR kind = 'smpp' OR kind = 'http-sms'),
        -- Where and how to connect (JSON): host and port, sender, base URL, From and Reply-To. Never a credential.
        settings TEXT NOT NULL,
        -- A CA file to trust for this provider's TLS besides the system's, named on the command line only.
        ca_file TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      ALTER TABLE outbox_messages ADD COLUMN provider TEXT;
      ALTER TABLE outbox_messages ADD COLUMN provider_message_id TEXT;
      ALTER TABLE outbox_messages ADD COLUMN chosen_provider TEXT;
      UPDATE outbox_messages SET provider = 'notify' WHERE notify_id IS NOT NULL OR outcome_unknown = 1;

      CREATE TABLE provider_message_parts (
        provider TEXT NOT NULL,
        -- The provider's id for this part, lower case, without leading zeros.
        provider_id TEXT NOT NULL,
        message_id TEXT NOT NULL REFERENCES outbox_messages (id),
        part INTEGER NOT NULL,
        parts INTEGER NOT NULL,
        -- Notify's word for the status the provider last reported for this part; NULL until it reports one.
        status TEXT,
        status_detail TEXT,
        status_at TEXT,
        PRIMARY KEY (provider, provider_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX provider_message_parts_message ON provider_message_parts (message_id);

      -- Receipts that came before the part they are for was recorded (or for parts the desk does not know).
      CREATE TABLE provider_receipts_waiting (
        provider TEXT NOT NULL,
        provider_id TEXT NOT NULL,
        status TEXT NOT NULL,
        status_detail TEXT,
        received_at TEXT NOT NULL,
        PRIMARY KEY (provider, provider_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE outcome_decisions (
        id INTEGER PRIMARY KEY,
        message_id TEXT NOT NULL REFERENCES outbox_messages (id),
        decided_at TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision = 'resend' OR decision = 'mark-sent'),
        -- The provider whose answer never came.
        unknown_at TEXT,
        -- For a resend: the route chosen.
        resend_by TEXT
      ) STRICT;
      CREATE INDEX outcome_decisions_message ON outcome_decisions (message_id);
    `);
    recordMessagesDirectProvidersTook(db);
  },
};

/**
 * The delivery record (migration 7) takes in a message a direct provider took (or a person counted as taken) as it
 * takes one Notify accepted, in the same words: its trigger stays as migration 7 wrote it but for its condition.
 */
function recordMessagesDirectProvidersTook(db: Parameters<Migration['up']>[0]): void {
  const trigger = db
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'outbox_messages_to_record'`)
    .pluck()
    .get() as string;
  const notifyOnly = 'WHEN NEW.notify_id IS NOT NULL';
  if (!trigger.includes(notifyOnly))
    throw new Error('The delivery record’s trigger is not the one migration 7 created.');
  const sql = trigger.replace(
    notifyOnly,
    `WHEN NEW.notify_id IS NOT NULL OR (NEW.provider IS NOT NULL AND NEW.provider <> 'notify' AND NEW.notify_status IS NOT NULL)`,
  );
  db.exec(`DROP TRIGGER outbox_messages_to_record; ${sql};`);
}
