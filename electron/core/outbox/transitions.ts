import { finalMessageStates, type MessageState } from '../../../shared/contract';
import type { Db } from '../database/open-database';

/** How one send attempt (or reference look-up) ended, to be written for a message this process leased. */
export interface AttemptOutcome {
  id: string;
  to: MessageState;
  notifyId?: string | null;
  notifyStatus?: string | null;
  /** The route that took the message, or may have (set when known; kept otherwise). */
  provider?: string | null;
  /** A direct provider's own id for the message. */
  providerMessageId?: string | null;
  /** When Notify created the notification, if known (an adopted one may be much older than its recording). */
  acceptedAt?: string | null;
  /** The service that accepted it (ActiveService.id): its status is asked of that service only. */
  sentThrough?: string | null;
  /** The attempt counts towards the retry limit (not for rate limits or an unreachable service). */
  countAttempt: boolean;
  nextAttemptAt?: string | null;
  lastError?: string | null;
  /** Whether Notify may hold a notification for this message that the desk has not recorded. */
  outcomeUnknown: boolean;
  /** For `needs-attention`: a cause the desk watches, releasing the message by itself when it goes (see held-messages.ts). */
  heldFor?: string | null;
  detail: string;
}

const isFinal = (state: MessageState): boolean => finalMessageStates.includes(state);

/**
 * Writes attempt outcomes in one transaction, each with an `outbox_events` row. Only messages still leased to
 * `owner` and in `sending` change; returns the ids that did.
 */
export function finishAttempts(
  db: Db,
  owner: string,
  outcomes: readonly AttemptOutcome[],
  now: Date = new Date(),
): string[] {
  if (outcomes.length === 0) return [];
  const nowIso = now.toISOString();
  const update = db.prepare(`
    UPDATE outbox_messages SET state = @to,
      notify_id = COALESCE(@notifyId, notify_id),
      notify_status = COALESCE(@notifyStatus, notify_status),
      provider = COALESCE(@provider, provider),
      provider_message_id = COALESCE(@providerMessageId, provider_message_id),
      sent_through = COALESCE(@sentThrough, sent_through),
      attempts = attempts + @attemptDelta,
      next_attempt_at = @nextAttemptAt,
      last_error = @lastError,
      outcome_unknown = @outcomeUnknown,
      held_for = @heldFor,
      lease_owner = NULL, lease_expires_at = NULL,
      updated_at = @now,
      accepted_at = CASE WHEN @notifyId IS NOT NULL OR @providerMessageId IS NOT NULL THEN COALESCE(accepted_at, @acceptedAt, @now) ELSE accepted_at END,
      status_checked_at = CASE WHEN @notifyId IS NOT NULL OR @providerMessageId IS NOT NULL THEN @now ELSE status_checked_at END,
      completed_at = CASE WHEN @final = 1 THEN @now ELSE NULL END
    WHERE id = @id AND state = 'sending' AND lease_owner = @owner`);
  const event = db.prepare(
    `INSERT INTO outbox_events (message_id, at, from_state, to_state, detail) VALUES (?, ?, 'sending', ?, ?)`,
  );
  return db
    .transaction(() => {
      const changed: string[] = [];
      for (const outcome of outcomes) {
        const result = update.run({
          id: outcome.id,
          owner,
          to: outcome.to,
          notifyId: outcome.notifyId ?? null,
          notifyStatus: outcome.notifyStatus ?? null,
          provider: outcome.provider ?? null,
          providerMessageId: outcome.providerMessageId ?? null,
          acceptedAt: outcome.acceptedAt ?? null,
          sentThrough: outcome.sentThrough ?? null,
          attemptDelta: outcome.countAttempt ? 1 : 0,
          nextAttemptAt: outcome.nextAttemptAt ?? null,
          lastError: outcome.lastError ?? null,
          outcomeUnknown: outcome.outcomeUnknown ? 1 : 0,
          heldFor: outcome.heldFor ?? null,
          now: nowIso,
          final: isFinal(outcome.to) ? 1 : 0,
        });
        if (result.changes > 0) {
          event.run(outcome.id, nowIso, outcome.to, outcome.detail);
          changed.push(outcome.id);
        }
      }
      return changed;
    })
    .immediate();
}

