import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readGreyRasters } from '../../../electron/core/letters/pgm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core';
import { A4_HEIGHT_MM, A4_TOLERANCE_MM, A4_WIDTH_MM, ENVELOPE_WINDOW_MM } from '../../../shared/notify/letter-layout';
import { startTestCore } from '../../helpers/test-core';
import { ADDRESSES, LONG_BODY, queueLettersForPrinting, readPdfWords, type PdfPageWords } from './letter-fixtures';

let core: Core;
let dataDir: string;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ core, dataDir, stop } = await startTestCore());
  // The organisation's logo, a black bar, for the top left of every letter.
  writeFileSync(
    join(dataDir, 'letter-logo.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" width="700" height="180"><rect width="700" height="180" fill="#000"/></svg>',
  );
});
afterAll(() => stop());

/** "Page N of M" at the foot of a page, read from its words. */
function pageNumber(page: PdfPageWords): { n: number; of: number; x1: number; y1: number } | null {
  const words = page.words;
  for (let index = 0; index + 3 < words.length; index += 1) {
    const [page_, n, of, total] = words.slice(index, index + 4);
    if (page_?.text === 'Page' && of?.text === 'of' && n && total)
      return { n: Number(n.text), of: Number(total.text), x1: page_.x1, y1: page_.y1 };
  }
  return null;
}

