import type { CliCommand } from '../command';

export const lettersCommand: CliCommand = {
  name: 'letters',
  summary:
    'Letters in the post room: list, save as one PDF, print, mark as posted; send your own PDF letters to Notify',
  usage:
    'letters list | letters pdf [--batch ID] --out FILE | letters print [--batch ID] --printer NAME | letters printers | letters posted [--batch ID] | letters send-pdf FILE [--postage first|second|economy] [--check-only]',
  examples: [
    'letters list',
    'letters pdf --batch 01a241d5-ec6c-746c-950c-eb80a5178173 --out letters.pdf',
    'letters print --printer PostRoom',
    'letters posted --batch 01a241d5-ec6c-746c-950c-eb80a5178173',
    'letters send-pdf rent-letter.pdf --postage second',
  ],
  run: async (args, env) => (await import('./letters-run')).runLettersCommand(args, env),
};
