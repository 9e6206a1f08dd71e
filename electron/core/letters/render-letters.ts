import { open, rename, rm } from 'node:fs/promises';
import { renderLetter } from '../../../shared/notify/letter-template';
import {
  coverSheetBody,
  letterPrintBody,
  letterPrintDocument,
  type CoverSheet,
  type PrintDocumentOptions,
} from '../../../shared/notify/letter-print-document';
import type { Db } from '../database/open-database';
import { parseStoredPersonalisation } from '../outbox/stored-personalisation';
import type { OpenLetterPrintPage } from './letter-print-page';
import type { PrintedLetter } from './print-queue';

/** Letters are read from the database this many at a time, so a run of any size holds only a few in memory. */
const READ_CHUNK = 100;

export interface RenderLettersRun {
  db: Db;
  /** Outbox ids, in print order. */
  ids: readonly string[];
  openPage: OpenLetterPrintPage;
  assets: PrintDocumentOptions;
  cover: CoverSheet;
  /** The PDF written; it appears only once complete. */
  outFile: string;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

export interface RenderedRun {
  letters: PrintedLetter[];
  /** Pages of the letters, cover sheet excluded. */
  pageCount: number;
}

interface LetterRow {
  id: string;
  personalisation: string;
  created_at: string;
  subject: string | null;
  body: string;
  letter_contact_block: string | null;
}

function* letterBodies(db: Db, ids: readonly string[]): Generator<{ id: string; html: string }> {
  const select = db.prepare(
    `SELECT m.id, m.personalisation, m.created_at, v.subject, v.body, v.letter_contact_block
     FROM outbox_messages m JOIN template_versions v ON v.template_id = m.template_id AND v.version = m.template_version
     WHERE m.id IN (SELECT value FROM json_each(?))`,
  );
  for (let start = 0; start < ids.length; start += READ_CHUNK) {
    const chunk = ids.slice(start, start + READ_CHUNK);
    const rows = new Map((select.all(JSON.stringify(chunk)) as LetterRow[]).map((row) => [row.id, row]));
    for (const id of chunk) {
      const row = rows.get(id);
      if (!row) continue;
      const letter = renderLetter({
        subject: row.subject ?? '',
        body: row.body,
        contactBlock: row.letter_contact_block ?? undefined,
        values: parseStoredPersonalisation(row.personalisation),
        date: new Date(row.created_at),
      });
      yield { id, html: letterPrintBody(letter) };
    }
  }
}

/**
 * Lays the letters out one by one in one Chromium page, with a cover sheet first, and streams their pages into one
 * PDF: while Chromium prints one letter, the one before is being written.
 */
export async function renderLettersPdf(run: RenderLettersRun): Promise<RenderedRun> {
  const partFile = `${run.outFile}.part`;
  const file = await open(partFile, 'w');
  const page = await run.openPage(letterPrintDocument(run.assets)).catch(async (error: unknown) => {
    await file.close();
    await rm(partFile, { force: true });
    throw error;
  });
  const letters: PrintedLetter[] = [];
  let printing: { id: string; pdf: Promise<Uint8Array> } | null = null;
  try {
    // pdf-lib is loaded only when letters are rendered.
    const { PdfStreamWriter } = await import('./pdf-stream-writer');
    const writer = await PdfStreamWriter.open(file);
    await writer.append(await page.print(coverSheetBody(run.cover)));
    const bodies = letterBodies(run.db, run.ids);
    let next = bodies.next();
    printing = next.done ? null : { id: next.value.id, pdf: page.print(next.value.html) };
    while (printing) {
      const pdf = await printing.pdf;
      run.signal?.throwIfAborted();
      const current = printing.id;
      next = bodies.next();
      printing = next.done ? null : { id: next.value.id, pdf: page.print(next.value.html) };
      const firstPage = writer.pageCount + 1;
      const pages = await writer.append(pdf);
      letters.push({ id: current, firstPage, pageCount: pages });
      run.onProgress?.(letters.length, run.ids.length);
    }
    await writer.finish();
    await file.close();
    await rename(partFile, run.outFile);
  } catch (error) {
    printing?.pdf.catch(() => undefined);
    await file.close().catch(() => undefined);
    await rm(partFile, { force: true });
    throw error;
  } finally {
    await page.close();
  }
  return { letters, pageCount: letters.reduce((sum, letter) => sum + letter.pageCount, 0) };
}
