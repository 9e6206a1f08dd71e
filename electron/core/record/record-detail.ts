import type { MessageState, RecordMessage, RecordTimelineEntry } from '../../../shared/contract';
import { screenStatus } from '../../../shared/notify/notification-status';
import type { Db } from '../database/open-database';
import { UserError } from '../dispatch';
import { describeState } from '../outbox/notify-status';
import { recordFrom, recordSummaryColumns, toSummary, type RecordRow } from './record-search';

interface DetailRow extends RecordRow {
  template_id: string | null;
  template_version: number | null;
  subject: string | null;
  body: string | null;
  billable_units: number | null;
  postage: string | null;
  cost_in_pounds: number | null;
  completed_at: string | null;
}

/** Outbox states before Notify had the message: the part of its story the record's own timeline does not hold. */
const BEFORE_NOTIFY: readonly MessageState[] = ['scheduled', 'queued', 'sending', 'needs-attention', 'rejected'];

/** Everything the record holds about one message, with the timeline of every state change. */
export function getRecordMessage(db: Db, id: string): RecordMessage {
  const row = db
    .prepare(
      `SELECT ${recordSummaryColumns}, r.template_id, r.template_version, r.billable_units, r.postage, r.cost_in_pounds,
         r.completed_at, COALESCE(r.subject, o.rendered_subject) AS subject, COALESCE(r.body, o.rendered_body) AS body
       FROM ${recordFrom} LEFT JOIN outbox_messages o ON o.id = r.id AND r.origin = 'desk'
       WHERE r.id = @id OR r.notify_id = @id`,
    )
    .get({ id }) as DetailRow | undefined;
  if (!row) throw new UserError('That message is not in the delivery record.');

  const timeline: (RecordTimelineEntry & { order: number })[] = [];
  const outboxEvents = db
    .prepare('SELECT id, at, to_state, detail FROM outbox_events WHERE message_id = ? ORDER BY id')
    .all(row.id) as { id: number; at: string; to_state: MessageState; detail: string | null }[];
  for (const event of outboxEvents) {
    if (!BEFORE_NOTIFY.includes(event.to_state)) continue;
    const words = describeState(event.to_state, row.type);
    timeline.push({ at: event.at, text: event.detail ? `${words} (${event.detail})` : words, order: 0 });
  }
  const recordEvents = db
    .prepare('SELECT at, status FROM record_events WHERE message_id = ? ORDER BY id')
    .all(row.id) as {
    at: string;
    status: string;
  }[];
  for (const event of recordEvents)
    timeline.push({ at: event.at, text: screenStatus(row.type, event.status), order: 1 });
  timeline.sort((a, b) => (a.at === b.at ? a.order - b.order : a.at < b.at ? -1 : 1));

  return {
    ...toSummary(row),
    templateId: row.template_id,
    templateVersion: row.template_version,
    subject: row.subject,
    body: row.body,
    billableUnits: row.billable_units,
    postage: row.postage,
    costInPounds: row.cost_in_pounds,
    completedAt: row.completed_at,
    timeline: timeline.map(({ at, text }) => ({ at, text })),
  };
}
