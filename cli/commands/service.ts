import { UsageError, type CliCommand } from '../command';
import { parseOptions } from '../parse-options';
import { readSecretLine } from '../read-secret';
import { callOrThrow } from './call-or-throw';

export const serviceCommand: CliCommand = {
  name: 'service',
  summary: 'Configure the Notify service (the key goes to the OS keychain), or remove it; name a CA file to trust',
  usage:
    'service add --url URL --api-key-stdin [--name NAME] [--template-sms ID] [--template-email ID] [--template-letter ID] [--ca-file FILE] | service remove | service show | service ca-file (FILE | --none)',
  run: async (args, env) => {
    const [action, ...rest] = args;
    if (action === 'add') {
      const { values } = parseOptions(rest, {
        url: { type: 'string' },
        'api-key-stdin': { type: 'boolean' },
        name: { type: 'string' },
        'template-sms': { type: 'string' },
        'template-email': { type: 'string' },
        'template-letter': { type: 'string' },
        'rate-limit': { type: 'string' },
        'ca-file': { type: 'string' },
      });
      if (!values.url) throw new UsageError('service add needs --url URL');
      if (!values['api-key-stdin']) throw new UsageError('service add needs --api-key-stdin (the key is read from standard input, never from the command line)');
      const core = await env.openCore();
      // Before the key is checked, so that the check already trusts it.
      if (values['ca-file'] !== undefined) core.network.setCaFile(values['ca-file']);
      const result = await callOrThrow(core, 'services.configure', {
        name: values.name ?? 'GOV.UK Notify',
        baseUrl: values.url,
        apiKey: await readSecretLine('--api-key-stdin', 'API key'),
        smsTemplateId: values['template-sms'],
        emailTemplateId: values['template-email'],
        letterTemplateId: values['template-letter'],
        rateLimitPerMinute: values['rate-limit'] === undefined ? undefined : Number(values['rate-limit']),
      });
      if (env.json) env.out(JSON.stringify(result));
      else {
        env.out(`Saved ${result.service.name} (${result.service.baseUrl}); key ${result.service.keyStatus}.`);
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
        env.out(status.service ? `${status.service.name}: ${status.service.baseUrl} (key ${status.service.keyStatus})` : 'No service configured: practice mode.');
        const caFile = action === 'show' ? core.network.caFile() : null;
        if (caFile) env.out(`Secure connections also trust the certificates in ${caFile}.`);
      }
      return 0;
    }
    if (action === 'ca-file') {
      const { values, positionals } = parseOptions(rest, { none: { type: 'boolean' } }, true);
      const [file, ...extra] = positionals;
      if (extra.length > 0 || Boolean(file) === Boolean(values.none)) throw new UsageError('service ca-file takes a FILE, or --none');
      const core = await env.openCore();
      const count = core.network.setCaFile(file ?? null);
      if (env.json) env.out(JSON.stringify({ caFile: core.network.caFile(), certificates: count }));
      else env.out(file ? `Trusting ${count} certificate${count === 1 ? '' : 's'} from ${core.network.caFile()}.` : 'No CA file is trusted besides the system’s.');
      return 0;
    }
    throw new UsageError('service takes add, remove, show or ca-file');
  },
};
