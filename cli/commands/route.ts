import type { Channel } from '../../shared/contract';
import { UsageError, type CliCommand } from '../command';
import { parseOptions } from '../parse-options';
import { callOrThrow } from './call-or-throw';

const CHANNELS: readonly Channel[] = ['sms', 'email', 'letter'];
const CHANNEL_MESSAGES: Readonly<Record<Channel, string>> = { sms: 'texts', email: 'emails', letter: 'letters' };

/** Which way each channel's messages go: `notify` (the Notify service), `print` (letters, the post room) or direct providers. */
export const routeCommand: CliCommand = {
  name: 'route',
  summary:
    'Choose how texts, emails and letters go: through Notify, direct providers in order, or (letters) the post room',
  usage: 'route set --type sms|email|letter --via NAME[,NAME...] | route list',
  examples: ['route set --type sms --via sms-gateway,notify', 'route set --type letter --via print', 'route list'],
  run: async (args, env) => {
    const [action, ...rest] = args;
    if (action === 'list') {
      parseOptions(rest, {});
      const { routes } = await callOrThrow(await env.openCore(), 'routes.list', {});
      if (env.json) env.out(JSON.stringify({ routes }));
      else for (const route of routes) env.out(`${route.channel.padEnd(7)} ${route.providers.join(', ')}`);
      return 0;
    }
    if (action !== 'set')
      throw new UsageError('Use route set --type sms|email|letter --via NAME[,NAME...], or route list.');
    const { values } = parseOptions(rest, { type: { type: 'string' }, via: { type: 'string' } });
    const channel = CHANNELS.find((candidate) => candidate === values.type);
    if (!channel) throw new UsageError('route set takes --type sms, email or letter');
    const providers = (values.via ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    if (providers.length === 0)
      throw new UsageError('route set takes --via with the routes in order, such as --via sms-gateway,notify');
    const route = await callOrThrow(await env.openCore(), 'routes.set', { channel, providers });
    env.out(
      env.json ? JSON.stringify(route) : `${CHANNEL_MESSAGES[channel]} go through: ${route.providers.join(', then ')}`,
    );
    return 0;
  },
};
