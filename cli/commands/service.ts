import type { CliCommand } from '../command';

export const serviceCommand: CliCommand = {
  name: 'service',
  summary:
    'Connect the Notify service (the key goes to the OS keychain, or is read from NOTIFY_DESK_API_KEY), show it, or remove it; name a CA file to trust',
  usage:
    'service add --url URL (--api-key-stdin | --api-key-from-env) [--key-type live|team|test] [--name NAME] [--template-sms ID] [--template-email ID] [--template-letter ID] [--ca-file FILE] | service remove | service show | service ca-file (FILE | --none)',
  examples: [
    'service add --url https://api.notifications.service.gov.uk --api-key-stdin --key-type live < key.txt',
    'service add --url https://api.notifications.service.gov.uk --api-key-from-env --key-type test',
    'service show',
    'service ca-file /etc/ssl/certs/organisation-ca.pem',
  ],
  run: async (args, env) => (await import('./service-run')).runServiceCommand(args, env),
};
