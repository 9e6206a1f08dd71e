import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LetterPrintRun } from '../../../shared/contract';
import { formatLetterDate } from '../../../shared/notify/letter-template';
import type { CoreContext } from '../core-context';
import { newId } from '../clock';
import { UserError } from '../dispatch';
import { loadLetterAssets } from './letter-assets';
import type { OpenLetterPrintPage } from './letter-print-page';
import {
  lettersToPrint,
  ONE_BY_ONE_GROUP_NAME,
  recordPrintRun,
  routeDueLettersToPrint,
  type LetterScope,
} from './print-queue';
import { renderLettersPdf } from './render-letters';

export interface LetterPrinting {
  openPage: OpenLetterPrintPage;
  fontsDir: string;
}

/** The folder of the data folder where saved letter PDFs are kept (and served from in web mode). */
export const letterPdfFolder = (dataDir: string): string => join(dataDir, 'letter-pdfs');

function scopeName(ctx: CoreContext, scope: LetterScope): string {
  if (scope.batchId === undefined) return 'All letters waiting to be printed';
  if (scope.batchId === null) return ONE_BY_ONE_GROUP_NAME;
  const batch = ctx.db.prepare('SELECT file_name FROM batches WHERE id = ?').pluck().get(scope.batchId) as
    string | undefined;
  if (batch === undefined) throw new UserError('That batch is not in the outbox.', 'no-such-batch');
  return batch;
}

function fileStamp(date: Date): string {
  return date.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}

export interface RenderedPrintRun extends LetterPrintRun {
  file: string;
  fileName: string;
  batchId: string | null;
  letters: { id: string; firstPage: number; pageCount: number }[];
}

/**
 * Lays out the letters of the scope (waiting to be printed, or else printed and not posted, again) into one PDF in
 * the data folder, with a cover sheet. Nothing changes state here: the caller records the run once the PDF is saved or
 * the printer has taken it.
 */
export async function renderPrintRun(
  ctx: CoreContext,
  printing: LetterPrinting,
  scope: LetterScope,
  options: { jobId?: string; signal?: AbortSignal } = {},
): Promise<RenderedPrintRun> {
  routeDueLettersToPrint(ctx.db);
  const name = scopeName(ctx, scope);
  const { ids, reprint } = lettersToPrint(ctx.db, scope);
  if (ids.length === 0)
    throw new UserError(
      `There are no letters to print in ${name === ONE_BY_ONE_GROUP_NAME ? 'the letters sent one by one' : name}.`,
      'nothing-to-print',
    );
  const now = new Date();
  const printRunId = newId();
  const folder = letterPdfFolder(ctx.dataDir);
  await mkdir(folder, { recursive: true });
  const fileName = `letters-${fileStamp(now)}-${printRunId.slice(-8)}.pdf`;
  const file = join(folder, fileName);
  const jobId = options.jobId ?? printRunId;
  const progress = (done: number, finished: boolean) =>
    ctx.events.emit('letters.progress', { jobId, done, total: ids.length, finished });
  progress(0, false);
  try {
    const rendered = await renderLettersPdf({
      db: ctx.db,
      ids,
      openPage: printing.openPage,
      assets: await loadLetterAssets(printing.fontsDir, ctx.dataDir),
      cover: {
        title: reprint ? `${name} (printed again)` : name,
        details: [
          ['Letters', ids.length.toLocaleString('en-GB')],
          ['Date', formatLetterDate(now)],
          ['Printed by', ctx.user],
          ...(typeof scope.batchId === 'string' ? ([['Batch', scope.batchId]] as const) : []),
        ],
      },
      outFile: file,
      signal: options.signal,
      onProgress: (done) => {
        if (done % 25 === 0) progress(done, false);
      },
    });
    progress(rendered.letters.length, true);
    return {
      printRunId,
      file,
      fileName,
      batchId: typeof scope.batchId === 'string' ? scope.batchId : null,
      letters: rendered.letters,
      letterCount: rendered.letters.length,
      pageCount: rendered.pageCount,
      reprint,
    };
  } catch (error) {
    progress(0, true);
    throw error;
  }
}

/** Records a rendered run as printed (to a PDF or a printer); returns the ids whose state changed. */
export function recordRenderedRun(
  ctx: CoreContext,
  run: RenderedPrintRun,
  destination: string,
  printerJob: string | null,
): string[] {
  return recordPrintRun(ctx.db, {
    printRunId: run.printRunId,
    letters: run.letters,
    batchId: run.batchId,
    destination,
    printerJob,
    user: ctx.user,
  });
}
