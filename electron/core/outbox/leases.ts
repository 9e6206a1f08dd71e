import { channelSchema, type Channel, type MessageState } from '../../../shared/contract';
import { NOTIFY_PROVIDER } from '../routing/channel-routes';
import type { Db } from '../database/open-database';
import { IS_INTERNATIONAL_SMS_RECIPIENT, registerInternationalRecipientFunction } from './international-recipients';
import { isSendingPaused } from './sending-controls';

/** A message this process has leased to send: everything needed to build the Notify request. */
export interface ClaimedMessage {
  id: string;
  reference: string;
  type: Channel;
  recipient: string;
  personalisation: string;
  renderedBody: string;
  renderedSubject: string | null;
  attempts: number;
  sendAfter: string;
  templateSource: 'local' | 'notify';
  notifyTemplateId: string | null;
  /** An earlier attempt may have reached Notify: look the reference up before sending. */
  lookUpFirst: boolean;
  /** `outcome_unknown` before this claim, restored if the message is handed back unsent. */
  previousOutcomeUnknown: boolean;
  /** The route that claimed it. */
  route: string;
  /** It must go by that route and no other: a person chose it, or that route may already have it. */
  pinned: boolean;
  /** A letter uploaded as a PDF, sent to Notify as it is. */
  precompiled: { pdf: Uint8Array; postage: 'first' | 'second' | 'economy' } | null;
}

interface ClaimRow {
  id: string;
  reference: string;
  type: Channel;
  recipient: string;
  personalisation: string;
  rendered_body: string;
  rendered_subject: string | null;
  attempts: number;
  send_after: string;
  state: MessageState;
  outcome_unknown: number;
  provider: string | null;
  pinned_to: string | null;
  source: 'local' | 'notify';
  notify_template_id: string | null;
  precompiled_pdf: Uint8Array | null;
  precompiled_postage: 'first' | 'second' | 'economy' | null;
}

/** The route a message must go by: one a person chose, or the one that may already have it. */
const PINNED_TO = `COALESCE(m.chosen_provider, CASE WHEN m.outcome_unknown = 1 THEN m.provider END)`;

const CLAIM_COLUMNS = `m.id, m.reference, m.type, m.recipient, m.personalisation, m.rendered_body, m.rendered_subject,
  m.attempts, m.send_after, m.state, m.outcome_unknown, m.provider, ${PINNED_TO} AS pinned_to, t.source, t.notify_template_id,
  p.pdf AS precompiled_pdf, p.postage AS precompiled_postage`;
const CLAIM_FROM = `outbox_messages m JOIN templates t ON t.id = m.template_id LEFT JOIN precompiled_letters p ON p.message_id = m.id`;

/** Messages pinned to the claiming route, and the others of the channels it is first for now. */
const FOR_ROUTE = `(CASE WHEN ${PINNED_TO} IS NULL THEN m.type IN (SELECT value FROM json_each(@channels)) ELSE ${PINNED_TO} = @route END)`;

const SENDABLE_BATCH = `(m.batch_id IS NULL OR EXISTS (
  SELECT 1 FROM batches b WHERE b.id = m.batch_id AND b.status = 'ready' AND b.paused = 0))`;

export interface ClaimOptions {
  owner: string;
  limit: number;
  leaseMs: number;
  /** Channels not to send on now (held after a daily limit); `international_sms` holds only texts to numbers outside the UK. */
  heldChannels?: readonly string[];
  now?: Date;
  /** The route claiming (the Notify service by default): it gets the messages pinned to it… */
  route?: string;
  /** …and the others of these channels (every channel by default), for which it is the first route that can send now. */
  channels?: readonly Channel[];
}

/**
 * Leases up to `limit` due messages to `owner` in one transaction, marking them `sending` with the outcome unknown
 * before any request leaves: a crash from here on is resolved by a reference look-up. Highest priority first; messages
 * whose earlier lease expired (their sender died) come before fresh ones, but never this owner's own: a lease of ours
 * can only expire while its request is still pending (a stalled process), and that request's answer will be recorded.
 * Nothing is leased while sending is paused.
 */
