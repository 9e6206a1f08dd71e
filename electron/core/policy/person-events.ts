import type { CoreEventName } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { seesEveryMessage } from './own-messages';

/** Whether a pushed event may reach the person's page: a message's details only when they may see that message. */
export function eventIsForPerson(ctx: Pick<CoreContext, 'db' | 'user' | 'person'>, event: CoreEventName | string, payload: unknown): boolean {
  if (event !== 'message.updated' || seesEveryMessage(ctx)) return true;
  return (payload as { createdBy?: unknown } | null)?.createdBy === ctx.user;
}
