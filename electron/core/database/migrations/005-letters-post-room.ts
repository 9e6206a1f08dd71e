import type { Migration } from '../migration';

/** The hidden template every uploaded PDF letter is recorded against, as Notify records them ("Pre-compiled PDF"). */
export const PRECOMPILED_LETTER_TEMPLATE_ID = 'precompiled-letter';

/**
 * Letters printed in the post room, and PDF letters sent to Notify as they are:
 * - three outbox states for letters that take the print route (waiting to be printed, printed, posted);
 * - `routes`: per channel, the ordered providers a message may go through (`notify` is the Notify service, `print`
 *   the post room's printer); no rows for a channel means the Notify service alone;
 * - print runs (one PDF saved or one job sent to a printer), which letter went in which run, and who posted them;
 * - the uploaded PDFs of precompiled letters, kept until Notify has them.
 */
export const lettersPostRoom: Migration = {
  version: 5,
  description: 'letters printed in the post room (states, routes, print runs) and precompiled PDF letters',
  up(db) {
    db.exec(`
      INSERT INTO outbox_message_states (state) VALUES ('waiting-to-print'), ('printed'), ('posted');

      CREATE TABLE routes (
        channel TEXT NOT NULL CHECK (channel = 'sms' OR channel = 'email' OR channel = 'letter'),
        -- 1 is tried first.
        position INTEGER NOT NULL CHECK (position >= 1),
        -- 'notify' (the Notify service), 'print' (the post room) or, later, a direct provider's name.
        provider TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (channel, position),
        UNIQUE (channel, provider)
      ) STRICT;

      CREATE TABLE letter_print_runs (
        id TEXT PRIMARY KEY,
        -- The import the letters came from; NULL when the run took letters from several imports or sent one by one.
        batch_id TEXT REFERENCES batches (id),
        letter_count INTEGER NOT NULL,
        page_count INTEGER NOT NULL,
        -- 'pdf' when saved as a file, otherwise the printer's name.
        destination TEXT NOT NULL,
        printer_job TEXT,
        printed_at TEXT NOT NULL,
        printed_by TEXT NOT NULL,
        posted_at TEXT,
        posted_by TEXT
      ) STRICT;

      CREATE TABLE letter_print_items (
        message_id TEXT PRIMARY KEY REFERENCES outbox_messages (id),
        -- The latest run that printed the letter (a reprint replaces it).
        print_run_id TEXT NOT NULL REFERENCES letter_print_runs (id),
        first_page INTEGER NOT NULL,
        page_count INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX letter_print_items_run ON letter_print_items (print_run_id);

      CREATE TABLE precompiled_letters (
        message_id TEXT PRIMARY KEY REFERENCES outbox_messages (id),
        file_name TEXT NOT NULL,
        pdf BLOB NOT NULL,
        page_count INTEGER NOT NULL,
        postage TEXT NOT NULL CHECK (postage = 'first' OR postage = 'second' OR postage = 'economy')
      ) STRICT;

      INSERT INTO templates (id, type, name, source, current_version, archived_at, created_at, updated_at)
        VALUES ('${PRECOMPILED_LETTER_TEMPLATE_ID}', 'letter', 'Pre-compiled PDF', 'local', 1,
          '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z');
      INSERT INTO template_versions (template_id, version, subject, body, created_at, created_by)
        VALUES ('${PRECOMPILED_LETTER_TEMPLATE_ID}', 1, 'Pre-compiled PDF', '', '1970-01-01T00:00:00.000Z', 'notify-desk');
    `);
  },
};
