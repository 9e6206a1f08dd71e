// `notify-desk service`: loaded only when the command runs (it takes in the contract and the core's key sources).
import { apiKeyTypes, type ApiKeyType, type AppStatus, type ServiceSummary } from '../../shared/contract';
import { API_KEY_ENVIRONMENT_VARIABLE } from '../../electron/core/secrets/api-key-sources';
import { UsageError, type CliEnvironment } from '../command';
import { parseOptions } from '../parse-options';
import { readSecretLine } from '../read-secret';
import { callOrThrow } from './call-or-throw';

const keyTypeWords: Record<ApiKeyType, string> = {
  live: 'a live key',
  team: 'a team and guest list key: it sends only to your team and guest list',
  test: 'a test key: Notify accepts the messages but never delivers them',
};

/** The service in one line: where it is, its key's type, where the key lives and whether Notify accepted it. */
export function describeService(service: ServiceSummary, providedKey: AppStatus['providedKey']): string {
  const where =
    service.keyLocation === 'keychain'
      ? 'kept in this computer’s keychain'
      : `from ${providedKey?.describedAs ?? 'where IT provides it'}, never stored by the desk`;
  return `${service.name}: ${service.baseUrl}, with ${keyTypeWords[service.keyType]}. The key is ${where} (key ${service.keyStatus}).`;
}

export async function runServiceCommand(args: string[], env: CliEnvironment): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'add') {
    const { values } = parseOptions(rest, {
      url: { type: 'string' },
      'api-key-stdin': { type: 'boolean' },
      'api-key-from-env': { type: 'boolean' },
      'key-type': { type: 'string' },
      name: { type: 'string' },
      'template-sms': { type: 'string' },
      'template-email': { type: 'string' },
      'template-letter': { type: 'string' },
      'rate-limit': { type: 'string' },
      'ca-file': { type: 'string' },
    });
    if (!values.url) throw new UsageError('service add needs --url URL');
    if (values['api-key-stdin'] === values['api-key-from-env']) {
      throw new UsageError(
        `service add needs one of --api-key-stdin (the key is read from standard input, never from the command line) or --api-key-from-env (the key IT set in ${API_KEY_ENVIRONMENT_VARIABLE})`,
      );
    }
    const keyType = values['key-type'] ?? 'live';
    if (!isKeyType(keyType))
      throw new UsageError(
        '--key-type takes live, team or test (the type you chose when you created the key in Notify)',
      );
    const core = await env.openCore();
    // Before the key is checked, so that the check already trusts it.
    if (values['ca-file'] !== undefined) core.network.setCaFile(values['ca-file']);
    const result = await callOrThrow(core, 'services.configure', {
      name: values.name ?? 'GOV.UK Notify',
      baseUrl: values.url,
      apiKey: values['api-key-stdin'] ? await readSecretLine('--api-key-stdin', 'API key') : undefined,
      keyType,
      smsTemplateId: values['template-sms'],
      emailTemplateId: values['template-email'],
      letterTemplateId: values['template-letter'],
      rateLimitPerMinute: values['rate-limit'] === undefined ? undefined : Number(values['rate-limit']),
    });
    if (env.json) env.out(JSON.stringify(result));
    else {
      const status = await callOrThrow(core, 'app.status', {});
      env.out(`Saved. ${describeService(result.service, status.providedKey)}`);
      if (result.warning) env.err(`Warning: ${result.warning}`);
    }
    return 0;
  }
  if (action === 'remove' || action === 'show') {
    parseOptions(rest, {});
    const core = await env.openCore();
    const status = await callOrThrow(core, action === 'remove' ? 'services.remove' : 'app.status', {});
    if (env.json) env.out(JSON.stringify(status));
    else {
      env.out(status.service ? describeService(status.service, status.providedKey) : PRACTICE_MODE_SAID);
      const caFile = action === 'show' ? core.network.caFile() : null;
      if (caFile) env.out(`Secure connections also trust the certificates in ${caFile}.`);
    }
    return 0;
  }
  if (action === 'ca-file') {
    const { values, positionals } = parseOptions(rest, { none: { type: 'boolean' } }, true);
    const [file, ...extra] = positionals;
    if (extra.length > 0 || Boolean(file) === Boolean(values.none))
      throw new UsageError('service ca-file takes a FILE, or --none');
    const core = await env.openCore();
    const count = core.network.setCaFile(file ?? null);
    if (env.json) env.out(JSON.stringify({ caFile: core.network.caFile(), certificates: count }));
    else
      env.out(
        file
          ? `Trusting ${count} certificate${count === 1 ? '' : 's'} from ${core.network.caFile()}.`
          : 'No CA file is trusted besides the system’s.',
      );
    return 0;
  }
  throw new UsageError('service takes add, remove, show or ca-file. Run notify-desk service --help for examples.');
}

/** Practice mode, said the same way wherever the command line says it. */
export const PRACTICE_MODE_SAID =
  'No service configured: practice mode. Messages go to a practice service with a test key, so nothing is delivered.';

const isKeyType = (value: string): value is ApiKeyType => (apiKeyTypes as readonly string[]).includes(value);
