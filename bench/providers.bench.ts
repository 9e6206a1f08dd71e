// npm run bench providers: sending without Notify. Each measurement adds its figures to the JSON line printed last
// (letters now: `letter_ms`, `peak_mb`; the SMS gateway and SMTP measurements add theirs to `measurements` below).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../electron/core/create-core';
import { loadLetterAssets, SOURCE_LETTER_FONTS_DIR } from '../electron/core/letters/letter-assets';
import { openChromiumLetterPrintPage } from '../electron/core/letters/letter-print-page';
import { enqueueMessages, BATCH_PRIORITY } from '../electron/core/outbox/enqueue';
import type { SecretStore } from '../electron/core/secrets/keychain';
import { letterPrintBody, letterPrintDocument } from '../shared/notify/letter-print-document';
import { renderLetter } from '../shared/notify/letter-template';
import { peakMemoryMb } from './measure';

const LETTERS = Number(process.env.PROVIDERS_BENCH_LETTERS ?? 1000);
/** Letters printed by Chromium alone, without the desk, as the baseline of the same run. */
const BASELINE_LETTERS = Math.min(LETTERS, 200);

type Figures = Record<string, number>;

const noSecrets: SecretStore = { get: async () => null, set: async () => undefined, delete: async () => undefined };

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
  ...Array.from({ length: 8 }, () => 'If you think your band is wrong, or your circumstances have changed, tell us within 28 days of this letter so we can check your account and send you a new bill.'),
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

async function chromiumAlone(): Promise<number> {
  const page = await openChromiumLetterPrintPage(letterPrintDocument(await loadLetterAssets(SOURCE_LETTER_FONTS_DIR, tmpdir())));
  try {
    await page.print(letterPrintBody(renderLetter({ subject: 'Council tax', body: BODY, values: values(0) })));
    const start = process.hrtime.bigint();
    for (let index = 0; index < BASELINE_LETTERS; index += 1) {
      await page.print(letterPrintBody(renderLetter({ subject: 'Council tax', body: BODY, values: values(index) })));
    }
    return Number(process.hrtime.bigint() - start) / 1e6 / BASELINE_LETTERS;
  } finally {
    await page.close();
  }
}

/** A 1,000-letter batch laid out and streamed into one PDF with one Chromium, as `letters pdf` does. */
async function letterBatch(): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'notify-desk-bench-'));
  const core = await createCore({ dataDir, secrets: noSecrets });
  try {
    const template = await core.handlers['templates.create']({ type: 'letter', name: 'Council tax bill', subject: 'Council tax ((year))', body: BODY, letterContactBlock: 'Revenues\nTown Hall\n01234 567890' });
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
    const baselineMs = await chromiumAlone();
    const start = process.hrtime.bigint();
    const run = await core.handlers['letters.savePdf']({});
    const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
    const letterMs = totalMs / run.letterCount;
    const sizeMb = statSync(join(dataDir, 'letter-pdfs', run.fileName)).size / 1024 / 1024;
    console.log(`letters: ${run.letterCount.toLocaleString('en-GB')} letters, ${run.pageCount.toLocaleString('en-GB')} pages (and a cover sheet), one PDF of ${sizeMb.toFixed(1)} MB`);
    console.log(`  the desk: ${(totalMs / 1000).toFixed(1)} s = ${letterMs.toFixed(1)} ms a letter (target: at most 100 ms), one Chromium for the run`);
    console.log(`  Chromium printing the same letters alone (${BASELINE_LETTERS}, no database, no merging): ${baselineMs.toFixed(1)} ms a letter; the desk takes ${(letterMs / baselineMs).toFixed(2)}×`);
    return { letter_ms: Number(letterMs.toFixed(1)), letter_baseline_ms: Number(baselineMs.toFixed(1)), letters: run.letterCount, letter_pages: run.pageCount };
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const measurements: (() => Promise<Figures>)[] = [letterBatch];

const figures: Figures = {};
for (const measurement of measurements) Object.assign(figures, await measurement());
figures.peak_mb = Number(peakMemoryMb().toFixed(0));
console.log(`peak memory (max RSS of the bench process; Chromium runs in processes of its own): ${figures.peak_mb} MB`);
console.log(JSON.stringify(figures));
