import { providerChannels, type Channel, type ProviderKind } from '../../../shared/contract';
import { nowIso } from '../clock';
import type { Db } from '../database/open-database';
import { UserError } from '../dispatch';
import { NOTIFY_PROVIDER } from '../routing/channel-routes';

interface UnknownRow {
  type: Channel;
  state: string;
  provider: string | null;
  created_by: string;
}

const MESSAGE_NAMES: Record<Channel, string> = { sms: 'a text message', email: 'an email', letter: 'a letter' };

/** The routes a message of this channel can be sent by: the Notify service and the direct providers for the channel, by name. */
export function routesForChannel(db: Db, channel: Channel): string[] {
  const providers = db.prepare('SELECT name, kind FROM providers ORDER BY name').all() as {
    name: string;
    kind: ProviderKind;
  }[];
  return [
    NOTIFY_PROVIDER,
    ...providers.filter((provider) => providerChannels[provider.kind] === channel).map((provider) => provider.name),
  ];
}

/**
 * A message whose outcome is unknown, that this person may decide about: they queued it, or they may change anyone's
 * messages (a supervisor's 'manage-any-batch').
 */
function unknownMessage(db: Db, id: string, user: string, forAnyone: boolean): UnknownRow {
  const row = db.prepare('SELECT type, state, provider, created_by FROM outbox_messages WHERE id = ?').get(id) as
    UnknownRow | undefined;
  if (!row) throw new UserError('That message is not in the outbox.');
  if (row.state !== 'outcome-unknown')
    throw new UserError('Only a message whose outcome is unknown can be sent again or marked as sent this way.');
  if (row.created_by !== user && !forAnyone)
    throw new UserError(
      `Only ${row.created_by}, who queued this message, or a supervisor can decide whether to send it again.`,
    );
  return row;
}

function decide(
  db: Db,
  id: string,
  row: UnknownRow,
  user: string,
  change: { to: string; set: string; detail: string; decision: 'resend' | 'mark-sent'; resendBy: string | null },
): void {
  const now = nowIso();
  db.transaction(() => {
    const result = db
      .prepare(
        `UPDATE outbox_messages SET state = @to, ${change.set}, updated_at = @now WHERE id = @id AND state = 'outcome-unknown'`,
      )
      .run({ to: change.to, now, id, resendBy: change.resendBy });
    if (result.changes === 0) throw new UserError('Someone else has just decided about this message.');
    db.prepare(
      'INSERT INTO outcome_decisions (message_id, decided_at, decided_by, decision, unknown_at, resend_by) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(id, now, user, change.decision, row.provider, change.resendBy);
    db.prepare(
      `INSERT INTO outbox_events (message_id, at, from_state, to_state, detail) VALUES (?, ?, 'outcome-unknown', ?, ?)`,
    ).run(id, now, change.to, change.detail);
  }).immediate();
}

/**
 * A person chose to send the message again, by the route they chose (which it then goes by, whatever the channel's
 * routes). Recorded with who and when: the provider whose answer never came may have sent it already.
 */
export function resendUnknownMessage(db: Db, id: string, provider: string, user: string, forAnyone = false): void {
  const row = unknownMessage(db, id, user, forAnyone);
  const route = routesForChannel(db, row.type).find((name) => name.toLowerCase() === provider.toLowerCase());
  if (!route)
    throw new UserError(
      `${provider} cannot send ${MESSAGE_NAMES[row.type]}. Choose one of: ${routesForChannel(db, row.type).join(', ')}.`,
    );
  decide(db, id, row, user, {
    to: 'queued',
    set: 'chosen_provider = @resendBy, provider = NULL, outcome_unknown = 0, attempts = 0, next_attempt_at = NULL, last_error = NULL',
    detail: `${user} chose to send it again by ${route}, knowing ${row.provider ?? 'the provider'} may already have sent it`,
    decision: 'resend',
    resendBy: route,
  });
}

/** A person counts the message as sent by the provider whose answer never came. Recorded with who and when. */
export function markUnknownMessageSent(db: Db, id: string, user: string, forAnyone = false): void {
  const row = unknownMessage(db, id, user, forAnyone);
  decide(db, id, row, user, {
    to: 'accepted',
    set: `notify_status = 'sending', outcome_unknown = 0, last_error = NULL, accepted_at = COALESCE(accepted_at, @now)`,
    detail: `${user} marked it as sent by ${row.provider ?? 'the provider'}`,
    decision: 'mark-sent',
    resendBy: null,
  });
}
