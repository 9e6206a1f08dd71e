import type { Channel } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { newId, nowIso } from '../clock';
import { newReference } from './desk-reference';
import type { StoredPersonalisation } from './stored-personalisation';

export const ONE_OFF_PRIORITY = 10;
export const BATCH_PRIORITY = 0;

export interface NewOutboxMessage {
  type: Channel;
  templateId: string;
  templateVersion: number;
  recipient: string;
  personalisation: StoredPersonalisation;
  renderedBody: string;
  renderedSubject: string | null;
  priority: number;
  /** ISO time; later than now means the message waits as `scheduled`. */
  sendAfter?: string;
  batchId?: string | null;
  createdBy: string;
}

export { REFERENCE_PREFIX, newReference } from './desk-reference';

/** Writes the messages in one transaction: all are queued, or none. Returns their ids in order. */
export function enqueueMessages(db: Db, messages: readonly NewOutboxMessage[]): string[] {
  const insertMessage = db.prepare(`
    INSERT INTO outbox_messages (id, reference, type, template_id, template_version, batch_id, recipient,
      personalisation, rendered_body, rendered_subject, priority, state, send_after, created_at, created_by, updated_at)
    VALUES (@id, @reference, @type, @templateId, @templateVersion, @batchId, @recipient,
      @personalisation, @renderedBody, @renderedSubject, @priority, @state, @sendAfter, @now, @createdBy, @now)`);
  const insertEvent = db.prepare(
    `INSERT INTO outbox_events (message_id, at, from_state, to_state, detail) VALUES (?, ?, NULL, ?, ?)`,
  );
  return db.transaction(() => {
    const now = nowIso();
    return messages.map((message) => {
      const id = newId();
      const sendAfter = message.sendAfter ?? now;
      const state = sendAfter > now ? 'scheduled' : 'queued';
      insertMessage.run({
        id,
        reference: newReference(id, message.createdBy),
        type: message.type,
        templateId: message.templateId,
        templateVersion: message.templateVersion,
        batchId: message.batchId ?? null,
        recipient: message.recipient,
        personalisation: JSON.stringify(message.personalisation),
        renderedBody: message.renderedBody,
        renderedSubject: message.renderedSubject,
        priority: message.priority,
        state,
        sendAfter,
        now,
        createdBy: message.createdBy,
      });
      insertEvent.run(id, now, state, `queued by ${message.createdBy}`);
      return id;
    });
  })();
}