export function claimDueMessages(db: Db, options: ClaimOptions): ClaimedMessage[] {
  if (options.limit <= 0) return [];
  const now = options.now ?? new Date();
  const nowIso = now.toISOString();
  const leaseUntil = new Date(now.getTime() + options.leaseMs).toISOString();
  const held = JSON.stringify(options.heldChannels ?? []);
  const holdsInternational = options.heldChannels?.includes('international_sms') ?? false;
  if (holdsInternational) registerInternationalRecipientFunction(db);
  const notHeld = `m.type NOT IN (SELECT value FROM json_each(@held))${
    holdsInternational ? ` AND NOT (m.type = 'sms' AND ${IS_INTERNATIONAL_SMS_RECIPIENT}(m.recipient))` : ''
  }`;
  const route = options.route ?? NOTIFY_PROVIDER;
  const channels = JSON.stringify(options.channels ?? channelSchema.options);
  return db
    .transaction(() => {
      if (isSendingPaused(db)) return [];
      settleAbandonedDirectSends(db, options.owner, now);
      const abandoned = db
        .prepare(
          `SELECT ${CLAIM_COLUMNS} FROM ${CLAIM_FROM}
         WHERE m.state = 'sending' AND m.lease_expires_at <= @now AND m.lease_owner IS NOT @owner AND ${SENDABLE_BATCH}
           AND ${notHeld} AND ${FOR_ROUTE}
         ORDER BY m.priority DESC, m.send_after LIMIT @limit`,
        )
        .all({ now: nowIso, held, owner: options.owner, limit: options.limit, route, channels }) as ClaimRow[];
      const fresh = db
        .prepare(
          `SELECT ${CLAIM_COLUMNS} FROM ${CLAIM_FROM}
         WHERE m.state = 'queued' AND m.send_after <= @now
           AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= @now) AND ${SENDABLE_BATCH}
           AND ${notHeld} AND ${FOR_ROUTE}
         ORDER BY m.priority DESC, m.send_after LIMIT @limit`,
        )
        .all({ now: nowIso, held, limit: options.limit - abandoned.length, route, channels }) as ClaimRow[];
      // Until the request leaves (markSubmitted), a message taken afresh is no provider's.
      const lease = db.prepare(
        `UPDATE outbox_messages SET state = 'sending', provider = CASE WHEN outcome_unknown = 1 THEN provider END, outcome_unknown = 1,
         lease_owner = ?, lease_expires_at = ?, updated_at = ?
       WHERE id = ?`,
      );
      const event = db.prepare(
        'INSERT INTO outbox_events (message_id, at, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?)',
      );
      const rows = [...abandoned, ...fresh];
      const claimed = rows.map((row): ClaimedMessage => ({
        id: row.id,
        reference: row.reference,
        type: row.type,
        recipient: row.recipient,
        personalisation: row.personalisation,
        renderedBody: row.rendered_body,
        renderedSubject: row.rendered_subject,
        attempts: row.attempts,
        sendAfter: row.send_after,
        templateSource: row.source,
        notifyTemplateId: row.notify_template_id,
        lookUpFirst:
          route === NOTIFY_PROVIDER &&
          row.outcome_unknown === 1 &&
          (row.provider === null || row.provider === NOTIFY_PROVIDER),
        previousOutcomeUnknown: row.outcome_unknown === 1,
        route,
        pinned: row.pinned_to !== null,
        precompiled:
          row.precompiled_pdf !== null && row.precompiled_postage !== null
            ? { pdf: row.precompiled_pdf, postage: row.precompiled_postage }
            : null,
      }));
      claimed.forEach((message, index) => {
        const row = rows[index] as ClaimRow;
        lease.run(options.owner, leaseUntil, nowIso, row.id);
        const by = route === NOTIFY_PROVIDER ? '' : ` by ${route}`;
        const detail =
          row.state !== 'sending'
            ? `attempt ${row.attempts + 1}${by} (${options.owner})`
            : message.lookUpFirst
              ? `an earlier send was interrupted; checking Notify for it before sending again (${options.owner})`
              : `an earlier send was interrupted before anything was sent; sending${by} (${options.owner})`;
        event.run(row.id, nowIso, row.state, 'sending', detail);
      });
      return claimed;
    })
    .immediate();
}

/**
 * Messages a direct provider may have taken when the process sending them stopped (their lease ran out): no provider
 * can be asked, so they wait for a person, never sent again by themselves.
 */
function settleAbandonedDirectSends(db: Db, owner: string, now: Date): void {
  const nowIso = now.toISOString();
  const rows = db
    .prepare(
      `SELECT id, provider FROM outbox_messages WHERE state = 'sending' AND lease_expires_at <= ? AND lease_owner IS NOT ?
         AND outcome_unknown = 1 AND provider IS NOT NULL AND provider <> ?`,
    )
    .all(nowIso, owner, NOTIFY_PROVIDER) as { id: string; provider: string }[];
  if (rows.length === 0) return;
  const settle = db.prepare(
    `UPDATE outbox_messages SET state = 'outcome-unknown', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?, last_error = ?
     WHERE id = ? AND state = 'sending'`,
  );
  const event = db.prepare(
    `INSERT INTO outbox_events (message_id, at, from_state, to_state, detail) VALUES (?, ?, 'sending', 'outcome-unknown', ?)`,
  );
  for (const row of rows) {
    const why = `notify-desk stopped while handing this message to ${row.provider}, so whether ${row.provider} took it is unknown.`;
    settle.run(nowIso, why, row.id);
    event.run(row.id, nowIso, why);
  }
}

/** Scheduled messages whose time has come become queued. Returns their ids. */
export function promoteDueScheduled(db: Db, now: Date = new Date()): string[] {
  const nowIso = now.toISOString();
  return db
    .transaction(() => {
      const ids = (
        db.prepare(`SELECT id FROM outbox_messages WHERE state = 'scheduled' AND send_after <= ?`).all(nowIso) as {
          id: string;
        }[]
      ).map((row) => row.id);
      const update = db.prepare(
        `UPDATE outbox_messages SET state = 'queued', updated_at = ? WHERE id = ? AND state = 'scheduled'`,
      );
      const event = db.prepare(
        `INSERT INTO outbox_events (message_id, at, from_state, to_state, detail) VALUES (?, ?, 'scheduled', 'queued', 'its send time came')`,
      );
      for (const id of ids) {
        update.run(nowIso, id);
        event.run(id, nowIso);
      }
      return ids;
    })
    .immediate();
}

/** When the next message becomes due (a scheduled time or a retry), so the engine can sleep until then. */
export function nextDueAt(db: Db): string | null {
  const row = db
    .prepare(
      `SELECT MIN(at) AS at FROM (
         SELECT MIN(send_after) AS at FROM outbox_messages WHERE state = 'scheduled'
         UNION ALL SELECT MIN(next_attempt_at) FROM outbox_messages WHERE state = 'queued' AND next_attempt_at IS NOT NULL
         UNION ALL SELECT MIN(lease_expires_at) FROM outbox_messages WHERE state = 'sending')`,
    )
    .get() as { at: string | null };
  return row.at;
}
