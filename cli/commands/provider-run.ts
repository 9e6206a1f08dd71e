// `notify-desk provider`: loaded only when the command runs (it takes in the contract and the providers' code).
import type { NewProvider, ProviderSummary } from '../../shared/contract';
import { UsageError, type CliEnvironment } from '../command';
import { parseOptions } from '../parse-options';
import { readSecretLine } from '../read-secret';
import { callOrThrow } from './call-or-throw';

const port = (value: string | undefined): number => {
  if (value === undefined) throw new UsageError('provider add needs --port P');
  return Number(value);
};

function required<T>(value: T | undefined, flag: string, kind: string): T {
  if (value === undefined) throw new UsageError(`provider add ${kind} needs ${flag}`);
  return value;
}

function describe(provider: ProviderSummary): string {
  const routes = provider.inRoutes.length > 0 ? `  routes: ${provider.inRoutes.join(', ')}` : '';
  const sender = provider.sender ? `  from ${provider.sender}` : '';
  return `${provider.name.padEnd(16)} ${provider.kind.padEnd(9)} ${provider.address}${sender}${routes}`;
}

/** The provider's settings from the arguments; secrets only from standard input. */
async function newProvider(
  kind: string | undefined,
  args: string[],
): Promise<{ provider: NewProvider; caFile: string | undefined }> {
  switch (kind) {
    case 'smtp': {
      const { values } = parseOptions(args, {
        name: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        user: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        from: { type: 'string' },
        'reply-to': { type: 'string' },
        'ca-file': { type: 'string' },
      });
      if (values['password-stdin'] && !values.user)
        throw new UsageError('provider add smtp takes --password-stdin with --user U');
      const from = values.from ?? (values.user?.includes('@') ? values.user : undefined);
      return {
        provider: {
          kind: 'smtp',
          name: required(values.name, '--name NAME', kind),
          host: required(values.host, '--host H', kind),
          port: port(values.port),
          ...(values.user ? { user: values.user } : {}),
          ...(values['password-stdin'] ? { password: await readSecretLine('--password-stdin', 'password') } : {}),
          from: required(from, '--from ADDRESS (the From of every email)', kind),
          ...(values['reply-to'] ? { replyTo: values['reply-to'] } : {}),
        },
        caFile: values['ca-file'],
      };
    }
    case 'smpp': {
      const { values } = parseOptions(args, {
        name: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        'system-id': { type: 'string' },
        'password-stdin': { type: 'boolean' },
        sender: { type: 'string' },
      });
      if (!values['password-stdin'])
        throw new UsageError(
          'provider add smpp needs --password-stdin (the password is read from standard input, never from the command line)',
        );
      return {
        provider: {
          kind: 'smpp',
          name: required(values.name, '--name NAME', kind),
          host: required(values.host, '--host H', kind),
          port: port(values.port),
          systemId: required(values['system-id'], '--system-id ID', kind),
          password: await readSecretLine('--password-stdin', 'password'),
          ...(values.sender ? { sender: values.sender } : {}),
        },
        caFile: undefined,
      };
    }
    case 'http-sms': {
      const { values } = parseOptions(args, {
        name: { type: 'string' },
        'base-url': { type: 'string' },
        'account-sid': { type: 'string' },
        'auth-token-stdin': { type: 'boolean' },
        from: { type: 'string' },
      });
      if (!values['auth-token-stdin'])
        throw new UsageError(
          'provider add http-sms needs --auth-token-stdin (the token is read from standard input, never from the command line)',
        );
      return {
        provider: {
          kind: 'http-sms',
          name: required(values.name, '--name NAME', kind),
          baseUrl: required(values['base-url'], '--base-url URL', kind),
          accountSid: required(values['account-sid'], '--account-sid SID', kind),
          authToken: await readSecretLine('--auth-token-stdin', 'auth token'),
          from: required(values.from, '--from NUMBER', kind),
        },
        caFile: undefined,
      };
    }
    default:
      throw new UsageError('provider add takes smtp, smpp or http-sms');
  }
}

async function add(args: string[], env: CliEnvironment): Promise<number> {
  const [kind, ...rest] = args;
  const { provider, caFile } = await newProvider(kind, rest);
  const core = await env.openCore();
  const { checkCaFile, ProviderRepository } = await import('../../electron/core/providers/provider-repository');
  // Checked before anything is saved, so a bad file leaves no half-made provider.
  if (caFile !== undefined) checkCaFile(caFile);
  const { provider: saved } = await callOrThrow(core, 'providers.add', provider);
  if (caFile !== undefined) new ProviderRepository(core.ctx.db, core.ctx.secrets).setCaFile(saved.name, caFile);
  const summary = caFile !== undefined ? { ...saved, trustsCaFile: true } : saved;
  env.out(
    env.json
      ? JSON.stringify({ provider: summary })
      : `Saved ${describe(summary)}; its credentials are in the keychain.`,
  );
  return 0;
}

export async function runProviderCommand(args: string[], env: CliEnvironment): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'add') return add(rest, env);
  if (action === 'list') {
    parseOptions(rest, {});
    const { providers } = await callOrThrow(await env.openCore(), 'providers.list', {});
    if (env.json) env.out(JSON.stringify({ providers }));
    else if (providers.length === 0) env.out('No providers: texts and emails go through the Notify service.');
    else for (const provider of providers) env.out(describe(provider));
    return 0;
  }
  if (action === 'test' || action === 'remove') {
    const { positionals } = parseOptions(rest, {}, true);
    const [name, ...extra] = positionals;
    if (!name || extra.length > 0) throw new UsageError(`provider ${action} takes the provider's NAME`);
    const core = await env.openCore();
    if (action === 'remove') {
      const { removed } = await callOrThrow(core, 'providers.remove', { name });
      env.out(
        env.json ? JSON.stringify({ removed }) : `Removed ${removed}, its credentials and its place in any route.`,
      );
      return 0;
    }
    const result = await callOrThrow(core, 'providers.test', { name });
    env.out(env.json ? JSON.stringify(result) : result.message);
    return result.ok ? 0 : 1;
  }
  throw new UsageError('provider takes add, list, test or remove');
}
