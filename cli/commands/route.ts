import type { RouteProvider } from '../../shared/contract';
import { UsageError, type CliCommand } from '../command';
import { parseOptions } from '../parse-options';
import { callOrThrow } from './call-or-throw';

/** For now letters only: through the Notify service (`notify`) or printed in the post room (`print`). */
export const routeCommand: CliCommand = {
  name: 'route',
  summary: 'Choose how letters go: through Notify, or printed in the post room',
  usage: 'route set --type letter --via print|notify | route list',
  examples: ['route set --type letter --via print', 'route list'],
  run: async (args, env) => {
    const [action, ...rest] = args;
    const { routeProviders } = await import('../../shared/contract/routes');
    const core = await env.openCore();
    if (action === 'list') {
      const { routes } = await callOrThrow(core, 'routes.list', {});
      if (env.json) env.out(JSON.stringify({ routes }));
      else for (const route of routes) env.out(`${route.channel.padEnd(7)} ${route.providers.join(', ')}`);
      return 0;
    }
    if (action !== 'set') throw new UsageError('Use route set --type letter --via print|notify, or route list.');
    const { values } = parseOptions(rest, { type: { type: 'string' }, via: { type: 'string' } });
    if (values.type !== 'letter') throw new UsageError('route set takes --type letter (texts and emails go through Notify for now)');
    const providers = (values.via ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
    if (providers.length !== 1 || !routeProviders.includes(providers[0] as RouteProvider)) {
      throw new UsageError('route set --type letter takes --via print (the post room) or --via notify (the Notify service)');
    }
    const route = await callOrThrow(core, 'routes.set', { channel: 'letter', providers: providers as RouteProvider[] });
    env.out(env.json ? JSON.stringify(route) : `letters go through: ${route.providers.join(', ')}`);
    return 0;
  },
};
