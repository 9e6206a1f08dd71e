import type { HandlerMap } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { UserError } from '../dispatch';
import { listBatchProgress } from '../outbox/batch-progress';
import { getOutboxMessage } from '../outbox/outbox-message-row';
import { countMessages, listMessages } from '../outbox/outbox-queries';
import { cancelBatchMessages, cancelMessages, retryMessages } from '../outbox/user-actions';
import { requireOwnBatch, requireOwnMessage, requireOwnMessagesToChange, senderScope } from '../policy/own-messages';

type OutboxHandlers = Pick<
  HandlerMap,
  | 'outbox.list'
  | 'outbox.get'
  | 'outbox.counts'
  | 'outbox.retry'
  | 'outbox.cancel'
  | 'outbox.batches'
  | 'outbox.cancelBatch'
>;

/** Reading the outbox, and a person's retry and cancel. Changes are announced with `outbox.changed`, which wakes the sync engine. */
export function createOutboxHandlers(ctx: CoreContext): OutboxHandlers {
  const announce = (ids: readonly string[]) =>
    ctx.events.emit('outbox.changed', { messageIds: [...ids], counts: countMessages(ctx.db) });
  return {
    'outbox.list': async (query) => listMessages(ctx.db, { ...query, createdBy: senderScope(ctx) }),
    'outbox.get': async ({ id }) => {
      const message = getOutboxMessage(ctx.db, id);
      requireOwnMessage(ctx, message.createdBy);
      return message;
    },
    'outbox.counts': async ({ batchId }) => countMessages(ctx.db, batchId, senderScope(ctx)),
    'outbox.batches': async ({ limit }) => ({ batches: listBatchProgress(ctx.db, limit, senderScope(ctx)) }),
    'outbox.retry': async ({ ids }) => {
      requireOwnMessagesToChange(ctx, ids, 'retry');
      const changed = retryMessages(ctx.db, ids, ctx.user);
      if (changed > 0) {
        ctx.audit.record('messages.retried', { messages: changed, ids: ids.slice(0, 100) });
        announce(ids);
      }
      return { changed };
    },
    'outbox.cancel': async ({ ids }) => {
      requireOwnMessagesToChange(ctx, ids, 'cancel');
      const changed = cancelMessages(ctx.db, ids, ctx.user);
      if (changed > 0) {
        ctx.audit.record('messages.cancelled', { messages: changed, ids: ids.slice(0, 100) });
        announce(ids);
      }
      return { changed };
    },
    'outbox.cancelBatch': async ({ batchId }) => {
      requireOwnBatch(ctx, batchId, 'cancel');
      const cancelled = cancelBatchMessages(ctx.db, batchId, ctx.user);
      if (cancelled === null) throw new UserError('That batch is not in the outbox.');
      ctx.audit.record('batch.cancelled', { batchId, messages: cancelled.length });
      if (cancelled.length > 0) announce(cancelled);
      return { changed: cancelled.length };
    },
  };
}
