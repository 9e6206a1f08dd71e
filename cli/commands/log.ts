import type { CliCommand } from '../command';

export const logCommand: CliCommand = {
  name: 'log',
  summary: "The service's delivery record: search it, export it in Notify's columns, or show the dashboard",
  usage:
    'log search [--to RECIPIENT] [--reference R] [--type sms|email|letter] [--status delivering|delivered|failed|STATUS] [--template NAME] [--sent-by USER] [--batch ID] [--spreadsheet NAME] [--since DATE] [--until DATE] [--period today|last-7-days|this-month|this-financial-year] [--limit N]\n' +
    '  | log export [the same filters] --format csv|xlsx --out FILE | log dashboard',
  examples: [
    'log search --to "07700 900123"',
    'log search --status failed --period last-7-days',
    'log export --period this-month --format xlsx --out november.xlsx',
    'log dashboard',
  ],
  run: async (args, env) => (await import('./log-run')).runLogCommand(args, env),
};
