import { execFile } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core';
import { readGreyRasters, type GreyRaster } from '../../../electron/core/letters/pgm';
import { startPrivateCups, waitForCupsPdfOutput, type PrivateCups } from '../../helpers/cups';
import { startTestCore } from '../../helpers/test-core';
import { LONG_BODY, queueLettersForPrinting } from './letter-fixtures';

const run = promisify(execFile);

let cups: PrivateCups;
let core: Core;
let dataDir: string;
let stopCore: () => Promise<void>;
const printed: string[] = [];

beforeAll(async () => {
  cups = await startPrivateCups();
  // lp and lpstat, run by the core, reach this test's scheduler only.
  process.env.CUPS_SERVER = cups.server;
  ({ core, dataDir, stop: stopCore } = await startTestCore());
});
afterAll(async () => {
  await stopCore?.();
  await cups?.stop();
  for (const file of printed) rmSync(file, { force: true });
});

async function pdfPages(file: string): Promise<{ pages: number; sizes: string[] }> {
  const { stdout } = await run('pdfinfo', ['-l', '1000', file]);
  const sizes = [...stdout.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map(
    (match) => `${Math.round(Number(match[1]))}x${Math.round(Number(match[2]))}`,
  );
  return { pages: Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]), sizes };
}

async function rasters(file: string) {
  const { stdout } = await run('pdftoppm', ['-r', '24', '-gray', file], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  return readGreyRasters(stdout);
}

const INK = 200;

function inkBox(raster: GreyRaster): { x1: number; y1: number; x2: number; y2: number } {
  const box = { x1: Infinity, y1: Infinity, x2: -1, y2: -1 };
  for (let y = 0; y < raster.height; y += 1) {
    for (let x = 0; x < raster.width; x += 1) {
      if (raster.pixels[y * raster.width + x]! >= INK) continue;
      box.x1 = Math.min(box.x1, x);
      box.y1 = Math.min(box.y1, y);
      box.x2 = Math.max(box.x2, x);
      box.y2 = Math.max(box.y2, y);
    }
  }
  return box;
}

/** The share of cell × cell squares that are inked in both pages or blank in both. */
function inkedCellAgreement(a: GreyRaster, b: GreyRaster, cell: number): number {
  const inked = (raster: GreyRaster, cx: number, cy: number): boolean => {
    for (let y = cy; y < Math.min(cy + cell, raster.height); y += 1) {
      for (let x = cx; x < Math.min(cx + cell, raster.width); x += 1)
        if (raster.pixels[y * raster.width + x]! < INK) return true;
    }
    return false;
  };
  let same = 0;
  let cells = 0;
  for (let cy = 0; cy < a.height; cy += cell) {
    for (let cx = 0; cx < a.width; cx += cell) {
      cells += 1;
      if (inked(a, cx, cy) === inked(b, cx, cy)) same += 1;
    }
  }
  return same / cells;
}

describe('printing letters through CUPS to its virtual PDF printer', () => {
  it('lists the scheduler’s printers and refuses one that does not exist', async () => {
    const { printers } = await core.handlers['letters.printers']({});
    expect(printers.map((printer) => printer.name)).toEqual([cups.printer]);
    await queueLettersForPrinting(core, LONG_BODY);
    const refused = await core.call('letters.print', { printer: 'NoSuchPrinter' });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'no-such-printer',
        message: `There is no printer called NoSuchPrinter. Choose one of: ${cups.printer}.`,
      },
    });
    expect((await core.handlers['letters.groups']({})).groups[0]).toMatchObject({ waitingToPrint: 3, printed: 0 });
  });

  it('sends the batch as one job that arrives with every page, A4, looking as the desk laid it out', async () => {
    const result = await core.handlers['letters.print']({ printer: cups.printer });
    expect(result).toMatchObject({
      printer: cups.printer,
      letterCount: 3,
      job: expect.stringMatching(new RegExp(`^${cups.printer}-\\d+$`)),
    });
    const runWord = result.printRunId.slice(-8);
    const ownPdf = join(
      dataDir,
      'letter-pdfs',
      readdirSync(join(dataDir, 'letter-pdfs')).find((name) => name.includes(runWord))!,
    );
    const arrived = await waitForCupsPdfOutput(cups.outputDir, runWord);
    printed.push(arrived);

    const own = await pdfPages(ownPdf);
    const job = await pdfPages(arrived);
    expect(own.pages).toBe(result.pageCount + 1);
    expect(job.pages).toBe(own.pages);
    expect(new Set(job.sizes)).toEqual(new Set(['595x842']));

    // Ghostscript re-encodes the text (its glyphs come out a little wider or narrower), so the pages are compared as
    // pictures: the same inked area to within 2 pixels (2 mm) and the same 4 mm cells inked.
    const ownRasters = await rasters(ownPdf);
    const jobRasters = await rasters(arrived);
    expect(jobRasters).toHaveLength(ownRasters.length);
    ownRasters.forEach((ownPage, index) => {
      const jobPage = jobRasters[index]!;
      expect([jobPage.width, jobPage.height]).toEqual([ownPage.width, ownPage.height]);
      const ownInk = inkBox(ownPage);
      const jobInk = inkBox(jobPage);
      for (const side of ['x1', 'y1', 'x2', 'y2'] as const)
        expect(Math.abs(ownInk[side] - jobInk[side])).toBeLessThanOrEqual(2);
      expect(inkedCellAgreement(ownPage, jobPage, 4)).toBeGreaterThan(0.85);
    });

    const { groups } = await core.handlers['letters.groups']({});
    expect(groups[0]).toMatchObject({ waitingToPrint: 0, printed: 3 });
    const detail = core.ctx.db
      .prepare(`SELECT detail FROM outbox_events WHERE to_state = 'printed' ORDER BY id DESC LIMIT 1`)
      .pluck()
      .get();
    expect(detail).toBe(`sent to the printer ${cups.printer} by ${core.ctx.user} (${result.job})`);
  });
});
