import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Core } from '../../../electron/core/create-core';
import { MM_PER_POINT } from '../../../shared/notify/letter-layout';

const run = promisify(execFile);

/** Addresses of every length Notify allows, typed as a caseworker would. */
export const ADDRESSES = [
  'Ann Example\n1 High Street\nSW1A 1AA',
  'Mr Bob Smith\nFlat 2\n3 Long Road\nLittle Village\nSomewhere\nBigtown\nLS1 1AA',
  'Chris Jones\n10 Market Square\nCardiff\nCF10 1AA',
];

/** A body long enough to run onto more pages than one. */
export const LONG_BODY = [
  'Dear ((name)),',
  '',
  ...Array.from(
    { length: 40 },
    (_, index) =>
      `Paragraph ${index + 1}: your council tax account needs your attention before the end of the month, so please read this letter.`,
  ),
  '',
  'Yours sincerely',
].join('\n');

/** A letter template, letters routed to the post room, and one letter queued to each address. */
export async function queueLettersForPrinting(
  core: Core,
  body = 'Dear ((name)),\n\nPlease pay your council tax.',
): Promise<string[]> {
  const template = await core.handlers['templates.create']({
    type: 'letter',
    name: `Council tax ${Math.random().toString(36).slice(2)}`,
    subject: 'Your council tax',
    body,
    letterContactBlock: 'Council Offices\nTown Hall\n01234 567890',
  });
  await core.handlers['routes.set']({ channel: 'letter', providers: ['print'] });
  const ids: string[] = [];
  for (const [index, to] of ADDRESSES.entries()) {
    const { message } = await core.handlers['messages.send']({
      templateId: template.id,
      to,
      values: { name: `Person ${index + 1}` },
    });
    ids.push(message.id);
  }
  return ids;
}

export interface PdfPageWords {
  widthMm: number;
  heightMm: number;
  words: { text: string; x1: number; y1: number; x2: number; y2: number }[];
}

/** Every page of a PDF with its size and its words' boxes in millimetres, as `pdftotext -bbox` reads them. */
export async function readPdfWords(file: string): Promise<PdfPageWords[]> {
  const { stdout } = await run('pdftotext', ['-bbox', file, '-'], { maxBuffer: 256 * 1024 * 1024 });
  const pages: PdfPageWords[] = [];
  for (const page of stdout.split('<page ').slice(1)) {
    const size = /width="([\d.]+)" height="([\d.]+)"/.exec(page);
    const words = [
      ...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
    ].map((match) => ({
      text: match[5] ?? '',
      x1: Number(match[1]) * MM_PER_POINT,
      y1: Number(match[2]) * MM_PER_POINT,
      x2: Number(match[3]) * MM_PER_POINT,
      y2: Number(match[4]) * MM_PER_POINT,
    }));
    pages.push({ widthMm: Number(size?.[1]) * MM_PER_POINT, heightMm: Number(size?.[2]) * MM_PER_POINT, words });
  }
  return pages;
}
