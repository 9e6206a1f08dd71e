import { channelSchema, PRINT_ROUTE, type HandlerMap } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { UserError } from '../dispatch';
import { routesForChannel } from '../outbox/outcome-decisions';
import { channelRoute, setChannelRoute } from '../routing/channel-routes';

const CHANNEL_NAMES = { sms: 'text messages', email: 'emails', letter: 'letters' } as const;

/** Which way each channel's messages go: the Notify service, direct providers of the channel, the post room for letters. */
export function createRouteHandlers(ctx: CoreContext, afterChange: () => void): Pick<HandlerMap, 'routes.list' | 'routes.set'> {
  return {
    'routes.list': async () => ({
      routes: channelSchema.options.map((channel) => ({ channel, providers: channelRoute(ctx.db, channel) })),
    }),
    'routes.set': async ({ channel, providers }) => {
      const known = [...routesForChannel(ctx.db, channel), ...(channel === 'letter' ? [PRINT_ROUTE] : [])];
      const named = providers.map((name) => {
        const found = known.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
        if (!found) {
          throw new UserError(`${name} cannot send ${CHANNEL_NAMES[channel]}. Routes for ${CHANNEL_NAMES[channel]}: ${known.join(', ')}.`);
        }
        return found;
      });
      setChannelRoute(ctx.db, channel, named, ctx.user);
      afterChange();
      return { channel, providers: channelRoute(ctx.db, channel) };
    },
  };
}
