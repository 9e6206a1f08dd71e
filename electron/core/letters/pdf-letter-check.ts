import { PDFDocument } from '@cantoo/pdf-lib';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeHTML } from 'entities';
import type { PdfLetterCheck } from '../../../shared/contract';
import {
  A4_HEIGHT_MM,
  A4_TOLERANCE_MM,
  A4_WIDTH_MM,
  ADDRESS_READ_MARGIN_MM,
  ENVELOPE_WINDOW_MM,
  LETTER_MAX_PAGES,
  MM_PER_POINT,
  NOTIFY_TAG_SEARCH_AREA_MM,
  printableAreasForPage,
  type AreaMm,
} from '../../../shared/notify/letter-layout';
import {
  pdfLetterAddressProblem,
  pdfLetterProblem,
  type PdfLetterProblemCode,
} from '../../../shared/notify/pdf-letter-messages';
import { UserError } from '../dispatch';
import { readGreyRasters, type GreyRaster } from './pgm';

/** Rasters are checked at 72 dpi: a pixel is 0.35 mm, well inside the 1 mm Notify allows around each area. */
const RASTER_DPI = 72;
/** Darker than this is ink (anti-aliasing noise on white stays above it). */
const INK_BELOW = 250;

const NO_POPPLER =
  'Checking a PDF letter needs poppler’s pdftoppm and pdftotext, which are not installed on this computer (Debian and Ubuntu: apt-get install poppler-utils).';

function runPoppler(command: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024, timeout: 120_000, windowsHide: true },
      (error: Error | null, stdout) => {
        if (error && 'code' in error && error.code === 'ENOENT') reject(new UserError(NO_POPPLER, 'no-pdf-tools'));
        else if (error) reject(error);
        else resolve(stdout);
      },
    );
  });
}

export interface PdfWord {
  page: number;
  text: string;
  /** mm from the page's top-left corner. */
  box: AreaMm;
  /** Words of one line share it. */
  line: number;
}

/** Every word with its box, read by pdftotext from the layout it computes (pages, blocks, lines, words). */
export function parseBboxLayout(xhtml: string): PdfWord[] {
  const words: PdfWord[] = [];
  let page = 0;
  let line = 0;
  const tokens =
    /<page\b|<line\b|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const match of xhtml.matchAll(tokens)) {
    if (match[0] === '<page') page += 1;
    else if (match[0] === '<line') line += 1;
    else {
      const [x1, y1, x2, y2] = [match[1], match[2], match[3], match[4]].map(
        (value) => Number(value) * MM_PER_POINT,
      ) as [number, number, number, number];
      words.push({ page, line, text: decodeHTML(match[5] ?? ''), box: { x1, y1, x2, y2 } });
    }
  }
  return words;
}

const inside = (box: AreaMm, area: AreaMm): boolean => {
  const x = (box.x1 + box.x2) / 2;
  const y = (box.y1 + box.y2) / 2;
  return x >= area.x1 && x <= area.x2 && y >= area.y1 && y <= area.y2;
};

/** The address as Notify reads it: the lines of text in the envelope window and 3 mm around it on page 1. */
export function addressFromWords(words: readonly PdfWord[]): string[] {
  const m = ADDRESS_READ_MARGIN_MM;
  const area = {
    x1: ENVELOPE_WINDOW_MM.x1 - m,
    y1: ENVELOPE_WINDOW_MM.y1 - m,
    x2: ENVELOPE_WINDOW_MM.x2 + m,
    y2: ENVELOPE_WINDOW_MM.y2 + m,
  };
  const lines = new Map<number, PdfWord[]>();
  for (const word of words) {
    if (word.page !== 1 || !inside(word.box, area)) continue;
    lines.set(word.line, [...(lines.get(word.line) ?? []), word]);
  }
  return [...lines.values()]
    .sort((a, b) => (a[0]?.box.y1 ?? 0) - (b[0]?.box.y1 ?? 0))
    .map((lineWords) =>
      lineWords
        .sort((a, b) => a.box.x1 - b.box.x1)
        .map((word) => word.text)
        .join(' '),
    );
}

