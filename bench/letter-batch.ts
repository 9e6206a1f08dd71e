// The post room's letters for `npm run bench providers`: `letter_ms` (a 1,000-letter batch into one PDF) against
// Chromium alone, and the memory of merging the letters' PDFs.
import { PDFDocument } from '@cantoo/pdf-lib';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../electron/core/create-core';
import { loadLetterAssets, sourceLetterFontsDir } from '../electron/core/letters/letter-assets';
import { openChromiumLetterPrintPage } from '../electron/core/letters/letter-print-page';
import { PdfStreamWriter } from '../electron/core/letters/pdf-stream-writer';
import { enqueueMessages, BATCH_PRIORITY } from '../electron/core/outbox/enqueue';
import { letterPrintBody, letterPrintDocument } from '../shared/notify/letter-print-document';
import { renderLetter } from '../shared/notify/letter-template';
import { memorySecrets } from './provider-sends';

const LETTERS = Number(process.env.PROVIDERS_BENCH_LETTERS ?? 1000);
/** Letters printed by Chromium alone, without the desk, as the baseline of the same run. */
const BASELINE_LETTERS = Math.min(LETTERS, 200);

type Figures = Record<string, number>;

const BODY = [
  'Dear ((name)),',
  '',
  '# Your council tax bill',
  '',
  'Your council tax for ((year)) is ((amount)). Pay it by direct debit, online or at the post office.',
  '',
  '* Band: ((band))',
  '* Reference: ((reference))',
  '',
  ...Array.from(
    { length: 8 },
    () =>
      'If you think your band is wrong, or your circumstances have changed, tell us within 28 days of this letter so we can check your account and send you a new bill.',
  ),
  '',
  'Yours sincerely,',
  '',
  'Revenues team',
].join('\n');

function values(index: number): Record<string, string> {
  return {
    address_line_1: `Resident ${index}`,
    address_line_2: `${index} High Street`,
    address_line_3: 'Townsville',
    postcode: 'SW1A 1AA',
    name: `Resident ${index}`,
    year: '2026 to 2027',
    amount: `£${(1200 + index).toLocaleString('en-GB')}`,
    band: 'C',
    reference: `CT-${String(index).padStart(7, '0')}`,
  };
}

/** Chromium printing letters alone (no database, no merging): the time a letter, and the letters' PDFs. */
async function chromiumAlone(): Promise<{ ms: number; pdfs: Uint8Array[] }> {
  const page = await openChromiumLetterPrintPage(
    letterPrintDocument(await loadLetterAssets(sourceLetterFontsDir(), tmpdir())),
  );
  try {
    await page.print(letterPrintBody(renderLetter({ subject: 'Council tax', body: BODY, values: values(0) })));
    const pdfs: Uint8Array[] = [];
    const start = process.hrtime.bigint();
    for (let index = 0; index < BASELINE_LETTERS; index += 1) {
      pdfs.push(
        await page.print(letterPrintBody(renderLetter({ subject: 'Council tax', body: BODY, values: values(index) }))),
      );
    }
    return { ms: Number(process.hrtime.bigint() - start) / 1e6 / BASELINE_LETTERS, pdfs };
  } finally {
    await page.close();
  }
}

/** Memory the process still holds (after a garbage collection) beyond what it held at the start: heap and buffers. */
function memoryTracker(): { sample(): void; peakMb(): number } {
  global.gc?.();
  const base = process.memoryUsage();
  let samples = 0;
  let peak = 0;
  return {
    sample: () => {
      samples += 1;
      if (samples % 50 !== 0) return;
      global.gc?.();
      const now = process.memoryUsage();
      peak = Math.max(peak, now.heapUsed - base.heapUsed + (now.arrayBuffers - base.arrayBuffers));
    },
    peakMb: () => peak / 1024 / 1024,
  };
}

/**
 * Merging the same letters' PDFs (the baseline's, repeated to make a full batch) two ways: pdf-lib's own
 * copyPages and save, which builds the whole document in memory, and the desk's writer, which streams to the file.
 */
