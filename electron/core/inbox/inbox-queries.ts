import type {
  ConversationEntry,
  InboxConversation,
  InboxConversationDetail,
  ReceivedTextMessage,
} from '../../../shared/contract';
import { formatPhoneNumberHumanReadable } from '../../../shared/notify/phone-number';
import type { Db } from '../database/open-database';
import { UserError } from '../dispatch';
import { nowIso } from '../clock';
import {
  outboxMessageColumns,
  outboxMessageFrom,
  toOutboxMessage,
  type OutboxMessageRow,
} from '../outbox/outbox-message-row';
import { phoneKeyOf } from './phone-key';

export interface ReceivedTextRow {
  id: string;
  user_number: string;
  phone_key: string;
  content: string;
  received_at: string;
  read_at: string | null;
}

const TEXT_COLUMNS = 'r.id, r.user_number, r.phone_key, r.content, r.received_at, r.read_at';

export function toReceivedTextMessage(row: ReceivedTextRow): ReceivedTextMessage {
  return {
    id: row.id,
    userNumber: row.user_number,
    phoneNumber: formatPhoneNumberHumanReadable(row.user_number),
    phoneKey: row.phone_key,
    content: row.content,
    receivedAt: row.received_at,
    read: row.read_at !== null,
  };
}

export interface InboxFilter {
  /** A number in any format, part of one, or words of a text. */
  search?: string;
  /** Only numbers this desk user sent a text message to (a caseworker's own replies). */
  sentBy?: string;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * SQL conditions on received texts `r`, and their parameters: each text that matches the search (for the list of
 * texts), or each text of a number with any text that matches (for conversations, where the sender's filter is left
 * to `sentByCondition` on the conversation, once per number rather than once per text).
 */
function filterConditions(
  filter: InboxFilter,
  scope: 'text' | 'conversation',
): { conditions: string[]; params: Record<string, string> } {
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  const search = filter.search?.trim();
  if (search) {
    const digits = search.replace(/[\s()+-]/g, '');
    const matches = ["r.content LIKE @searchText ESCAPE '\\'", 'r.phone_key = @searchKey'];
    params.searchText = `%${escapeLike(search)}%`;
    params.searchKey = phoneKeyOf(search);
    if (/^\d{3,}$/.test(digits)) {
      // Part of a number, as typed (07700 900…) or as stored (447700900…).
      matches.push("r.phone_key LIKE @searchDigits ESCAPE '\\'", "r.user_number LIKE @searchDigits ESCAPE '\\'");
      params.searchDigits = `%${escapeLike(digits.replace(/^0/, ''))}%`;
    }
    const matching = `(${matches.join(' OR ')})`;
    conditions.push(
      scope === 'text' ? matching : `r.phone_key IN (SELECT r.phone_key FROM received_texts r WHERE ${matching})`,
    );
  }
  if (filter.sentBy) {
    params.sentBy = filter.sentBy;
    if (scope === 'text') conditions.push(sentByCondition('r.phone_key'));
  }
  return { conditions, params };
}

/** The number (in `column`) was sent a text message by the desk user @sentBy. */
const sentByCondition = (column: string): string =>
  `EXISTS (SELECT 1 FROM outbox_messages m WHERE m.type = 'sms' AND m.recipient = ${column} AND m.created_by = @sentBy)`;

const whereClause = (conditions: string[]): string =>
  conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';

/** Replies nobody has read; only those to numbers `sentBy` texted, when given. */
export function unreadCount(db: Db, sentBy?: string): number {
  if (sentBy === undefined)
    return (db.prepare('SELECT COUNT(*) AS n FROM received_texts WHERE read_at IS NULL').get() as { n: number }).n;
  return (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM received_texts r WHERE r.read_at IS NULL AND ${sentByCondition('r.phone_key')}`,
      )
      .get({ sentBy }) as { n: number }
  ).n;
}

interface ConversationRow {
  phone_key: string;
  texts: number;
  unread: number;
  last_at: string;
  last_content: string;
  user_number: string;
  sent_template: string | null;
  sent_body: string | null;
  sent_at: string | null;
  sent_by: string | null;
}

/** Conversations by number, the one with the newest reply first. */
export function listConversations(
  db: Db,
  query: InboxFilter & { unreadOnly: boolean; limit: number; offset: number },
): { conversations: InboxConversation[]; total: number } {
  const { conditions, params } = filterConditions(query, 'conversation');
  const having = [
    ...(query.unreadOnly ? ['SUM(r.read_at IS NULL) > 0'] : []),
    ...(query.sentBy ? [sentByCondition('r.phone_key')] : []),
  ];
  const grouped = `SELECT r.phone_key, COUNT(*) AS texts, SUM(r.read_at IS NULL) AS unread, MAX(r.received_at) AS last_at
    FROM received_texts r ${whereClause(conditions)} GROUP BY r.phone_key ${having.length > 0 ? `HAVING ${having.join(' AND ')}` : ''}`;
  const rows = db
    .prepare(
      `WITH conversations AS (${grouped}),
       page AS (SELECT * FROM conversations ORDER BY last_at DESC, phone_key LIMIT @limit OFFSET @offset),
       newest AS (
         SELECT p.*, (SELECT r.id FROM received_texts r WHERE r.phone_key = p.phone_key ORDER BY r.received_at DESC, r.rowid DESC LIMIT 1) AS text_id,
           (SELECT m.id FROM outbox_messages m WHERE m.type = 'sms' AND m.recipient = p.phone_key ORDER BY m.created_at DESC LIMIT 1) AS message_id
         FROM page p)
       SELECT n.phone_key, n.texts, n.unread, n.last_at, r.content AS last_content, r.user_number,
         t.name AS sent_template, m.rendered_body AS sent_body, m.created_at AS sent_at, m.created_by AS sent_by
       FROM newest n JOIN received_texts r ON r.id = n.text_id
         LEFT JOIN outbox_messages m ON m.id = n.message_id LEFT JOIN templates t ON t.id = m.template_id
       ORDER BY n.last_at DESC, n.phone_key`,
    )
    .all({ ...params, limit: query.limit, offset: query.offset }) as ConversationRow[];
  const { total } = db.prepare(`SELECT COUNT(*) AS total FROM (${grouped})`).get(params) as { total: number };
  return {
    total,
    conversations: rows.map((row) => ({
      phoneKey: row.phone_key,
      phoneNumber: formatPhoneNumberHumanReadable(row.user_number),
      texts: row.texts,
      unread: row.unread,
      lastText: { content: row.last_content, receivedAt: row.last_at },
      lastSent:
        row.sent_at === null
          ? null
          : {
              templateName: row.sent_template ?? '',
              body: row.sent_body ?? '',
              createdAt: row.sent_at,
              createdBy: row.sent_by ?? '',
            },
    })),
  };
}

/** Every reply from a number and every text message the desk sent to it, in the order they happened. */
export function getConversation(db: Db, phoneKey: string, sentBy?: string): InboxConversationDetail {
  const texts = db
    .prepare(`SELECT ${TEXT_COLUMNS} FROM received_texts r WHERE r.phone_key = ? ORDER BY r.received_at, r.rowid`)
    .all(phoneKey) as ReceivedTextRow[];
  if (texts.length === 0)
    throw new UserError('There are no replies from that number. They may have been deleted.', 'no-such-conversation');
  const sent = db
    .prepare(
      `SELECT ${outboxMessageColumns}, m.accepted_at FROM ${outboxMessageFrom}
       WHERE m.type = 'sms' AND m.recipient = ? ${sentBy ? 'AND m.created_by = ?' : ''} ORDER BY m.created_at`,
    )
    .all(...(sentBy ? [phoneKey, sentBy] : [phoneKey])) as (OutboxMessageRow & { accepted_at: string | null })[];
  if (sentBy && sent.length === 0) {
    throw new UserError(
      `${sentBy} has not sent a text message to that number, so its replies are not shown here.`,
      'not-your-conversation',
    );
  }
  const entries: ConversationEntry[] = [
    ...texts.map((row): ConversationEntry => ({
      kind: 'received',
      at: row.received_at,
      text: toReceivedTextMessage(row),
    })),
    ...sent.map((row): ConversationEntry => ({
      kind: 'sent',
      at: row.accepted_at ?? row.created_at,
      message: toOutboxMessage(row),
    })),
  ];
  // Stable: a reply and a send at the same moment keep the send first.
  entries.sort((a, b) =>
    a.at === b.at ? (a.kind === 'sent' ? -1 : 1) - (b.kind === 'sent' ? -1 : 1) : a.at < b.at ? -1 : 1,
  );
  const newest = texts.at(-1) as ReceivedTextRow;
  return {
    phoneKey,
    phoneNumber: formatPhoneNumberHumanReadable(newest.user_number),
    entries,
    unread: texts.filter((row) => row.read_at === null).length,
  };
}

/** Marks every reply from the number read; returns the replies still unread anywhere. */
export function markConversationRead(db: Db, phoneKey: string, user: string): number {
  db.prepare('UPDATE received_texts SET read_at = ?, read_by = ? WHERE phone_key = ? AND read_at IS NULL').run(
    nowIso(),
    user,
    phoneKey,
  );
  return unreadCount(db);
}

/** Received texts one by one, newest first; `before` is the id of the last text of the previous page. */
export function listReceivedTexts(
  db: Db,
  query: InboxFilter & { limit: number; before?: string },
): ReceivedTextMessage[] {
  return receivedTextRows(db, query).map(toReceivedTextMessage);
}

/** The rows behind `listReceivedTexts`, as stored. */
export function receivedTextRows(db: Db, query: InboxFilter & { limit: number; before?: string }): ReceivedTextRow[] {
  const { conditions, params } = filterConditions(query, 'text');
  const pageParams: Record<string, string | number> = { ...params, limit: query.limit };
  if (query.before) {
    const anchor = db
      .prepare('SELECT received_at, rowid AS position FROM received_texts WHERE id = ?')
      .get(query.before) as { received_at: string; position: number } | undefined;
    if (!anchor) return [];
    conditions.push('(r.received_at < @beforeAt OR (r.received_at = @beforeAt AND r.rowid < @beforePosition))');
    pageParams.beforeAt = anchor.received_at;
    pageParams.beforePosition = anchor.position;
  }
  return db
    .prepare(
      `SELECT ${TEXT_COLUMNS} FROM received_texts r ${whereClause(conditions)} ORDER BY r.received_at DESC, r.rowid DESC LIMIT @limit`,
    )
    .all(pageParams) as ReceivedTextRow[];
}
