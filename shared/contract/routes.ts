import * as z from 'zod';
import { channelSchema, emptyArgs, type Channel } from './common';
import type { PermissionsFor } from './permissions';

/** The Notify service and the post room's printer, as they are named in a route. */
export const routeProviders = ['notify', 'print'] as const;
export const routeProviderSchema = z.enum(routeProviders);
export type RouteProvider = z.infer<typeof routeProviderSchema>;

export interface ChannelRoute {
  channel: Channel;
  /** Providers in the order they are tried. */
  providers: string[];
}

export const routeHandlerArgs = {
  'routes.list': emptyArgs,
  /** For now only letters can be routed, through Notify or to the post room's printer. */
  'routes.set': z
    .object({
      channel: channelSchema.refine((channel) => channel === 'letter', 'Only letters can be routed for now: through Notify, or printed in the post room.'),
      providers: z.array(routeProviderSchema).length(1, 'Choose one route for letters: notify or print.'),
    })
    .strict(),
} as const;

export const routeHandlerPermissions = {
  'routes.list': 'use-desk',
  'routes.set': 'manage-providers',
} as const satisfies PermissionsFor<typeof routeHandlerArgs>;

export interface RouteHandlerResults {
  'routes.list': { routes: ChannelRoute[] };
  'routes.set': ChannelRoute;
}