describe('the desk’s own letters PDF, read back with pdftotext -bbox', () => {
  it('prints every letter on A4 with its address inside the envelope window and "Page N of M" bottom right, after a cover sheet', async () => {
    const ids = await queueLettersForPrinting(core, LONG_BODY);
    // Opening the post room's list moves due letters there, as the sync engine does on its own.
    expect((await core.handlers['letters.groups']({})).groups).toEqual([
      expect.objectContaining({ batchId: null, waitingToPrint: 3, printed: 0 }),
    ]);
    const states = await core.handlers['outbox.list']({ states: ['waiting-to-print'], limit: 100, offset: 0 });
    expect(states.messages.map((message) => message.id).sort()).toEqual([...ids].sort());

    const saved = await core.handlers['letters.savePdf']({});
    expect(saved).toMatchObject({ letterCount: 3, reprint: false });
    const pages = await readPdfWords(join(dataDir, 'letter-pdfs', saved.fileName));
    expect(pages).toHaveLength(saved.pageCount + 1);

    for (const page of pages) {
      expect(Math.abs(page.widthMm - A4_WIDTH_MM)).toBeLessThanOrEqual(A4_TOLERANCE_MM);
      expect(Math.abs(page.heightMm - A4_HEIGHT_MM)).toBeLessThanOrEqual(A4_TOLERANCE_MM);
    }
    const cover = pages[0]!;
    expect(pageNumber(cover)).toBeNull();
    expect(cover.words.map((word) => word.text).join(' ')).toContain('All letters waiting to be printed Letters 3');

    const letterPages = pages.slice(1);
    const firstPages = letterPages.filter((page) => pageNumber(page)?.n === 1);
    expect(firstPages).toHaveLength(3);
    for (const page of letterPages) {
      const number = pageNumber(page);
      expect(number).not.toBeNull();
      expect(number!.of).toBeGreaterThan(1);
      expect(number!.x1).toBeGreaterThan(A4_WIDTH_MM / 2);
      expect(number!.y1).toBeGreaterThan(A4_HEIGHT_MM - 20);
    }

    // The logo fills its 70 × 18 mm box at the top left of each letter's first page, and nothing else is there.
    const firstPageNumber = pages.indexOf(firstPages[0]!) + 1;
    const { stdout } = await promisify(execFile)(
      'pdftoppm',
      [
        '-r',
        '25.4',
        '-gray',
        '-f',
        String(firstPageNumber),
        '-l',
        String(firstPageNumber),
        join(dataDir, 'letter-pdfs', saved.fileName),
      ],
      { encoding: 'buffer' },
    );
    const [raster] = readGreyRasters(stdout);
    const at = (xMm: number, yMm: number) => raster!.pixels[Math.floor(yMm) * raster!.width + Math.floor(xMm)]!;
    expect([at(16, 11), at(50, 20), at(84, 27)].every((value) => value < 60)).toBe(true);
    expect([at(12, 20), at(90, 20), at(50, 32)].every((value) => value > 200)).toBe(true);

    firstPages.forEach((page, index) => {
      const expectedWords = ADDRESSES[index]!.toUpperCase().split(/\s+/);
      const window = page.words.filter(
        (word) =>
          word.x1 >= ENVELOPE_WINDOW_MM.x1 &&
          word.x2 <= ENVELOPE_WINDOW_MM.x2 &&
          word.y1 >= ENVELOPE_WINDOW_MM.y1 &&
          word.y2 <= ENVELOPE_WINDOW_MM.y2,
      );
      expect(window.map((word) => word.text)).toEqual(expectedWords);
      // Nothing else of the letter shows through the window.
      const elsewhere = page.words.filter(
        (word) => !window.includes(word) && word.y1 < ENVELOPE_WINDOW_MM.y2 && word.x1 < ENVELOPE_WINDOW_MM.x2,
      );
      expect(elsewhere).toEqual([]);
      expect(page.words.map((word) => word.text)).toEqual(
        expect.arrayContaining([`${index + 1},`, 'Council', 'Offices']),
      );
    });
  });

  it('marks the letters printed, prints them again only when nothing else waits, and records who posted them', async () => {
    const { groups } = await core.handlers['letters.groups']({});
    expect(groups).toEqual([
      expect.objectContaining({ batchId: null, waitingToPrint: 0, printed: 3, lastPrintedBy: expect.any(String) }),
    ]);
    const printed = await core.handlers['outbox.list']({ states: ['printed'], limit: 100, offset: 0 });
    expect(printed.total).toBe(3);

    const again = await core.handlers['letters.savePdf']({ batchId: null });
    expect(again).toMatchObject({ letterCount: 3, reprint: true });

    const posted = await core.handlers['letters.markPosted']({});
    expect(posted.changed).toBe(3);
    const counts = await core.handlers['outbox.counts']({});
    expect(counts).toMatchObject({ posted: 3, printed: 0, 'waiting-to-print': 0 });
    const events = core.ctx.db
      .prepare(`SELECT to_state, detail FROM outbox_events WHERE message_id = ? ORDER BY id`)
      .all(printed.messages[0]!.id) as { to_state: string; detail: string }[];
    expect(events.map((event) => event.to_state)).toEqual([
      'queued',
      'waiting-to-print',
      'printed',
      'printed',
      'posted',
    ]);
    expect(events.at(-1)!.detail).toBe(`posted by ${core.ctx.user}`);
    const run = core.ctx.db
      .prepare('SELECT posted_by, posted_at FROM letter_print_runs ORDER BY printed_at DESC LIMIT 1')
      .get() as {
      posted_by: string;
      posted_at: string;
    };
    expect(run.posted_by).toBe(core.ctx.user);
    expect(Date.parse(run.posted_at)).toBeGreaterThan(Date.now() - 60_000);

    const nothing = await core.call('letters.savePdf', {});
    expect(nothing).toMatchObject({ ok: false, error: { code: 'nothing-to-print' } });
    expect((await core.handlers['letters.groups']({})).groups).toEqual([]);
  });

  it('holds letters while sending is paused, as it holds every message', async () => {
    await core.handlers['sync.pause']({});
    const ids = await queueLettersForPrinting(core);
    expect((await core.handlers['letters.groups']({})).groups).toEqual([]);
    expect((await core.handlers['outbox.get']({ id: ids[0]! })).state).toBe('queued');
    await core.handlers['sync.resume']({});
    expect((await core.handlers['letters.groups']({})).groups).toEqual([
      expect.objectContaining({ waitingToPrint: 3 }),
    ]);
    await core.handlers['outbox.cancel']({ ids });
  });

  it('sends letters to Notify again once the route is set back, and lets a letter waiting to be printed be cancelled', async () => {
    const [first, second] = await queueLettersForPrinting(core);
    const { changed } = await core.handlers['outbox.cancel']({ ids: [first!] });
    expect(changed).toBe(1);
    await core.handlers['routes.set']({ channel: 'letter', providers: ['notify'] });
    const template = (await core.handlers['outbox.get']({ id: second! })).templateId;
    const { message } = await core.handlers['messages.send']({
      templateId: template,
      to: ADDRESSES[0]!,
      values: { name: 'Later' },
    });
    await core.handlers['letters.groups']({});
    // Queueing starts a sync, which may already be sending it to Notify: anything but the post room's queue.
    expect(['queued', 'sending', 'accepted']).toContain((await core.handlers['outbox.get']({ id: message.id })).state);
    expect(
      (await core.handlers['routes.list']({})).routes.find((route) => route.channel === 'letter')?.providers,
    ).toEqual(['notify']);
  });
});