async function mergeMemory(pdfs: readonly Uint8Array[]): Promise<Figures> {
  const letters = Array.from({ length: LETTERS }, (_, index) => pdfs[index % pdfs.length] as Uint8Array);
  const folder = mkdtempSync(join(tmpdir(), 'notify-desk-bench-merge-'));
  try {
    const pdfLib = memoryTracker();
    const merged = await PDFDocument.create();
    for (const pdf of letters) {
      const letter = await PDFDocument.load(pdf, { updateMetadata: false });
      for (const page of await merged.copyPages(letter, letter.getPageIndices())) merged.addPage(page);
      pdfLib.sample();
    }
    const bytes = await merged.save();
    for (let settle = 0; settle < 50; settle += 1) pdfLib.sample();
    writeFileSync(join(folder, 'pdf-lib.pdf'), bytes);

    const streaming = memoryTracker();
    const file = await open(join(folder, 'desk.pdf'), 'w');
    const writer = await PdfStreamWriter.open(file);
    for (const pdf of letters) {
      await writer.append(pdf);
      streaming.sample();
    }
    await writer.finish();
    await file.close();
    for (let settle = 0; settle < 50; settle += 1) streaming.sample();
    console.log(
      `merging ${LETTERS.toLocaleString('en-GB')} letters' PDFs: pdf-lib (copyPages, save) holds ${pdfLib.peakMb().toFixed(0)} MB at its peak; the desk's streaming writer ${streaming.peakMb().toFixed(1)} MB (memory still held after garbage collection)`,
    );
    return {
      merge_pdf_lib_mb: Number(pdfLib.peakMb().toFixed(0)),
      merge_streaming_mb: Number(streaming.peakMb().toFixed(1)),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A 1,000-letter batch laid out and streamed into one PDF with one Chromium, as `letters pdf` does. */
async function letterBatch(): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'notify-desk-bench-'));
  const core = await createCore({ dataDir, secrets: memorySecrets() });
  try {
    const template = await core.handlers['templates.create']({
      type: 'letter',
      name: 'Council tax bill',
      subject: 'Council tax ((year))',
      body: BODY,
      letterContactBlock: 'Revenues\nTown Hall\n01234 567890',
    });
    await core.handlers['routes.set']({ channel: 'letter', providers: ['print'] });
    enqueueMessages(
      core.ctx.db,
      Array.from({ length: LETTERS }, (_, index) => ({
        type: 'letter' as const,
        templateId: template.id,
        templateVersion: 1,
        recipient: `Resident ${index}, ${index} High Street, Townsville, SW1A 1AA`,
        personalisation: values(index),
        renderedBody: BODY,
        renderedSubject: 'Council tax',
        priority: BATCH_PRIORITY,
        createdBy: 'bench',
      })),
    );
    const { ms: baselineMs, pdfs } = await chromiumAlone();
    baselinePdfs = pdfs;
    const start = process.hrtime.bigint();
    const run = await core.handlers['letters.savePdf']({});
    const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
    const letterMs = totalMs / run.letterCount;
    const sizeMb = statSync(join(dataDir, 'letter-pdfs', run.fileName)).size / 1024 / 1024;
    console.log(
      `letters: ${run.letterCount.toLocaleString('en-GB')} letters, ${run.pageCount.toLocaleString('en-GB')} pages (and a cover sheet), one PDF of ${sizeMb.toFixed(1)} MB`,
    );
    console.log(
      `  the desk: ${(totalMs / 1000).toFixed(1)} s = ${letterMs.toFixed(1)} ms a letter (target: at most 100 ms), one Chromium for the run`,
    );
    console.log(
      `  Chromium printing the same letters alone (${BASELINE_LETTERS}, no database, no merging): ${baselineMs.toFixed(1)} ms a letter; the desk takes ${(letterMs / baselineMs).toFixed(2)}×`,
    );
    return {
      letter_ms: Number(letterMs.toFixed(1)),
      letter_baseline_ms: Number(baselineMs.toFixed(1)),
      letters: run.letterCount,
      letter_pages: run.pageCount,
    };
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

let baselinePdfs: Uint8Array[] = [];

/** The letters' measurements, in order (the merge reuses the PDFs Chromium printed alone). */
export const letterMeasurements: (() => Promise<Figures>)[] = [letterBatch, () => mergeMemory(baselinePdfs)];
