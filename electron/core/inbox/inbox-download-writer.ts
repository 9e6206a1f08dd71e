import { stringify } from 'csv-stringify';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { INBOX_DOWNLOAD_COLUMNS, inboxDownloadRows } from '../../../shared/notify/inbox-download';
import type { Db } from '../database/open-database';
import { UserError } from '../dispatch';
import { receivedTextRows, type InboxFilter } from './inbox-queries';

/** Texts read from SQLite at a time: the connection is never held while the file is written. */
const PAGE_SIZE = 1_000;

/**
 * Notify's inbox download, newest first, written to `out` through csv-stringify: a byte-order mark so that Excel
 * reads accents and emoji, and lines ending CRLF as Notify's (Python's) CSV writer ends them. Returns the rows written.
 */
export async function writeInboxDownload(db: Db, out: Writable, filter: InboxFilter = {}): Promise<number> {
  const csv = stringify({ header: true, columns: [...INBOX_DOWNLOAD_COLUMNS], bom: true, record_delimiter: 'windows' });
  const row = inboxDownloadRows();
  let rows = 0;
  const producing = (async () => {
    let before: string | undefined;
    for (;;) {
      const page = receivedTextRows(db, { ...filter, limit: PAGE_SIZE, before });
      for (const text of page) {
        if (csv.destroyed) return;
        const cells = row({ userNumber: text.user_number, content: text.content, receivedAt: text.received_at });
        if (!csv.write(cells)) await new Promise((resolve) => csv.once('drain', resolve).once('close', resolve));
      }
      rows += page.length;
      if (page.length < PAGE_SIZE) break;
      before = page.at(-1)?.id;
    }
    csv.end();
  })();
  await Promise.all([producing, pipeline(csv, out)]);
  return rows;
}

/** The download written to a file: to a temporary name beside it, renamed once complete, so no half file is left. */
export async function writeInboxDownloadFile(db: Db, path: string, filter: InboxFilter = {}): Promise<number> {
  const partial = `${path}.${randomUUID().slice(0, 8)}.partial`;
  try {
    const rows = await writeInboxDownload(db, createWriteStream(partial), filter);
    await rename(partial, path);
    return rows;
  } catch (error) {
    await rm(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EISDIR' || code === 'EROFS') {
      throw new UserError(
        `The received text messages could not be saved as ${path}: choose a folder you can save files in.`,
        'cannot-write',
      );
    }
    throw error;
  }
}
