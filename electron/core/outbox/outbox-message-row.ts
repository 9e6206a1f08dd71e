import type { Channel, MessageState, OutboxMessage } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { UserError } from '../dispatch';

/** An outbox row joined with its template's name, as the UI shows it. */
export interface OutboxMessageRow {
  id: string;
  reference: string;
  type: Channel;
  template_id: string;
  template_name: string;
  template_version: number;
  recipient: string;
  rendered_body: string;
  rendered_subject: string | null;
  state: MessageState;
  notify_status: string | null;
  notify_id: string | null;
  provider: string | null;
  provider_message_id: string | null;
  batch_id: string | null;
  attempts: number;
  last_error: string | null;
  send_after: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export const outboxMessageColumns = `m.id, m.reference, m.type, m.template_id, t.name AS template_name, m.template_version,
  m.recipient, m.rendered_body, m.rendered_subject, m.state, m.notify_status, m.notify_id, m.provider, m.provider_message_id, m.batch_id, m.attempts,
  m.last_error, m.send_after, m.created_at, m.created_by, m.updated_at`;

export const outboxMessageFrom = 'outbox_messages m JOIN templates t ON t.id = m.template_id';

export function toOutboxMessage(row: OutboxMessageRow): OutboxMessage {
  return {
    id: row.id,
    reference: row.reference,
    type: row.type,
    templateId: row.template_id,
    templateName: row.template_name,
    templateVersion: row.template_version,
    recipient: row.recipient,
    body: row.rendered_body,
    subject: row.rendered_subject,
    state: row.state,
    notifyStatus: row.notify_status,
    notifyId: row.notify_id,
    provider: row.provider,
    providerMessageId: row.provider_message_id ?? row.notify_id,
    batchId: row.batch_id,
    attempts: row.attempts,
    lastError: row.last_error,
    sendAfter: row.send_after,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

export function getOutboxMessage(db: Db, id: string): OutboxMessage {
  const row = db.prepare(`SELECT ${outboxMessageColumns} FROM ${outboxMessageFrom} WHERE m.id = ?`).get(id) as
    OutboxMessageRow | undefined;
  if (!row) throw new UserError('That message is not in the outbox.');
  return toOutboxMessage(row);
}