/** Extends the leases of messages still in flight, so no other process takes them over. */
export function renewLeases(
  db: Db,
  owner: string,
  ids: readonly string[],
  leaseMs: number,
  now: Date = new Date(),
): void {
  if (ids.length === 0) return;
  db.prepare(
    `UPDATE outbox_messages SET lease_expires_at = ? WHERE lease_owner = ? AND state = 'sending'
       AND id IN (SELECT value FROM json_each(?))`,
  ).run(new Date(now.getTime() + leaseMs).toISOString(), owner, JSON.stringify(ids));
}

export interface StatusUpdate {
  id: string;
  notifyStatus: string;
  state: MessageState;
  /** What the event says; by default that Notify gave this status. */
  detail?: string;
}

/**
 * Records statuses read from Notify for accepted messages, and when each message was last checked.
 * Returns the ids whose state or Notify status changed.
 */
export function recordNotifyStatuses(
  db: Db,
  updates: readonly StatusUpdate[],
  checkedIds: readonly string[],
  now: Date = new Date(),
): string[] {
  const nowIso = now.toISOString();
  const update = db.prepare(`
    UPDATE outbox_messages SET state = @state, notify_status = @notifyStatus, updated_at = @now, status_checked_at = @now,
      completed_at = CASE WHEN @final = 1 THEN @now ELSE completed_at END
    WHERE id = @id AND state = 'accepted' AND (state <> @state OR notify_status IS NOT @notifyStatus)`);
  const event = db.prepare(
    `INSERT INTO outbox_events (message_id, at, from_state, to_state, detail) VALUES (?, ?, 'accepted', ?, ?)`,
  );
  const checked = db.prepare(`UPDATE outbox_messages SET status_checked_at = ? WHERE id = ? AND state = 'accepted'`);
  return db
    .transaction(() => {
      const changed: string[] = [];
      for (const item of updates) {
        const result = update.run({
          id: item.id,
          notifyStatus: item.notifyStatus,
          state: item.state,
          now: nowIso,
          final: isFinal(item.state) ? 1 : 0,
        });
        if (result.changes > 0) {
          if (item.state !== 'accepted')
            event.run(item.id, nowIso, item.state, item.detail ?? `Notify status: ${item.notifyStatus}`);
          changed.push(item.id);
        }
      }
      for (const id of checkedIds) checked.run(nowIso, id);
      return changed;
    })
    .immediate();
}

/** Why an accepted message's final status can never be known, written on the message for the person reading the outbox. */
export function retentionPassedReason(retentionDays: number): string {
  return `Notify keeps statuses for ${retentionDays} days and did not report this message’s final status in that time, so it can no longer be known.`;
}

/** Accepted messages whose final status can never be known: they stop waiting, and say why. */
export function markStatusUnknown(db: Db, ids: readonly string[], reason: string, now: Date = new Date()): string[] {
  const nowIso = now.toISOString();
  const update = db.prepare(
    `UPDATE outbox_messages SET state = 'status-unknown', last_error = ?, updated_at = ?, completed_at = ? WHERE id = ? AND state = 'accepted'`,
  );
  const event = db.prepare(
    `INSERT INTO outbox_events (message_id, at, from_state, to_state, detail) VALUES (?, ?, 'accepted', 'status-unknown', ?)`,
  );
  return db
    .transaction(() =>
      ids.filter((id) => {
        if (update.run(reason, nowIso, nowIso, id).changes === 0) return false;
        event.run(id, nowIso, reason);
        return true;
      }),
    )
    .immediate();
}
