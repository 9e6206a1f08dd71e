import type { CliCommand } from '../command';

export const inboxCommand: CliCommand = {
  name: 'inbox',
  summary:
    'Texts people sent back, newest first (* unread); export writes Notify’s inbox CSV (sync --once fetches new ones)',
  usage: 'inbox [--search TEXT] [--sent-by USER] [--limit N] | inbox export --out FILE',
  examples: ['inbox', 'inbox --search STOP', 'inbox export --out replies.csv'],
  run: async (args, env) => (await import('./inbox-run')).runInboxCommand(args, env),
};
