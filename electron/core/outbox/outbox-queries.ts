import { messageStates, type MessageState, type OutboxCounts, type OutboxMessage } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { outboxMessageColumns, outboxMessageFrom, toOutboxMessage, type OutboxMessageRow } from './outbox-message-row';

const SELECT_MESSAGE = `SELECT ${outboxMessageColumns} FROM ${outboxMessageFrom}`;

export function getMessages(db: Db, ids: readonly string[]): OutboxMessage[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`${SELECT_MESSAGE} WHERE m.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as OutboxMessageRow[];
  return rows.map(toOutboxMessage);
}

export interface OutboxListQuery {
  states?: readonly MessageState[];
  batchId?: string;
  /** Matched against the recipient, reference, template name and Notify id. */
  search?: string;
  /** Only the messages this desk user queued. */
  createdBy?: string;
  limit: number;
  offset: number;
}

export function listMessages(db: Db, query: OutboxListQuery): { messages: OutboxMessage[]; total: number } {
  const conditions: string[] = [];
  const params: Record<string, string | number> = {};
  if (query.states && query.states.length > 0) {
    conditions.push('m.state IN (SELECT value FROM json_each(@states))');
    params.states = JSON.stringify(query.states);
  }
  if (query.batchId) {
    conditions.push('m.batch_id = @batchId');
    params.batchId = query.batchId;
  }
  if (query.createdBy !== undefined) {
    conditions.push('m.created_by = @createdBy');
    params.createdBy = query.createdBy;
  }
  const search = query.search?.trim();
  if (search) {
    conditions.push(`(m.recipient LIKE @search ESCAPE '\\' OR m.reference LIKE @search ESCAPE '\\'
      OR t.name LIKE @search ESCAPE '\\' OR m.notify_id = @exact)`);
    params.search = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.exact = search;
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const rows = db
    .prepare(`${SELECT_MESSAGE} ${where} ORDER BY m.created_at DESC, m.rowid DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: query.limit, offset: query.offset }) as OutboxMessageRow[];
  const { total } = db.prepare(`SELECT COUNT(*) AS total FROM ${outboxMessageFrom} ${where}`).get(params) as {
    total: number;
  };
  return { messages: rows.map(toOutboxMessage), total };
}

/** Messages by state: of one batch, and of one desk user's when `createdBy` is given. */
export function countMessages(db: Db, batchId?: string, createdBy?: string): OutboxCounts {
  const counts = Object.fromEntries(messageStates.map((state) => [state, 0])) as OutboxCounts;
  // Only the conditions asked for, so that a batch's counts are read through the batch index.
  const conditions = [
    ...(batchId ? ['batch_id = @batchId'] : []),
    ...(createdBy !== undefined ? ['created_by = @createdBy'] : []),
  ];
  const rows = db
    .prepare(
      `SELECT state, COUNT(*) AS n FROM outbox_messages ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''} GROUP BY state`,
    )
    .all({ ...(batchId ? { batchId } : {}), ...(createdBy !== undefined ? { createdBy } : {}) }) as {
    state: MessageState;
    n: number;
  }[];
  for (const row of rows) counts[row.state] = row.n;
  return counts;
}

/** Messages not yet handed to Notify: what "offline, N waiting" counts. */
export function countWaiting(db: Db): number {
  const row = db
    .prepare(`SELECT COUNT(*) AS n FROM outbox_messages WHERE state IN ('queued', 'sending', 'scheduled')`)
    .get() as { n: number };
  return row.n;
}

/** Messages a service accepted whose final status it has not reported yet. */
export function countAcceptedThrough(db: Db, serviceId: string): number {
  const row = db
    .prepare(`SELECT COUNT(*) AS n FROM outbox_messages WHERE state = 'accepted' AND sent_through = ?`)
    .get(serviceId) as { n: number };
  return row.n;
}

/** Messages waiting for a time chosen to send at: how many, and the first and last of those times. */
export function scheduledMessages(db: Db): { count: number; firstAt: string | null; lastAt: string | null } {
  return db
    .prepare(
      `SELECT COUNT(*) AS count, MIN(send_after) AS firstAt, MAX(send_after) AS lastAt FROM outbox_messages WHERE state = 'scheduled'`,
    )
    .get() as { count: number; firstAt: string | null; lastAt: string | null };
}
