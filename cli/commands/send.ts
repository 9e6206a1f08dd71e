import type { CliCommand } from '../command';

export const sendCommand: CliCommand = {
  name: 'send',
  summary: 'Validate, render and queue one message (works offline); prints the message id',
  usage:
    'send --template NAME (--to RECIPIENT | --address "LINE, LINE, POSTCODE") [--set NAME=VALUE ...] [--send-at TIME]',
  examples: [
    'send --template "Clinic reminder" --to "07700 900123" --set name=Ann --set time=10am',
    'send --template "Rent review" --address "Mr J Jones, 1 High Street, Leeds, LS1 1AA" --set "name=Mr Jones"',
    'send --template "Rent review" --set address_line_1="Mr J Jones" --set address_line_2="1 High Street" --set address_line_3="LS1 1AA"',
    'send --template "Clinic reminder" --to "07700 900123" --set name=Ann --set time=10am --send-at "tomorrow 9am"',
  ],
  run: async (args, env) => (await import('./send-run')).runSendCommand(args, env),
};
