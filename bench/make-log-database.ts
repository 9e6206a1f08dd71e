// Makes the delivery-record bench database: LOG_BENCH_MESSAGES (default 1,000,000) messages over 400 days, written
// through the record's own tables and triggers (daily totals and timeline included), as harvests and sends would.
// Usage: node --import tsx bench/make-log-database.ts FILE
import { existsSync, renameSync, rmSync } from 'node:fs';
import { openDatabase, type DatabaseKey } from '../electron/core/database/open-database';
import { recipientSearchKey } from '../electron/core/database/record-functions';
import { londonDate } from '../shared/notify/london-time';

export const LOG_BENCH_MESSAGES = Number(process.env.LOG_BENCH_MESSAGES ?? 1_000_000);
export const LOG_BENCH_DAYS = 400;
/** Fixed, so the same database is made every time. */
export const LOG_BENCH_NOW = Date.parse('2026-11-30T15:00:00.000Z');

const TEMPLATES = Array.from({ length: 24 }, (_, index) => `Template ${String.fromCharCode(65 + index)} reminder`);
const SENDERS = Array.from({ length: 16 }, (_, index) => `user${index + 1}`);
const BATCHES = 300;

/** A small deterministic generator (mulberry32), so every run makes the same data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function statusFor(type: string, ageDays: number, roll: number): string {
  if (ageDays < 0.02 && roll < 0.5) return type === 'letter' ? 'accepted' : 'sending';
  if (roll < 0.015) return 'permanent-failure';
  if (roll < 0.025) return type === 'letter' ? 'returned-letter' : 'temporary-failure';
  if (roll < 0.03) return 'technical-failure';
  if (type === 'letter') return 'received';
  return roll < 0.035 && type === 'sms' ? 'sent' : 'delivered';
}

/** `messages`: how many (LOG_BENCH_MESSAGES by default); `key`: encrypted under it, as the desk's own database is. */
export function makeLogDatabase(file: string, options: { messages?: number; key?: DatabaseKey } = {}): void {
  const messages = options.messages ?? LOG_BENCH_MESSAGES;
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const db = openDatabase(partial, undefined, { key: options.key ?? null });
  const next = random(12);
  const now = new Date(LOG_BENCH_NOW).toISOString();
  db.prepare(
    `INSERT INTO templates (id, type, name, current_version, created_at, updated_at) VALUES ('t', 'sms', 'Bench', 1, ?, ?)`,
  ).run(now, now);
  db.prepare(
    `INSERT INTO template_versions (template_id, version, body, created_at, created_by) VALUES ('t', 1, 'x', ?, 'bench')`,
  ).run(now);
  const insertBatch = db.prepare(
    `INSERT INTO batches (id, file_name, content_hash, template_id, template_version, imported_by, row_count, queued_count, send_after, status, created_at, columns)
     VALUES (?, ?, ?, 't', 1, ?, 0, 0, ?, 'ready', ?, '["phone number","name"]')`,
  );
  for (let index = 0; index < BATCHES; index += 1) {
    const at = new Date(LOG_BENCH_NOW - (index / BATCHES) * LOG_BENCH_DAYS * 86_400_000).toISOString();
    insertBatch.run(
      `batch-${index}`,
      `reminders-${String(index).padStart(3, '0')}.csv`,
      `hash-${index}`,
      SENDERS[index % SENDERS.length],
      at,
      at,
    );
  }

  const insert = db.prepare(
    `INSERT INTO record_messages (id, notify_id, origin, type, status, recipient, recipient_key, reference, template_id,
       template_name, template_version, batch_id, row_number, sent_by, subject, body, billable_units, postage, cost_in_pounds,
       created_at, status_at, completed_at, day)
     VALUES (@id, @notifyId, @origin, @type, @status, @recipient, @recipientKey, @reference, 'tpl', @templateName, 1, @batchId,
       @rowNumber, @sentBy, @subject, @body, @units, @postage, @cost, @createdAt, @statusAt, @completedAt, @day)`,
  );
  const createdEvent = db.prepare(`INSERT INTO record_events (message_id, at, status) VALUES (?, ?, ?)`);
  const keys = new Map<string, string>();
  const keyOf = (type: string, recipient: string): string => {
    const cacheKey = `${type}:${recipient}`;
    let key = keys.get(cacheKey);
    if (key === undefined) {
      key = recipientSearchKey(type, recipient);
      keys.set(cacheKey, key);
    }
    return key;
  };
  const span = LOG_BENCH_DAYS * 86_400_000;
  const chunk = 20_000;
  // Oldest first, as they would have arrived; times spread evenly with a little jitter.
  for (let start = 0; start < messages; start += chunk) {
    db.transaction(() => {
      for (let index = start; index < Math.min(start + chunk, messages); index += 1) {
        const roll = next();
        const type = roll < 0.7 ? 'sms' : roll < 0.95 ? 'email' : 'letter';
        const createdMs = LOG_BENCH_NOW - span + (index / messages) * span + Math.floor(next() * 60_000);
        const createdAt = new Date(Math.min(createdMs, LOG_BENCH_NOW - 1000)).toISOString();
        const ageDays = (LOG_BENCH_NOW - createdMs) / 86_400_000;
        const status = statusFor(type, ageDays, next());
        const person = Math.floor(next() * 50_000);
        const recipient =
          type === 'sms'
            ? `07700 9${String(person % 100_000).padStart(5, '0')}`
            : type === 'email'
              ? `person.${person}@example.com`
              : `Person ${person}\n${person % 300} High Street\nAnytown\nAN1 1AA`;
        const inBatch = next() < 0.4;
        const origin = inBatch ? 'other-desk' : next() < 0.5 ? 'other-desk' : 'elsewhere';
        const statusAt = new Date(Date.parse(createdAt) + 30_000).toISOString();
        const final = !['sending', 'accepted'].includes(status);
        const id = `m${String(index).padStart(8, '0')}`;
        insert.run({
          id,
          notifyId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
          origin,
          type,
          status,
          recipient,
          recipientKey: keyOf(type, recipient),
          reference: origin === 'other-desk' ? `notify-desk-${id}` : next() < 0.3 ? `CASE-${person}` : null,
          templateName: TEMPLATES[Math.floor(next() * TEMPLATES.length)],
          batchId: inBatch ? `batch-${Math.floor(((messages - index) / messages) * (BATCHES - 1))}` : null,
          rowNumber: inBatch ? (index % 5_000) + 2 : null,
          sentBy: origin === 'elsewhere' && next() < 0.5 ? null : SENDERS[person % SENDERS.length],
          subject: type === 'sms' ? null : 'Your appointment',
          body: `Hello Person ${person}, this is a reminder of your appointment on ${1 + (index % 28)} March at 10am.`,
          units: type === 'email' ? 0 : type === 'sms' ? 1 + (index % 2) : 2,
          postage: type === 'letter' ? 'second' : null,
          cost: type === 'email' ? 0 : 0.0227,
          createdAt,
          statusAt,
          completedAt: final ? statusAt : null,
          day: londonDate(createdAt),
        });
        if (final) createdEvent.run(id, createdAt, type === 'letter' ? 'accepted' : 'created');
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(partial, file);
}

if (process.argv[1]?.endsWith('make-log-database.ts')) {
  const file = process.argv[2];
  if (!file) throw new Error('Usage: make-log-database.ts FILE');
  if (!existsSync(file)) makeLogDatabase(file);
}
