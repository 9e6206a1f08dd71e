import type { Migration } from '../migration';

export const initialSchema: Migration = {
  version: 1,
  description: 'services, templates with versions, import batches, the outbox and its event log, settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE services (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('notify', 'practice')),
        base_url TEXT NOT NULL,
        notify_service_id TEXT NOT NULL,
        key_status TEXT NOT NULL DEFAULT 'unchecked' CHECK (key_status IN ('ok', 'unchecked', 'rejected')),
        key_status_message TEXT,
        sms_template_id TEXT,
        email_template_id TEXT,
        letter_template_id TEXT,
        pass_through_named_by_user INTEGER NOT NULL DEFAULT 0,
        rate_limit_per_minute INTEGER NOT NULL DEFAULT 3000,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE templates (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('sms', 'email', 'letter')),
        name TEXT NOT NULL,
        folder TEXT,
        source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'notify')),
        notify_template_id TEXT UNIQUE,
        current_version INTEGER NOT NULL,
        archived_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE template_versions (
        template_id TEXT NOT NULL REFERENCES templates (id),
        version INTEGER NOT NULL,
        subject TEXT,
        body TEXT NOT NULL,
        letter_contact_block TEXT,
        postage TEXT CHECK (postage IN ('first', 'second', 'economy')),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        PRIMARY KEY (template_id, version)
      ) STRICT;

      -- A spreadsheet import. Its messages can be sent only once status is 'ready' (the whole batch is queued).
      CREATE TABLE batches (
        id TEXT PRIMARY KEY,
        file_name TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        template_id TEXT NOT NULL,
        template_version INTEGER NOT NULL,
        imported_by TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        queued_count INTEGER NOT NULL DEFAULT 0,
        rejected_count INTEGER NOT NULL DEFAULT 0,
        send_after TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('importing', 'ready', 'cancelled')),
        paused INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        FOREIGN KEY (template_id, template_version) REFERENCES template_versions (template_id, version)
      ) STRICT;
      CREATE INDEX batches_content_hash ON batches (content_hash, created_at);

      CREATE TABLE outbox_messages (
        id TEXT PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL CHECK (type IN ('sms', 'email', 'letter')),
        template_id TEXT NOT NULL,
        template_version INTEGER NOT NULL,
        batch_id TEXT REFERENCES batches (id),
        recipient TEXT NOT NULL,
        -- The user's values for the template's placeholders (JSON object of strings).
        personalisation TEXT NOT NULL,
        rendered_body TEXT NOT NULL,
        rendered_subject TEXT,
        priority INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL CHECK (state IN ('scheduled', 'queued', 'sending', 'accepted', 'delivered',
          'permanent-failure', 'temporary-failure', 'technical-failure', 'cancelled', 'rejected',
          'needs-attention', 'status-unknown')),
        notify_status TEXT,
        notify_id TEXT UNIQUE,
        send_after TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        -- 1 when an attempt may have reached Notify without us learning the outcome: look the reference up before resending.
        outcome_unknown INTEGER NOT NULL DEFAULT 0,
        lease_owner TEXT,
        lease_expires_at TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        accepted_at TEXT,
        completed_at TEXT,
        status_checked_at TEXT,
        FOREIGN KEY (template_id, template_version) REFERENCES template_versions (template_id, version)
      ) STRICT;

      CREATE INDEX outbox_messages_due ON outbox_messages (state, priority DESC, send_after);
      CREATE INDEX outbox_messages_batch ON outbox_messages (batch_id, state);
      CREATE INDEX outbox_messages_created ON outbox_messages (created_at);

      CREATE TABLE outbox_events (
        id INTEGER PRIMARY KEY,
        message_id TEXT NOT NULL REFERENCES outbox_messages (id),
        at TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE INDEX outbox_events_message ON outbox_events (message_id);
    `);
  },
};
