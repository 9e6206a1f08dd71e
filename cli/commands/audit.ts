import type { CliCommand } from '../command';

export const auditCommand: CliCommand = {
  name: 'audit',
  summary:
    'The audit trail: list it (newest first), verify its chain of hashes (exit 1 at the first broken entry), or export it as CSV',
  usage: 'audit list [--limit N] | audit verify | audit export --out FILE',
  examples: ['audit verify', 'audit list --limit 20', 'audit list --json', 'audit export --out audit.csv'],
  run: async (args, env) => (await import('./audit-run')).runAuditCommand(args, env),
};
