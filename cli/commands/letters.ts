import type { CliCommand } from '../command';

export const lettersCommand: CliCommand = {
  name: 'letters',
  summary: 'Letters in the post room: list, save as one PDF, print, mark as posted; send your own PDF letters to Notify',
  usage:
    'letters list | letters pdf [--batch ID] --out FILE | letters print [--batch ID] --printer NAME | letters printers | letters posted [--batch ID] | letters send-pdf FILE [--postage first|second|economy] [--check-only]',
  run: async (args, env) => (await import('./letters-run')).runLettersCommand(args, env),
};
