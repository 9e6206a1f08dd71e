import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { makeTempDir } from '../../helpers/temp-dir';
import { examineFile } from '../../../electron/core/import/examine-file';
import { ImportError } from '../../../electron/core/import/import-error';
import { listWorkbookSheets, readXlsxRows } from '../../../electron/core/import/xlsx-rows';
import { writeZip } from '../../fixtures/bad-files/zip-writer';
import { writePackage, type Part } from '../../fixtures/workbooks/package-writer';

const temp = makeTempDir('notify-desk-xlsx-fuzz-');
afterAll(() => temp.remove());

const fixtures = fileURLToPath(new URL('../../fixtures/workbooks/', import.meta.url));
const SEEDS = [
  'excel-windows.xlsx',
  'libreoffice.xlsx',
  'xlsxwriter-inline-strings.xlsx',
  'google-sheets.xlsx',
  'excel-mobile-utf16.xlsx',
];
/** The refusals a damaged workbook may get: each is a sentence for the user, never a library's error. */
const CLEAR_REFUSALS = new Set([
  'damaged-workbook',
  'zip-bomb',
  'not-a-workbook',
  'password-protected',
  'ods-file',
  'no-worksheets',
  'empty-file',
]);
const HANG_MS = 5000;

/** A small deterministic generator (mulberry32), so that a failure can be replayed from its number. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function partsOf(path: string): Promise<Part[]> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const parts: Part[] = [];
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    parts.push({ name: entry.fileName, xml: Buffer.concat(chunks).toString('latin1') });
  }
  zip.close();
  return parts;
}

const MARKUP = [
  '<',
  '>',
  '</c>',
  '<c r="ZZZZ99999999">',
  '<v>',
  '</v>',
  '<![CDATA[',
  ']]>',
  '<!--',
  '&#x110000;',
  '&amp;',
  '"',
  "'",
  '<row r="0">',
  '<is><t>',
  's="999999"',
  't="s"',
  '<si>',
  '\u0000',
  '\uFFFF',
  'r:id="rId9"',
];

/** Changes the text of one part: a range cut, repeated or moved, markup or digits dropped in. */
function mutateText(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const length = Math.floor(random() * Math.min(200, text.length - at + 1));
  switch (Math.floor(random() * 6)) {
    case 0:
      return text.slice(0, at) + text.slice(at + length);
    case 1:
      return (
        text.slice(0, at + length) +
        text.slice(at, at + length).repeat(1 + Math.floor(random() * 50)) +
        text.slice(at + length)
      );
    case 2:
      return text.slice(0, at) + (MARKUP[Math.floor(random() * MARKUP.length)] ?? '') + text.slice(at);
    case 3:
      return text.slice(0, at) + String(Math.floor(random() * 1e12)) + text.slice(at + Math.min(length, 3));
    case 4:
      return (
        text.slice(0, at) +
        text
          .slice(at, at + length)
          .split('')
          .reverse()
          .join('') +
        text.slice(at + length)
      );
    default:
      return text.slice(0, at);
  }
}

/** Changes bytes of the zip itself: flipped, zeroed, cut short or spliced. */
function mutateBytes(bytes: Buffer, random: () => number): Buffer {
  const copy = Buffer.from(bytes);
  const at = Math.floor(random() * copy.length);
  switch (Math.floor(random() * 4)) {
    case 0:
      for (let count = 1 + Math.floor(random() * 8); count > 0; count -= 1)
        copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      return copy;
    case 1:
      return copy.fill(0, at, Math.min(copy.length, at + Math.floor(random() * 64)));
    case 2:
      return copy.subarray(0, at);
    default:
      return Buffer.concat([copy.subarray(0, at), copy.subarray(Math.floor(random() * copy.length))]);
  }
}

type Outcome = { rows: number } | { refused: string };

/** Reads every sheet of a file as an import would; a hang fails the test rather than stalling it. */
async function readWorkbook(path: string): Promise<Outcome> {
  const read = async (): Promise<Outcome> => {
    try {
      const file = await examineFile(path);
      let rows = 0;
      for (const sheet of await listWorkbookSheets(file)) {
        for await (const chunk of readXlsxRows(file, sheet.name)) rows += chunk.length;
      }
      return { rows };
    } catch (error) {
      if (error instanceof ImportError) return { refused: error.code };
      throw error;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error('the reader hung')), HANG_MS)),
  );
  try {
    return await Promise.race([read(), hang]);
  } finally {
    clearTimeout(timer);
  }
}

describe('the XLSX reader on thousands of mutated workbooks', () => {
  it('ends every one in rows or a clear refusal: no crash, no hang, no unbounded memory', async () => {
    const random = generator(20261204);
    const path = join(temp.path, 'mutated.xlsx');
    const outcomes = new Map<string, number>();
    let peakRss = process.memoryUsage.rss();
    for (const seed of SEEDS) {
      const original = readFileSync(join(fixtures, seed));
      const parts = await partsOf(join(fixtures, seed));
      for (let round = 0; round < 400; round += 1) {
        if (round % 5 === 0) {
          writeFileSync(path, mutateBytes(original, random));
        } else {
          const changed = parts.map((part) => ({ ...part }));
          for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits -= 1) {
            const part = changed[Math.floor(random() * changed.length)];
            if (part) part.xml = mutateText(part.xml, random);
          }
          await writePackage(
            path,
            changed.map((part) => ({ name: part.name, xml: Buffer.from(part.xml, 'latin1').toString('utf8') })),
          );
        }
        const outcome = await readWorkbook(path).catch((error: unknown) => {
          throw new Error(`${seed}, round ${round}: ${error instanceof Error ? error.stack : String(error)}`);
        });
        const key = 'rows' in outcome ? 'read' : outcome.refused;
        expect(CLEAR_REFUSALS.has(key) || key === 'read', `${seed}, round ${round}: ${key}`).toBe(true);
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      }
    }
    // Both kinds of ending happen: the mutations are not all fatal, nor all harmless.
    expect(outcomes.get('read') ?? 0).toBeGreaterThan(400);
    expect(outcomes.get('damaged-workbook') ?? 0).toBeGreaterThan(100);
    expect(peakRss).toBeLessThan(1024 * 1024 * 1024);
  }, 240_000);

  it('refuses zip bombs, whether they declare their size or lie about it, without unpacking them', async () => {
    const parts = await partsOf(join(fixtures, 'xlsxwriter.xlsx'));
    // 200 MB of one tag that never ends: it deflates to about 200 KB.
    const endless = Buffer.alloc(200 * 1024 * 1024, 'a');
    endless.write('<worksheet><sheetData><row r="1"><c r="A1" t="');
    const deflated = { bytes: deflateRawSync(endless, { level: 9 }), crc: crc32(endless) };
    const before = process.memoryUsage.rss();
    for (const declared of [endless.length, 4096]) {
      const bomb = join(temp.path, `bomb-${declared}.xlsx`);
      const entries = parts.map((part) =>
        part.name === 'xl/worksheets/sheet1.xml'
          ? { name: part.name, data: Buffer.alloc(0), deflated: { ...deflated, size: declared } }
          : { name: part.name, data: Buffer.from(part.xml, 'latin1') },
      );
      writeFileSync(bomb, writeZip(entries));
      expect(await readWorkbook(bomb), `declaring ${declared} bytes`).toEqual({ refused: 'zip-bomb' });
    }
    expect(process.memoryUsage.rss() - before).toBeLessThan(300 * 1024 * 1024);
  }, 60_000);
});