/** Pages after the first with Notify's tag in the top-left corner (a letter downloaded from Notify, pasted in). */
export function pagesWithNotifyTag(words: readonly PdfWord[]): number[] {
  const pages = words
    .filter((word) => word.page > 1 && word.text === 'NOTIFY' && inside(word.box, NOTIFY_TAG_SEARCH_AREA_MM))
    .map((word) => word.page);
  return [...new Set(pages)].sort((a, b) => a - b);
}

/** Whether a page's raster has ink outside the areas Notify allows on that page. */
export function hasInkOutsidePrintableArea(raster: GreyRaster, pageNumber: number): boolean {
  const areas = printableAreasForPage(pageNumber);
  const mmPerPixel = 25.4 / RASTER_DPI;
  for (let row = 0; row < raster.height; row += 1) {
    const y = (row + 0.5) * mmPerPixel;
    for (let column = 0; column < raster.width; column += 1) {
      if ((raster.pixels[row * raster.width + column] ?? 255) >= INK_BELOW) continue;
      const x = (column + 0.5) * mmPerPixel;
      if (!areas.some((area) => x >= area.x1 && x <= area.x2 && y >= area.y1 && y <= area.y2)) return true;
    }
  }
  return false;
}

function isA4Portrait(widthPt: number, heightPt: number, rotation: number): boolean {
  const turned = ((rotation % 360) + 360) % 360;
  const [width, height] = turned === 90 || turned === 270 ? [heightPt, widthPt] : [widthPt, heightPt];
  return (
    Math.abs(width * MM_PER_POINT - A4_WIDTH_MM) <= A4_TOLERANCE_MM &&
    Math.abs(height * MM_PER_POINT - A4_HEIGHT_MM) <= A4_TOLERANCE_MM
  );
}

export interface PdfLetterCheckOptions {
  /** A folder the PDF can be written to for the PDF tools to read. */
  workDir: string;
  allowInternational: boolean;
}

/**
 * Checks an uploaded letter as Notify's template-preview does before it accepts it, in its order, and reports the
 * first problem in Notify's words: readable, at most 10 pages, A4 portrait, nothing outside the printable areas, no
 * NOTIFY tag after page 1, an address Notify can read and accept in the envelope window.
 */
export async function checkPdfLetter(
  pdf: Uint8Array,
  fileName: string,
  options: PdfLetterCheckOptions,
): Promise<PdfLetterCheck> {
  const result = (
    pageCount: number,
    addressLines: string[],
    code: PdfLetterProblemCode | null,
    pages: number[] = [],
  ): PdfLetterCheck => ({
    fileName,
    pageCount,
    addressLines,
    problems: code === null ? [] : [pdfLetterProblem(code, pages, pageCount)],
  });
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch {
    return result(0, [], 'unable-to-read-the-file');
  }
  const pages = document.getPages();
  if (pages.length === 0) return result(0, [], 'unable-to-read-the-file');
  if (pages.length > LETTER_MAX_PAGES) return result(pages.length, [], 'letter-too-long');
  const notA4 = pages.flatMap((page, index) => {
    const { width, height } = page.getMediaBox();
    return isA4Portrait(width, height, page.getRotation().angle) ? [] : [index + 1];
  });
  if (notA4.length > 0) return result(pages.length, [], 'letter-not-a4-portrait-oriented', notA4);

  await mkdir(options.workDir, { recursive: true });
  const file = join(options.workDir, `${randomUUID()}.pdf`);
  await writeFile(file, pdf);
  try {
    const rasters = readGreyRasters(await runPoppler('pdftoppm', ['-r', String(RASTER_DPI), '-gray', file]));
    if (rasters.length !== pages.length) return result(pages.length, [], 'unable-to-read-the-file');
    const outside = rasters.flatMap((raster, index) =>
      hasInkOutsidePrintableArea(raster, index + 1) ? [index + 1] : [],
    );
    if (outside.length > 0) return result(pages.length, [], 'content-outside-printable-area', outside);
    const words = parseBboxLayout(
      (await runPoppler('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', file, '-'])).toString('utf8'),
    );
    const tagged = pagesWithNotifyTag(words);
    if (tagged.length > 0) return result(pages.length, [], 'notify-tag-found-in-content', tagged);
    const addressLines = addressFromWords(words);
    return result(
      pages.length,
      addressLines,
      pdfLetterAddressProblem(addressLines.join('\n'), { allowInternational: options.allowInternational }),
    );
  } finally {
    await rm(file, { force: true });
  }
}
