import type { Migration } from '../migration';

/**
 * Replies and hands-free batches:
 * - `received_texts`: the texts people send to the service's number, fetched from Notify once each and kept past
 *   its retention. `phone_key` is the number in the form the outbox stores text message recipients (Notify's
 *   normalised form), so a conversation joins the texts the desk sent to that number; an index on the outbox's text
 *   message recipients makes that join a look-up.
 * - `watch_folders`: folders an administrator named, each with the template, column matches, exclude-invalid
 *   policy and send time its files are imported with.
 * - `watch_folder_files`: every file taken from a watch folder, by content hash (the same content is never queued
 *   twice), with its outcome, its report and where it was moved; `importing` rows are claimed by one process.
 */
export const inboxAndWatchFolders: Migration = {
  version: 8,
  description: 'received text messages with their read state; watch folders and the files taken from them',
  up(db) {
    db.exec(`
      CREATE TABLE received_texts (
        id TEXT PRIMARY KEY,
        notify_id TEXT NOT NULL UNIQUE,
        -- The Notify service the text came to (its id), or 'practice' for practice mode's simulator.
        service_key TEXT NOT NULL,
        user_number TEXT NOT NULL,
        phone_key TEXT NOT NULL,
        notify_number TEXT,
        content TEXT NOT NULL,
        received_at TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        read_at TEXT,
        read_by TEXT
      ) STRICT;
      CREATE INDEX received_texts_received ON received_texts (received_at);
      CREATE INDEX received_texts_phone ON received_texts (phone_key, received_at);
      CREATE INDEX received_texts_unread ON received_texts (phone_key) WHERE read_at IS NULL;

      CREATE INDEX outbox_messages_sms_recipient ON outbox_messages (recipient) WHERE type = 'sms';

      CREATE TABLE watch_folders (
        id TEXT PRIMARY KEY,
        folder TEXT NOT NULL UNIQUE,
        template_id TEXT NOT NULL REFERENCES templates (id),
        sheet TEXT,
        -- JSON: spreadsheet column header -> placeholder (null: not used); NULL uses the template's saved matches.
        column_mapping TEXT,
        exclude_invalid INTEGER NOT NULL DEFAULT 0,
        -- 'HH:MM', UK time: each batch waits until the next such time. NULL sends at once.
        send_time TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE watch_folder_files (
        id TEXT PRIMARY KEY,
        watch_folder_id TEXT,
        folder TEXT NOT NULL,
        file_name TEXT NOT NULL,
        content_hash TEXT,
        state TEXT NOT NULL CHECK (state = 'importing' OR state = 'queued' OR state = 'done' OR state = 'failed'),
        batch_id TEXT,
        queued INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        reason TEXT,
        -- JSON of the report written beside the file.
        report TEXT,
        -- The file's path once moved into done/ or failed/ (chosen before it moves).
        moved_to TEXT,
        -- The process importing it (host:pid) and until when its claim holds without news from it.
        owner TEXT,
        lease_until TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX watch_folder_files_hash ON watch_folder_files (content_hash, state);
      CREATE INDEX watch_folder_files_started ON watch_folder_files (started_at);
    `);
  },
};
