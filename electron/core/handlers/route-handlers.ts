import { channelSchema, NOTIFY_ROUTE, PRINT_ROUTE, type HandlerMap } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { UserError } from '../dispatch';
import { routeDueLettersToPrint } from '../letters/print-queue';
import { countMessages } from '../outbox/outbox-queries';
import { routesForChannel } from '../outbox/outcome-decisions';
import { channelRoute, setChannelRoute } from '../routing/channel-routes';

const CHANNEL_NAMES = { sms: 'text messages', email: 'emails', letter: 'letters' } as const;

/** Which way each channel's messages go: the Notify service, direct providers of the channel, the post room for letters. */
export function createRouteHandlers(
  ctx: CoreContext,
  afterChange: () => void,
): Pick<HandlerMap, 'routes.list' | 'routes.set'> {
  return {
    'routes.list': async () => ({
      routes: channelSchema.options.map((channel) => ({ channel, providers: channelRoute(ctx.db, channel) })),
    }),
    'routes.set': async ({ channel, providers }) => {
      const known = [...routesForChannel(ctx.db, channel), ...(channel === 'letter' ? [PRINT_ROUTE] : [])];
      const named = providers.map((name) => {
        const found = known.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
        if (!found) {
          throw new UserError(
            `${name} cannot send ${CHANNEL_NAMES[channel]}. Routes for ${CHANNEL_NAMES[channel]}: ${known.join(', ')}.`,
          );
        }
        return found;
      });
      // A printer never refuses a letter, so nothing could take over from it, nor it from Notify.
      if (channel === 'letter' && named.length !== 1) {
        throw new UserError(
          `Choose one route for letters: ${NOTIFY_ROUTE} (the Notify service) or ${PRINT_ROUTE} (printed in the post room).`,
        );
      }
      setChannelRoute(ctx.db, channel, named, ctx.user);
      ctx.audit.record('route.set', { channel, providers: named });
      const moved = routeDueLettersToPrint(ctx.db);
      if (moved.length > 0) ctx.events.emit('outbox.changed', { messageIds: moved, counts: countMessages(ctx.db) });
      afterChange();
      return { channel, providers: channelRoute(ctx.db, channel) };
    },
  };
}
