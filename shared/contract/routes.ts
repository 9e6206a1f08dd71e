import * as z from 'zod';
import { channelSchema, emptyArgs, type Channel } from './common';
import type { PermissionsFor } from './permissions';
import { NOTIFY_ROUTE, PRINT_ROUTE } from './providers';

/** The Notify service and the post room's printer, as they are named in a route; direct providers go by their own names. */
export const routeProviders = [NOTIFY_ROUTE, PRINT_ROUTE] as const;
export const routeProviderSchema = z.enum(routeProviders);
export type RouteProvider = z.infer<typeof routeProviderSchema>;

export interface ChannelRoute {
  channel: Channel;
  /** Providers in the order they are tried. */
  providers: string[];
}

const routeNameSchema = z.string().trim().min(1).max(40);

export const routeHandlerArgs = {
  'routes.list': emptyArgs,
  /**
   * A channel's providers, first tried first: `notify`, `print` (letters only) or direct providers of the channel. The
   * next takes over only when the one before it proves it did not take a message.
   */
  'routes.set': z
    .object({
      channel: channelSchema,
      providers: z
        .array(routeNameSchema)
        .min(1, 'Choose at least one route')
        .max(5, 'Choose at most 5 routes')
        .refine(
          (names) => new Set(names.map((name) => name.toLowerCase())).size === names.length,
          'Name each route once',
        ),
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
