// Where what a call shows or changes depends on who asks: a person without the whole record sees and changes only
// what they sent or imported themselves. The dispatcher has already checked the call's own permission.
import type { CoreContext } from '../core-context';
import { UserError } from '../user-error';

type Asker = Pick<CoreContext, 'db' | 'user' | 'person'>;

/** Whether the person sees every message of the service, or only their own. */
export const seesEveryMessage = (ctx: Asker): boolean => ctx.person.may('view-service-record');

/**
 * The sender a list is limited to: none for those who see everything, else the person. Asking for someone else's
 * messages is refused rather than quietly answered with one's own.
 */
export function senderScope(ctx: Asker, requested?: string): string | undefined {
  if (seesEveryMessage(ctx)) return requested;
  if (requested !== undefined && requested !== ctx.user) {
    throw new UserError(
      'You can see only the messages you sent. A supervisor can see everyone’s.',
      'not-your-messages',
    );
  }
  return ctx.user;
}

/** Refuses a message (or record entry) sent by someone else to a person who sees only their own. */
export function requireOwnMessage(ctx: Asker, sentBy: string | null): void {
  if (!seesEveryMessage(ctx) && sentBy !== ctx.user) {
    throw new UserError(
      'That message was sent by someone else: you can see only the messages you sent. A supervisor can see everyone’s.',
      'not-your-message',
    );
  }
}

/** Changing messages sent by others needs 'manage-any-batch'. */
export function requireOwnMessagesToChange(ctx: Asker, ids: readonly string[], doing: 'cancel' | 'retry'): void {
  if (ctx.person.may('manage-any-batch')) return;
  const others = ctx.db
    .prepare(
      'SELECT COUNT(*) AS n FROM outbox_messages WHERE id IN (SELECT value FROM json_each(?)) AND created_by IS NOT ?',
    )
    .get(JSON.stringify(ids), ctx.user) as { n: number };
  if (others.n > 0) {
    throw new UserError(
      `You can ${doing} only the messages you sent: ${others.n === 1 ? 'one of these was' : `${others.n.toLocaleString('en-GB')} of these were`} sent by someone else. Nothing was changed. A supervisor can ${doing} anyone’s.`,
      'not-your-message',
    );
  }
}

/** Pausing, resuming or cancelling a batch imported by someone else (or all sending) needs 'manage-any-batch'. */
export function requireOwnBatch(ctx: Asker, batchId: string | undefined, doing: 'pause' | 'resume' | 'cancel'): void {
  if (batchId === undefined) return ctx.person.require('manage-any-batch');
  if (ctx.person.may('manage-any-batch')) return;
  const batch = ctx.db.prepare('SELECT imported_by FROM batches WHERE id = ?').get(batchId) as
    { imported_by: string } | undefined;
  if (batch && batch.imported_by !== ctx.user) {
    throw new UserError(
      `${batch.imported_by} imported that batch: you can ${doing} only the batches you imported. A supervisor can ${doing} anyone’s.`,
      'not-your-batch',
    );
  }
}
