// `notify-desk letters`: loaded only when the command runs (it takes in the contract and the letters' PDF code).
import { copyFile, readFile, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import {
  MAX_PDF_LETTER_BYTES,
  pdfLetterPostage,
  type LetterPrintGroup,
  type LetterPrintRun,
} from '../../shared/contract';
import { letterPdfFolder } from '../../electron/core/letters/print-run';
import { UsageError, type CliEnvironment } from '../command';
import { parseOptions } from '../parse-options';
import { callOrThrow } from './call-or-throw';

/** `--batch ID` for one import's letters; without it, every letter waiting to be printed. */
const scopeOptions = { batch: { type: 'string' } } as const;

function groupLine(group: LetterPrintGroup): string {
  const printed = group.lastPrintedAt
    ? `, last printed ${group.lastPrintedAt} by ${group.lastPrintedBy ?? 'unknown'}`
    : '';
  return `${group.batchId ?? '-'}  ${group.name}: ${group.waitingToPrint} waiting to be printed, ${group.printed} printed${printed}`;
}

/** What a print run did, on stderr so stdout stays the file or the job. */
function reportRun(env: CliEnvironment, run: LetterPrintRun, started: number): void {
  if (env.json) return;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  env.err(
    `${run.reprint ? 'printed again' : 'printed'}: ${run.letterCount} letters, ${run.pageCount} pages (and a cover sheet) in ${seconds} s`,
  );
}

export async function runLettersCommand(args: string[], env: CliEnvironment): Promise<number> {
  const [action, ...rest] = args;
  const core = await env.openCore();
  switch (action) {
    case 'list': {
      const { groups } = await callOrThrow(core, 'letters.groups', {});
      if (env.json) env.out(JSON.stringify({ groups }));
      else if (groups.length === 0) env.out('No letters are waiting to be printed or posted.');
      else for (const group of groups) env.out(groupLine(group));
      return 0;
    }
    case 'printers': {
      const { printers } = await callOrThrow(core, 'letters.printers', {});
      if (env.json) env.out(JSON.stringify({ printers }));
      else for (const printer of printers) env.out(`${printer.name}${printer.isDefault ? ' (default)' : ''}`);
      return 0;
    }
    case 'pdf': {
      const { values } = parseOptions(rest, { ...scopeOptions, out: { type: 'string' } });
      if (!values.out) throw new UsageError('letters pdf needs --out FILE');
      const out = resolve(values.out);
      const started = Date.now();
      const saved = await callOrThrow(core, 'letters.savePdf', { batchId: values.batch });
      reportRun(env, saved, started);
      const file = join(letterPdfFolder(core.ctx.dataDir), saved.fileName);
      await copyFile(file, out);
      await rm(file, { force: true });
      env.out(env.json ? JSON.stringify({ ...saved, out }) : out);
      return 0;
    }
    case 'print': {
      const { values } = parseOptions(rest, { ...scopeOptions, printer: { type: 'string' } });
      if (!values.printer)
        throw new UsageError('letters print needs --printer NAME (see notify-desk letters printers)');
      const started = Date.now();
      const printed = await callOrThrow(core, 'letters.print', { batchId: values.batch, printer: values.printer });
      reportRun(env, printed, started);
      env.out(env.json ? JSON.stringify(printed) : (printed.job ?? printed.printer));
      return 0;
    }
    case 'posted': {
      const { values } = parseOptions(rest, scopeOptions);
      const { changed } = await callOrThrow(core, 'letters.markPosted', { batchId: values.batch });
      env.out(env.json ? JSON.stringify({ changed }) : `marked as posted: ${changed}`);
      return changed > 0 ? 0 : 1;
    }
    case 'send-pdf': {
      const { values, positionals } = parseOptions(
        rest,
        { postage: { type: 'string' }, 'check-only': { type: 'boolean' } },
        true,
      );
      const [file, ...extra] = positionals;
      if (!file || extra.length > 0) throw new UsageError('letters send-pdf needs exactly one FILE');
      const postage = values.postage ?? 'second';
      if (!(pdfLetterPostage as readonly string[]).includes(postage))
        throw new UsageError('--postage takes first, second or economy');
      const path = resolve(file);
      if ((await stat(path)).size > MAX_PDF_LETTER_BYTES) throw new UsageError('The file must be smaller than 5MB');
      const source = { fileName: basename(path), contentBase64: (await readFile(path)).toString('base64') };
      if (values['check-only']) {
        const check = await callOrThrow(core, 'letters.checkPdf', source);
        if (env.json) env.out(JSON.stringify(check));
        else if (check.problems.length === 0)
          env.out(`Notify would accept this letter (${check.pageCount} pages) for: ${check.addressLines.join(', ')}`);
        else for (const problem of check.problems) env.out(`${problem.title}. ${problem.detail}`);
        return check.problems.length === 0 ? 0 : 1;
      }
      const { message } = await callOrThrow(core, 'letters.sendPdf', {
        ...source,
        postage: postage as (typeof pdfLetterPostage)[number],
      });
      env.out(env.json ? JSON.stringify({ message }) : `${message.id}  queued for Notify: ${message.recipient}`);
      return 0;
    }
    default:
      throw new UsageError('Use letters list, pdf, print, printers, posted or send-pdf.');
  }
}
