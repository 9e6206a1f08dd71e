import {
  messageStates,
  type Channel,
  type MessageState,
  type OutboxCounts,
  type OutboxMessage,
} from '../../../shared/contract';
import type { Db } from '../database/open-database';

interface MessageRow {
  id: string;
  reference: string;
  type: Channel;
  template_id: string;
  template_name: string | null;
  template_version: number;
  recipient: string;
  rendered_body: string;
  rendered_subject: string | null;
  state: MessageState;
  notify_status: string | null;
  notify_id: string | null;
  batch_id: string | null;
  attempts: number;
  last_error: string | null;
  send_after: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

const SELECT_MESSAGE = `
  SELECT m.id, m.reference, m.type, m.template_id, t.name AS template_name, m.template_version, m.recipient,
    m.rendered_body, m.rendered_subject, m.state, m.notify_status, m.notify_id, m.batch_id, m.attempts,
    m.last_error, m.send_after, m.created_at, m.created_by, m.updated_at
  FROM outbox_messages m LEFT JOIN templates t ON t.id = m.template_id`;

function toOutboxMessage(row: MessageRow): OutboxMessage {
  return {
    id: row.id,
    reference: row.reference,
    type: row.type,
    templateId: row.template_id,
    templateName: row.template_name ?? '',
    templateVersion: row.template_version,
    recipient: row.recipient,
    body: row.rendered_body,
    subject: row.rendered_subject,
    state: row.state,
    notifyStatus: row.notify_status,
    notifyId: row.notify_id,
    batchId: row.batch_id,
    attempts: row.attempts,
    lastError: row.last_error,
    sendAfter: row.send_after,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

export function getMessage(db: Db, id: string): OutboxMessage | null {
  const row = db.prepare(`${SELECT_MESSAGE} WHERE m.id = ?`).get(id) as MessageRow | undefined;
  return row ? toOutboxMessage(row) : null;
}

export function getMessages(db: Db, ids: readonly string[]): OutboxMessage[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`${SELECT_MESSAGE} WHERE m.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as MessageRow[];
  return rows.map(toOutboxMessage);
}

export interface OutboxListQuery {
  states?: readonly MessageState[];
  batchId?: string;
  /** Matched against the recipient, reference, template name and Notify id. */
  search?: string;
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
    .all({ ...params, limit: query.limit, offset: query.offset }) as MessageRow[];
  const { total } = db
    .prepare(`SELECT COUNT(*) AS total FROM outbox_messages m LEFT JOIN templates t ON t.id = m.template_id ${where}`)
    .get(params) as { total: number };
  return { messages: rows.map(toOutboxMessage), total };
}

export function countMessages(db: Db, batchId?: string): OutboxCounts {
  const counts = Object.fromEntries(messageStates.map((state) => [state, 0])) as OutboxCounts;
  const rows = (
    batchId
      ? db.prepare('SELECT state, COUNT(*) AS n FROM outbox_messages WHERE batch_id = ? GROUP BY state').all(batchId)
      : db.prepare('SELECT state, COUNT(*) AS n FROM outbox_messages GROUP BY state').all()
  ) as { state: MessageState; n: number }[];
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
