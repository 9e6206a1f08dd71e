import type { Channel } from '../../../shared/contract';
import { newId, nowIso } from '../clock';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import { settingsForAnotherConnection, type Db } from '../database/open-database';
import { BATCH_PRIORITY } from '../outbox/enqueue';
import { REFERENCE_PREFIX, referenceUserSuffix } from '../outbox/desk-reference';
import { InsertThread } from './insert-thread';
import { appendAuditEntry } from '../audit/audit-trail';
import type { RowMessage } from './row-checker';

export interface NewBatch {
  fileName: string;
  contentHash: string;
  templateId: string;
  templateVersion: number;
  type: Channel;
  importedBy: string;
  rowCount: number;
  /** ISO time; absent means now. */
  sendAfter?: string;
  /** The spreadsheet's headers in its order, for the batch report. */
  columns?: readonly string[];
}

/**
 * The statement for one batch, run once per chunk. The chunk is bound as one JSON array of rows, `[id, recipient,
 * personalisation, rendered body, rendered subject]`, that SQLite reads itself: `->` keeps the personalisation as
 * the JSON text JSON.stringify wrote for it, `->>` takes the other values out of their JSON strings. The reference
 * is made from the id.
 * What the messages share is written in as SQL literals, each a plain token (an id, a state, a time, a number) that
 * needs no quoting; who imported them is bound, once per chunk.
 */
function insertMessagesStatement(shared: {
  type: string;
  templateId: string;
  templateVersion: number;
  batchId: string;
  priority: number;
  state: string;
  sendAfter: string;
  createdAt: string;
}): string {
  const { type, templateId, templateVersion, batchId, priority, state, sendAfter, createdAt } = shared;
  const literals = [type, templateId, templateVersion, batchId, priority, state, sendAfter, createdAt, createdAt].map(
    plainSqlLiteral,
  );
  return `
    INSERT INTO outbox_messages (id, reference, recipient, personalisation, rendered_body, rendered_subject, row_number,
      row_cells, created_by, type, template_id, template_version, batch_id, priority, state, send_after, created_at, updated_at)
    SELECT row.value ->> 0, ${plainSqlLiteral(REFERENCE_PREFIX)} || (row.value ->> 0) || @referenceSuffix, row.value ->> 1,
      row.value -> 2, row.value ->> 3, row.value ->> 4, row.value ->> 5, row.value -> 6, @importedBy, ${literals.join(', ')}
    FROM json_each(@rows) AS row`;
}

const PLAIN_TOKEN = /^[\w:.+-]+$/;

export function plainSqlLiteral(value: string | number): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`The outbox statement takes whole numbers only, not ${value}.`);
    return String(value);
  }
  if (!PLAIN_TOKEN.test(value))
    throw new Error(`The outbox statement takes plain ids, states and times only, not ${JSON.stringify(value)}.`);
  return `'${value}'`;
}

/**
 * Writes one import's messages in chunks while its batch is `importing`, which the sender never touches; only
 * `complete` makes the batch `ready`. A crash part-way leaves an `importing` batch that cannot send and that
 * `discardInterruptedImports` clears. The rows written match `enqueueMessages`, except that the messages get no
 * `queued` event each: the batch row records who queued them and when, and later events start from there.
 * A database in a file is written from a second thread, while this one goes on reading and checking rows.
 */
export class BatchWriter {
  readonly batchId = newId();
  private readonly fixedParameters: { importedBy: string; referenceSuffix: string };
  private written = 0;
  /** Writes the messages: a second thread for a database in a file, this thread's statement for one in memory. */
  private readonly writer: { thread: InsertThread } | { statement: Statement };

  constructor(
    private readonly db: Db,
    private readonly batch: NewBatch,
  ) {
    const now = nowIso();
    const sendAfter = batch.sendAfter ?? now;
    this.fixedParameters = { importedBy: batch.importedBy, referenceSuffix: referenceUserSuffix(batch.importedBy) };
    const statement = insertMessagesStatement({
      type: batch.type,
      templateId: batch.templateId,
      templateVersion: batch.templateVersion,
      batchId: this.batchId,
      priority: BATCH_PRIORITY,
      state: sendAfter > now ? 'scheduled' : 'queued',
      sendAfter,
      createdAt: now,
    });
    db.prepare(
      `INSERT INTO batches (id, file_name, content_hash, template_id, template_version, imported_by, row_count,
         send_after, status, created_at, columns)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'importing', ?, ?)`,
    ).run(
      this.batchId,
      batch.fileName,
      batch.contentHash,
      batch.templateId,
      batch.templateVersion,
      batch.importedBy,
      batch.rowCount,
      sendAfter,
      now,
      batch.columns ? JSON.stringify(batch.columns) : null,
    );
    this.writer = db.memory
      ? { statement: db.prepare(statement) }
      : { thread: new InsertThread(settingsForAnotherConnection(db), statement, this.fixedParameters) };
  }

