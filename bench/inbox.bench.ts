// npm run bench inbox: the inbox on a large desk (500,000 text messages sent to 200,000 numbers, 20,000 replies from
// 5,000 of them), and what the inbox's index on the outbox's text recipients costs an import of 100,000 rows into
// such a desk, measured against the same import without that index in the same run (alternating, best of three each).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openDatabase, type Db } from '../electron/core/database/open-database';
import { writeInboxDownload } from '../electron/core/inbox/inbox-download-writer';
import { getConversation, listConversations } from '../electron/core/inbox/inbox-queries';
import { examineFile } from '../electron/core/import/examine-file';
import { queueImport } from '../electron/core/import/run-import';
import { loadTemplateForImport } from '../electron/core/import/template-for-import';
import { peakMemoryMb } from './measure';

const SENT = 500_000;
const NUMBERS = 200_000;
const REPLIES = 20_000;
const REPLYING_NUMBERS = 5_000;
const IMPORT_ROWS = 100_000;

const dir = mkdtempSync(join(tmpdir(), 'notify-desk-inbox-bench-'));
const number = (index: number): string => `4477009${String(index % 1_000_000).padStart(5, '0')}`;

function addTemplate(db: Db): void {
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO templates (id, type, name, current_version, created_at, updated_at) VALUES ('t', 'sms', 'Reminder', 1, ?, ?)`,
  ).run(now, now);
  db.prepare(
    `INSERT INTO template_versions (template_id, version, body, created_at, created_by) VALUES ('t', 1, 'Hello ((name))', ?, 'bench')`,
  ).run(now);
}

function fillDesk(db: Db): void {
  addTemplate(db);
  const sent = db.prepare(
    `INSERT INTO outbox_messages (id, reference, type, template_id, template_version, recipient, personalisation, rendered_body, state,
       send_after, created_at, created_by, updated_at)
     WITH RECURSIVE series(value) AS (SELECT 0 UNION ALL SELECT value + 1 FROM series WHERE value + 1 < @count)
     SELECT 'm' || value, 'r' || value, 'sms', 't', 1, @prefix || printf('%05d', value % @numbers), '{}', 'Hello', 'delivered',
       @now, strftime('%Y-%m-%dT%H:%M:%fZ', @now, '-' || (value % 400) || ' days'), 'user' || (value % 20), @now
     FROM series`,
  );
  db.transaction(() => sent.run({ count: SENT, numbers: NUMBERS, now: new Date().toISOString(), prefix: '4477009' }))();
  const replies = db.prepare(
    `INSERT INTO received_texts (id, notify_id, service_key, user_number, phone_key, content, received_at, fetched_at)
     WITH RECURSIVE series(value) AS (SELECT 0 UNION ALL SELECT value + 1 FROM series WHERE value + 1 < @count)
     SELECT 'x' || value, 'n' || value, 'bench', @prefix || printf('%05d', (value % @numbers) * 37), @prefix || printf('%05d', (value % @numbers) * 37),
       'Reply number ' || value, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || value || ' minutes'), 'now'
     FROM series`,
  );
  db.transaction(() => replies.run({ count: REPLIES, numbers: REPLYING_NUMBERS, prefix: '4477009' }))();
}

function millis(work: () => void, rounds: number): number[] {
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}
const p95 = (sorted: number[]): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;

async function importOnce(csv: string, withIndex: boolean, round: number): Promise<number> {
  const db = openDatabase(join(dir, `import-${withIndex ? 'with' : 'without'}-${round}.sqlite3`));
  if (!withIndex) db.exec('DROP INDEX outbox_messages_sms_recipient');
  fillDesk(db);
  const file = await examineFile(csv);
  const start = performance.now();
  const result = await queueImport(
    { db, file, template: loadTemplateForImport(db, 't') },
    { excludeInvalid: false, importedBy: 'bench', rejectedRowsFolder: dir },
  );
  const elapsed = performance.now() - start;
  if (result.queued !== IMPORT_ROWS) throw new Error(`queued ${result.queued} of ${IMPORT_ROWS}`);
  db.close();
  return elapsed;
}

try {
  const db = openDatabase(join(dir, 'desk.sqlite3'));
  const fillStart = performance.now();
  fillDesk(db);
  console.log(
    `desk: ${SENT.toLocaleString('en-GB')} texts sent, ${REPLIES.toLocaleString('en-GB')} replies, made in ${Math.round(performance.now() - fillStart)} ms`,
  );

  const page = { unreadOnly: false, limit: 50, offset: 0 };
  const firstPage = millis(() => listConversations(db, page), 20);
  const searches = ['07700 900370', 'Reply number 1999', '900 37', 'no such words'];
  const searched = millis(
    () => listConversations(db, { ...page, search: searches[Math.floor(Math.random() * searches.length)] }),
    20,
  );
  const bySender = millis(() => listConversations(db, { ...page, sentBy: 'user7' }), 20);
  const conversation = millis(() => getConversation(db, number(37 * 11)), 20);
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const downloadStart = performance.now();
  const downloaded = await writeInboxDownload(db, sink);
  const downloadMs = performance.now() - downloadStart;
  db.close();
  console.log(
    `conversations, first page: p95 ${p95(firstPage).toFixed(1)} ms; searched: p95 ${p95(searched).toFixed(1)} ms; one sender's: p95 ${p95(bySender).toFixed(1)} ms`,
  );
  console.log(
    `one conversation: p95 ${p95(conversation).toFixed(1)} ms; inbox download: ${downloaded.toLocaleString('en-GB')} rows in ${Math.round(downloadMs)} ms`,
  );

  const csv = join(dir, 'import.csv');
  const lines = ['phone number,name'];
  for (let index = 0; index < IMPORT_ROWS; index += 1)
    lines.push(`07700 9${String(index % 100_000).padStart(5, '0')},Person ${index}`);
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const withIndex: number[] = [];
  const withoutIndex: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    withoutIndex.push(await importOnce(csv, false, round));
    withIndex.push(await importOnce(csv, true, round));
  }
  const importRatio = Math.min(...withIndex) / Math.min(...withoutIndex);
  console.log(
    `import of ${IMPORT_ROWS.toLocaleString('en-GB')} rows: ${Math.round(Math.min(...withIndex))} ms with the inbox's index, ${Math.round(Math.min(...withoutIndex))} ms without (best of 3 each), ratio ${importRatio.toFixed(2)}`,
  );
  console.log(
    JSON.stringify({
      conversations_p95_ms: Number(p95(firstPage).toFixed(1)),
      search_p95_ms: Number(p95(searched).toFixed(1)),
      sender_p95_ms: Number(p95(bySender).toFixed(1)),
      conversation_p95_ms: Number(p95(conversation).toFixed(1)),
      download_rows_per_s: Math.round(downloaded / (downloadMs / 1000)),
      import_with_index_ratio: Number(importRatio.toFixed(3)),
      peak_mb: Math.round(peakMemoryMb()),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
