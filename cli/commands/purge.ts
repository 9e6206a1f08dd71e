import { UsageError, type CliCommand } from '../command';
import { parseOptions } from '../parse-options';
import { callOrThrow } from './call-or-throw';

export const purgeCommand: CliCommand = {
  name: 'purge',
  summary:
    'Apply the retention periods now: erase personal data and delete records older than they allow (--dry-run: only say what would go)',
  usage: 'purge [--dry-run]',
  examples: ['purge --dry-run', 'purge'],
  run: async (args, env) => {
    const { values, positionals } = parseOptions(args, { 'dry-run': { type: 'boolean' } }, true);
    if (positionals.length > 0)
      throw new UsageError('purge takes no file or name: use notify-desk purge, or notify-desk purge --dry-run');
    const [core, { purgeSummaryLines }] = await Promise.all([
      env.openCore(),
      import('../../shared/purge-summary-words'),
    ]);
    const summary = await callOrThrow(core, 'retention.purge', { dryRun: values['dry-run'] === true });
    if (env.json) env.out(JSON.stringify(summary));
    else for (const line of purgeSummaryLines(summary)) env.out(line);
    return 0;
  },
};
