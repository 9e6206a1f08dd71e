import { channelSchema, type HandlerMap } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { channelRoute, setChannelRoute } from '../letters/routes';
import { routeDueLettersToPrint } from '../letters/print-queue';
import { countMessages } from '../outbox/outbox-queries';

/** Which way each channel's messages go. For now: letters through Notify or to the post room's printer. */
export function createRouteHandlers(ctx: CoreContext, afterChange: () => void): Pick<HandlerMap, 'routes.list' | 'routes.set'> {
  return {
    'routes.list': async () => ({
      routes: channelSchema.options.map((channel) => ({ channel, providers: channelRoute(ctx.db, channel) })),
    }),
    'routes.set': async ({ channel, providers }) => {
      setChannelRoute(ctx.db, channel, providers, ctx.user);
      ctx.audit.record('route.set', { channel, providers });
      const moved = routeDueLettersToPrint(ctx.db);
      if (moved.length > 0) ctx.events.emit('outbox.changed', { messageIds: moved, counts: countMessages(ctx.db) });
      afterChange();
      return { channel, providers: channelRoute(ctx.db, channel) };
    },
  };
}
