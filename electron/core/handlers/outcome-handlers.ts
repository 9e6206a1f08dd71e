import type { HandlerMap } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { getOutboxMessage } from '../outbox/outbox-message-row';
import { countMessages } from '../outbox/outbox-queries';
import { markUnknownMessageSent, resendUnknownMessage } from '../outbox/outcome-decisions';

/** A person's decision on a message whose outcome is unknown; announced with `outbox.changed`, which wakes the sync engine. */
export function createOutcomeHandlers(ctx: CoreContext): Pick<HandlerMap, 'outbox.resendUnknown' | 'outbox.markSent'> {
  const announce = (id: string) =>
    ctx.events.emit('outbox.changed', { messageIds: [id], counts: countMessages(ctx.db) });
  return {
    'outbox.resendUnknown': async ({ id, provider }) => {
      resendUnknownMessage(ctx.db, id, provider, ctx.user, ctx.person.may('manage-any-batch'));
      ctx.audit.record('message.outcome-decided', { messageId: id, resendBy: provider });
      announce(id);
      return { message: getOutboxMessage(ctx.db, id) };
    },
    'outbox.markSent': async ({ id }) => {
      markUnknownMessageSent(ctx.db, id, ctx.user, ctx.person.may('manage-any-batch'));
      ctx.audit.record('message.outcome-decided', { messageId: id, resendBy: null });
      announce(id);
      return { message: getOutboxMessage(ctx.db, id) };
    },
  };
}