  /** Messages written so far; all of them once `flush` has returned. */
  get messagesWritten(): number {
    return this.written;
  }

  /** One transaction per chunk: quick enough to keep the event loop free between chunks. */
  async append(messages: readonly RowMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const rows = rowsAsJson(messages);
    const { writer } = this;
    if ('thread' in writer) {
      await writer.thread.send(rows);
      return;
    }
    this.written += this.db.transaction(() => writer.statement.run({ ...this.fixedParameters, rows }).changes)();
  }

  /** Waits until every message appended is in the database. */
  async flush(): Promise<void> {
    if ('thread' in this.writer) this.written = await this.writer.thread.finish();
  }

  /** The step that makes the batch sendable, with its final counts, recorded in the audit trail; call after `flush`. */
  complete(rejectedCount: number): void {
    this.db.transaction(() => {
      const ready = this.db
        .prepare(
          `UPDATE batches SET status = 'ready', queued_count = ?, rejected_count = ? WHERE id = ? AND status = 'importing'`,
        )
        .run(this.written, rejectedCount, this.batchId);
      if (ready.changes === 0) return;
      appendAuditEntry(this.db, this.batch.importedBy, 'batch.queued', {
        batchId: this.batchId,
        fileName: this.batch.fileName,
        templateId: this.batch.templateId,
        templateVersion: this.batch.templateVersion,
        messages: this.written,
        rejected: rejectedCount,
        sendAfter: this.batch.sendAfter ?? null,
      });
    })();
  }

  /** Takes back everything written: the batch stays, cancelled and empty, as a record of the attempt. */
  async discard(): Promise<void> {
    if ('thread' in this.writer) await this.writer.thread.stop();
    discardBatchMessages(this.db, this.batchId);
  }
}

/** The chunk as the statement reads it: each message's own values, under a new id. */
function rowsAsJson(messages: readonly RowMessage[]): string {
  return JSON.stringify(
    messages.map((message) => [
      newId(),
      message.recipient,
      message.personalisation,
      message.renderedBody,
      message.renderedSubject,
      message.rowNumber,
      message.cells,
    ]),
  );
}

export function discardBatchMessages(db: Db, batchId: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM outbox_events WHERE message_id IN (SELECT id FROM outbox_messages WHERE batch_id = ?)').run(
      batchId,
    );
    db.prepare('DELETE FROM outbox_messages WHERE batch_id = ?').run(batchId);
    db.prepare(`UPDATE batches SET status = 'cancelled', queued_count = 0 WHERE id = ?`).run(batchId);
  })();
}

/**
 * Clears batches left `importing` by a crash or power cut (older than `olderThanMs`, so an import running in
 * another process is left alone). Their messages were never sendable; they are removed.
 */
export function discardInterruptedImports(db: Db, olderThanMs = 15 * 60 * 1000): number {
  const cutoff = new Date(Date.now() - olderThanMs).toISOString();
  const stale = db.prepare(`SELECT id FROM batches WHERE status = 'importing' AND created_at < ?`).all(cutoff) as {
    id: string;
  }[];
  for (const { id } of stale) discardBatchMessages(db, id);
  return stale.length;
}

/** A batch of the same content imported today (not cancelled), for the duplicate-file warning. */
export function batchImportedToday(
  db: Db,
  contentHash: string,
  now = new Date(),
): { batchId: string; fileName: string; createdAt: string } | null {
  const startOfDay = new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
  const row = db
    .prepare(
      `SELECT id, file_name, created_at FROM batches WHERE content_hash = ? AND created_at >= ? AND status = 'ready'
       ORDER BY created_at DESC LIMIT 1`,
    )
    .get(contentHash, startOfDay) as { id: string; file_name: string; created_at: string } | undefined;
  return row ? { batchId: row.id, fileName: row.file_name, createdAt: row.created_at } : null;
}

/** Messages of this type already in the outbox for today (UTC, as Notify's daily counters reset), not cancelled. */
export function messagesQueuedToday(db: Db, type: Channel, now = new Date()): number {
  const startOfUtcDay = `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
  const row = db
    .prepare(
      `SELECT COUNT(*) AS n FROM outbox_messages WHERE type = ? AND created_at >= ? AND state NOT IN ('cancelled', 'rejected')
         AND (batch_id IS NULL OR batch_id IN (SELECT id FROM batches WHERE status = 'ready'))`,
    )
    .get(type, startOfUtcDay) as { n: number };
  return row.n;
}
