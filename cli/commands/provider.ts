import type { CliCommand } from '../command';

const USAGE = [
  'provider add smtp --name NAME --host H --port P [--user U --password-stdin] [--from ADDRESS] [--reply-to ADDRESS] [--ca-file F]',
  'provider add smpp --name NAME --host H --port P --system-id ID --password-stdin [--sender S]',
  'provider add http-sms --name NAME --base-url URL --account-sid SID --auth-token-stdin --from NUMBER',
  'provider list | provider test NAME | provider remove NAME',
].join(' | ');

export const providerCommand: CliCommand = {
  name: 'provider',
  summary:
    'Direct providers: an SMTP relay, an SMPP gateway, a Twilio-style HTTP gateway (credentials go to the OS keychain)',
  usage: USAGE,
  examples: [
    'provider add smtp --name relay --host smtp.example.gov.uk --port 587 --user desk --password-stdin --from desk@example.gov.uk < password.txt',
    'provider add smpp --name sms-gateway --host smpp.example.net --port 2775 --system-id desk --password-stdin --sender Council < password.txt',
    'provider list',
    'provider test sms-gateway',
  ],
  run: async (args, env) => (await import('./provider-run')).runProviderCommand(args, env),
};
