import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HandlerMap } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { UserError } from '../dispatch';
import { letterPdfFolder, recordRenderedRun, renderPrintRun, type LetterPrinting } from '../letters/print-run';
import { listLetterGroups, markLettersPosted, routeDueLettersToPrint } from '../letters/print-queue';
import type { PrintSpooler } from '../letters/printers';
import { countMessages } from '../outbox/outbox-queries';

type LetterPrintHandlerName =
  | 'letters.groups'
  | 'letters.printers'
  | 'letters.savePdf'
  | 'letters.print'
  | 'letters.markPosted'
  | 'letters.showPdf';

export interface LetterHandlerOptions extends LetterPrinting {
  spooler: PrintSpooler;
  /** The desktop app's file manager, opened on a file; other hosts have none. */
  showItemInFolder?: (path: string) => void;
}

/** A saved letters PDF of the data folder, by its name alone (no folders, nothing else). */
export async function findLetterPdf(
  dataDir: string,
  fileName: string,
): Promise<{ path: string; sizeBytes: number } | null> {
  if (!/^letters-[\w-]+\.pdf$/.test(fileName)) return null;
  const names = await readdir(letterPdfFolder(dataDir)).catch(() => [] as string[]);
  if (!names.includes(fileName)) return null;
  const path = join(letterPdfFolder(dataDir), fileName);
  return { path, sizeBytes: (await stat(path)).size };
}

/** The post room's calls: letters waiting to be printed, saved as one PDF or sent to a printer, then marked as posted. */
export function createLetterHandlers(
  ctx: CoreContext,
  options: LetterHandlerOptions,
): Pick<HandlerMap, LetterPrintHandlerName> {
  const announce = (ids: readonly string[]) => {
    if (ids.length > 0) ctx.events.emit('outbox.changed', { messageIds: [...ids], counts: countMessages(ctx.db) });
  };
  return {
    'letters.groups': async () => {
      announce(routeDueLettersToPrint(ctx.db));
      return { groups: listLetterGroups(ctx.db) };
    },
    'letters.printers': async () => ({ printers: await options.spooler.listPrinters() }),
    'letters.savePdf': async ({ batchId, jobId }) => {
      const run = await renderPrintRun(ctx, options, { batchId }, { jobId });
      announce(recordRenderedRun(ctx, run, 'pdf', null));
      return {
        printRunId: run.printRunId,
        fileName: run.fileName,
        letterCount: run.letterCount,
        pageCount: run.pageCount,
        reprint: run.reprint,
      };
    },
    'letters.print': async ({ batchId, printer, jobId }) => {
      const printers = await options.spooler.listPrinters();
      if (!printers.some((known) => known.name === printer)) {
        throw new UserError(
          printers.length === 0
            ? 'This computer has no printers set up. Ask IT to add the post room’s printer, or save the letters as a PDF.'
            : `There is no printer called ${printer}. Choose one of: ${printers.map((known) => known.name).join(', ')}.`,
          'no-such-printer',
        );
      }
      const run = await renderPrintRun(ctx, options, { batchId }, { jobId });
      const { job } = await options.spooler.printPdf(
        run.file,
        printer,
        `notify-desk ${run.fileName.replace(/\.pdf$/, '')}`,
      );
      announce(recordRenderedRun(ctx, run, printer, job));
      return {
        printRunId: run.printRunId,
        letterCount: run.letterCount,
        pageCount: run.pageCount,
        reprint: run.reprint,
        printer,
        job,
      };
    },
    'letters.markPosted': async ({ batchId }) => {
      const ids = markLettersPosted(ctx.db, { batchId }, ctx.user);
      if (ids.length > 0)
        ctx.audit.record('letters.posted', { batchId: batchId === undefined ? 'all' : batchId, letters: ids.length });
      announce(ids);
      return { changed: ids.length };
    },
    'letters.showPdf': async ({ fileName }) => {
      if (!options.showItemInFolder)
        throw new UserError('Only the desktop app can open a folder. Download the file instead.', 'desktop-only');
      const saved = await findLetterPdf(ctx.dataDir, fileName);
      if (!saved)
        throw new UserError(
          `${fileName} is not in the data folder’s letter-pdfs folder any more: it may have been moved or deleted.`,
          'no-such-file',
        );
      options.showItemInFolder(saved.path);
      return { path: saved.path };
    },
  };
}
