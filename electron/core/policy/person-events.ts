import type { CoreContext } from '../core-context';
import { unreadCount } from '../inbox/inbox-queries';
import { seesEveryMessage } from './own-messages';

/**
 * A pushed event as the person's page may see it, or null: a message's details only when they may see that message,
 * and the count of unread replies only of the replies they may read.
 */
export function eventForPerson(
  ctx: Pick<CoreContext, 'db' | 'user' | 'person'>,
  event: string,
  payload: unknown,
): unknown {
  if (seesEveryMessage(ctx)) return payload;
  if (event === 'message.updated')
    return (payload as { createdBy?: unknown } | null)?.createdBy === ctx.user ? payload : null;
  if (event === 'inbox.changed') return { ...(payload as object), unread: unreadCount(ctx.db, ctx.user) };
  return payload;
}
