import type { Migration } from '../migration';

/**
 * The supervisors' delivery record: every notification of the service the desk has seen, kept past Notify's
 * retention, with a timeline of its statuses and daily totals for the dashboard.
 *
 * - A message this desk sent enters the record from the outbox by trigger, as soon as Notify has its id, and follows
 *   every later change of its outbox state in the same transaction. Its content stays in the outbox (joined by id).
 * - A message sent elsewhere (another desk, the API, Notify's web interface) enters from the harvest of Notify's list.
 * - The record's own triggers keep `record_events` (the timeline), `record_daily_totals` (by London date, type,
 *   status and postage) and `record_template_totals` in the same transaction as each status change, so the dashboard
 *   reads totals only.
 * The triggers call two functions the core registers on every connection it opens (`open-database.ts`): the London
 * date of an instant, and a recipient in the form Notify compares (for searching in any format).
 * A later migration that rebuilds outbox_messages must create `outbox_messages_to_record` again.
 */
export const deliveryRecord: Migration = {
  version: 7,
  description:
    'the delivery record of every notification of the service, its timeline and daily totals; spreadsheet rows kept with imported messages',
  up(db) {
    db.exec(`
      -- The spreadsheet row an imported message came from (the header is row 1) and the row's own cells (JSON array);
      -- the batch's headers, in the file's order (JSON array). Notify's batch report repeats them.
      ALTER TABLE outbox_messages ADD COLUMN row_number INTEGER;
      ALTER TABLE outbox_messages ADD COLUMN row_cells TEXT;
      ALTER TABLE batches ADD COLUMN columns TEXT;

      CREATE TABLE record_messages (
        -- The outbox message's id for the desk's own; a new id for one sent elsewhere.
        id TEXT PRIMARY KEY,
        notify_id TEXT,
        origin TEXT NOT NULL CHECK (origin = 'desk' OR origin = 'other-desk' OR origin = 'elsewhere'),
        type TEXT NOT NULL CHECK (type = 'sms' OR type = 'email' OR type = 'letter'),
        -- Notify's status as last seen, or 'status-unknown' once Notify stopped listing it without a final one.
        status TEXT NOT NULL,
        recipient TEXT NOT NULL,
        -- The recipient as Notify compares them (normalised phone number, lower-case email address), for search.
        recipient_key TEXT NOT NULL,
        reference TEXT,
        template_id TEXT,
        template_name TEXT,
        template_version INTEGER,
        batch_id TEXT,
        row_number INTEGER,
        sent_by TEXT,
        -- Content of messages sent elsewhere; the desk's own keep theirs in the outbox.
        subject TEXT,
        body TEXT,
        billable_units INTEGER,
        postage TEXT,
        cost_in_pounds REAL,
        created_at TEXT NOT NULL,
        status_at TEXT NOT NULL,
        completed_at TEXT,
        -- The London date of created_at, the day Notify counts it on.
        day TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX record_messages_notify_id ON record_messages (notify_id) WHERE notify_id IS NOT NULL;
      CREATE INDEX record_messages_created ON record_messages (created_at, id);
      CREATE INDEX record_messages_recipient ON record_messages (recipient_key, created_at, status);
      CREATE INDEX record_messages_reference ON record_messages (reference, created_at) WHERE reference IS NOT NULL;
      CREATE INDEX record_messages_status ON record_messages (status, created_at);
      CREATE INDEX record_messages_batch ON record_messages (batch_id, row_number) WHERE batch_id IS NOT NULL;
      CREATE INDEX record_messages_sent_by ON record_messages (sent_by, created_at, status);
      CREATE INDEX record_messages_template ON record_messages (template_name, created_at);

      CREATE TABLE record_events (
        id INTEGER PRIMARY KEY,
        message_id TEXT NOT NULL,
        at TEXT NOT NULL,
        status TEXT NOT NULL
      ) STRICT;
      CREATE INDEX record_events_message ON record_events (message_id);

      -- The dashboard's figures: messages and billable units by London day, type, status and postage.
      CREATE TABLE record_daily_totals (
        day TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL,
        postage TEXT NOT NULL,
        messages INTEGER NOT NULL,
        billable_units INTEGER NOT NULL,
        PRIMARY KEY (day, type, status, postage)
      ) STRICT, WITHOUT ROWID;
      -- Template usage, kept apart so the figures above stay a few rows a day whatever the number of templates.
      CREATE TABLE record_template_totals (
        day TEXT NOT NULL,
        type TEXT NOT NULL,
        template_name TEXT NOT NULL,
        status TEXT NOT NULL,
        messages INTEGER NOT NULL,
        PRIMARY KEY (day, type, template_name, status)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER record_messages_counted AFTER INSERT ON record_messages
      BEGIN
        INSERT INTO record_daily_totals (day, type, status, postage, messages, billable_units)
          VALUES (NEW.day, NEW.type, NEW.status, COALESCE(NEW.postage, ''), 1, COALESCE(NEW.billable_units, 0))
          ON CONFLICT DO UPDATE SET messages = messages + 1, billable_units = billable_units + excluded.billable_units;
        INSERT INTO record_template_totals (day, type, template_name, status, messages)
          VALUES (NEW.day, NEW.type, COALESCE(NEW.template_name, ''), NEW.status, 1)
          ON CONFLICT DO UPDATE SET messages = messages + 1;
        INSERT INTO record_events (message_id, at, status) VALUES (NEW.id, NEW.status_at, NEW.status);
      END;

      CREATE TRIGGER record_messages_recounted AFTER UPDATE OF status, billable_units, postage ON record_messages
        WHEN OLD.status IS NOT NEW.status OR OLD.billable_units IS NOT NEW.billable_units OR OLD.postage IS NOT NEW.postage
      BEGIN
        UPDATE record_daily_totals SET messages = messages - 1, billable_units = billable_units - COALESCE(OLD.billable_units, 0)
          WHERE day = OLD.day AND type = OLD.type AND status = OLD.status AND postage = COALESCE(OLD.postage, '');
        INSERT INTO record_daily_totals (day, type, status, postage, messages, billable_units)
          VALUES (NEW.day, NEW.type, NEW.status, COALESCE(NEW.postage, ''), 1, COALESCE(NEW.billable_units, 0))
          ON CONFLICT DO UPDATE SET messages = messages + 1, billable_units = billable_units + excluded.billable_units;
      END;

      CREATE TRIGGER record_messages_template_recounted AFTER UPDATE OF status ON record_messages
        WHEN OLD.status IS NOT NEW.status
      BEGIN
        UPDATE record_template_totals SET messages = messages - 1
          WHERE day = OLD.day AND type = OLD.type AND template_name = COALESCE(OLD.template_name, '') AND status = OLD.status;
        INSERT INTO record_template_totals (day, type, template_name, status, messages)
          VALUES (NEW.day, NEW.type, COALESCE(NEW.template_name, ''), NEW.status, 1)
          ON CONFLICT DO UPDATE SET messages = messages + 1;
      END;

      CREATE TRIGGER record_messages_timeline AFTER UPDATE OF status ON record_messages
        WHEN OLD.status IS NOT NEW.status
      BEGIN
        INSERT INTO record_events (message_id, at, status) VALUES (NEW.id, NEW.status_at, NEW.status);
      END;

      CREATE TRIGGER outbox_messages_to_record AFTER UPDATE OF state, notify_status, notify_id ON outbox_messages
        WHEN NEW.notify_id IS NOT NULL
      BEGIN
        INSERT INTO record_messages (id, notify_id, origin, type, status, recipient, recipient_key, reference, template_id,
            template_name, template_version, batch_id, row_number, sent_by, created_at, status_at, completed_at, day)
          SELECT NEW.id, NEW.notify_id, 'desk', NEW.type,
            CASE
              WHEN NEW.state = 'status-unknown' THEN 'status-unknown'
              WHEN NEW.notify_status IS NOT NULL THEN NEW.notify_status
              WHEN NEW.state = 'accepted' THEN CASE NEW.type WHEN 'letter' THEN 'accepted' ELSE 'created' END
              ELSE NEW.state
            END,
            NEW.recipient, notify_desk_recipient_key(NEW.type, NEW.recipient), NEW.reference, NEW.template_id, t.name,
            NEW.template_version, NEW.batch_id, NEW.row_number, NEW.created_by,
            COALESCE(NEW.accepted_at, NEW.updated_at), NEW.updated_at, NEW.completed_at,
            notify_desk_london_date(COALESCE(NEW.accepted_at, NEW.updated_at))
          FROM templates t WHERE t.id = NEW.template_id
          ON CONFLICT (id) DO UPDATE SET status = excluded.status, notify_id = excluded.notify_id,
            status_at = excluded.status_at, completed_at = excluded.completed_at
          WHERE record_messages.status IS NOT excluded.status OR record_messages.notify_id IS NOT excluded.notify_id;
      END;

      -- Messages Notify accepted before this version enter the record through the trigger.
      UPDATE outbox_messages SET notify_status = notify_status WHERE notify_id IS NOT NULL;
    `);
  },
};
