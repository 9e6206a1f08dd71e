import { createInterface } from 'node:readline';
import { apiKeyTypes, type ApiKeyType, type AppStatus, type ServiceSummary } from '../../shared/contract';
import { API_KEY_ENVIRONMENT_VARIABLE } from '../../electron/core/secrets/api-key-sources';
import { UsageError, type CliCommand } from '../command';
import { parseOptions } from '../parse-options';
import { callOrThrow } from './call-or-throw';

async function readApiKeyFromStdin(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim()) {
      lines.close();
      return line.trim();
    }
  }
  throw new UsageError('--api-key-stdin: no API key was given on standard input');
}

const keyTypeWords: Record<ApiKeyType, string> = {
  live: 'a live key',
  team: 'a team and guest list key: it sends only to your team and guest list',
  test: 'a test key: Notify accepts the messages but never delivers them',
};

/** The service in one line: where it is, its key's type, where the key lives and whether Notify accepted it. */
export function describeService(service: ServiceSummary, providedKey: AppStatus['providedKey']): string {
  const where = service.keyLocation === 'keychain' ? 'kept in this computer’s keychain' : `from ${providedKey?.describedAs ?? 'where IT provides it'}, never stored by the desk`;
  return `${service.name}: ${service.baseUrl}, with ${keyTypeWords[service.keyType]}. The key is ${where} (key ${service.keyStatus}).`;
}

export const serviceCommand: CliCommand = {
  name: 'service',
  summary: 'Connect the Notify service (the key goes to the OS keychain, or is read from NOTIFY_DESK_API_KEY), show it, or remove it',
  usage:
    'service add --url URL (--api-key-stdin | --api-key-from-env) [--key-type live|team|test] [--name NAME] [--template-sms ID] [--template-email ID] [--template-letter ID] | service remove | service show',
  examples: [
    'service add --url https://api.notifications.service.gov.uk --api-key-stdin --key-type live < key.txt',
    'service add --url https://api.notifications.service.gov.uk --api-key-from-env --key-type test',
    'service show',
  ],
  run: async (args, env) => {
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
      });
      if (!values.url) throw new UsageError('service add needs --url URL');
      if (values['api-key-stdin'] === values['api-key-from-env']) {
        throw new UsageError(
          `service add needs one of --api-key-stdin (the key is read from standard input, never from the command line) or --api-key-from-env (the key IT set in ${API_KEY_ENVIRONMENT_VARIABLE})`,
        );
      }
      const keyType = values['key-type'] ?? 'live';
      if (!isKeyType(keyType)) throw new UsageError('--key-type takes live, team or test (the type you chose when you created the key in Notify)');
      const core = await env.openCore();
      const result = await callOrThrow(core, 'services.configure', {
        name: values.name ?? 'GOV.UK Notify',
        baseUrl: values.url,
        apiKey: values['api-key-stdin'] ? await readApiKeyFromStdin() : undefined,
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
      else env.out(status.service ? describeService(status.service, status.providedKey) : PRACTICE_MODE_SAID);
      return 0;
    }
    throw new UsageError('service takes add, remove or show. Run notify-desk service --help for examples.');
  },
};

/** Practice mode, said the same way wherever the command line says it. */
export const PRACTICE_MODE_SAID = 'No service configured: practice mode. Messages go to a practice service with a test key, so nothing is delivered.';

const isKeyType = (value: string): value is ApiKeyType => (apiKeyTypes as readonly string[]).includes(value);
