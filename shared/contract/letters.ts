import * as z from 'zod';
import { emptyArgs, idSchema } from './common';
import type { OutboxMessage } from './outbox';
import type { PermissionsFor } from './permissions';

/** Notify's limit for an uploaded letter is 2 MB; the desk takes files up to Notify's API limit, 5 MB. */
export const MAX_PDF_LETTER_BYTES = 5 * 1024 * 1024;
export const pdfLetterPostage = ['first', 'second', 'economy'] as const;

/**
 * Which letters: one import's (`batchId`), those sent one by one (`batchId: null`), or every letter in the post room
 * (no `batchId`).
 */
const letterScope = { batchId: idSchema.nullable().optional() };

/** A PDF chosen in the page, sent as bytes (desktop) or uploaded as a stream first (web mode): never a path. */
const pdfFile = {
  fileName: z.string().trim().min(1).max(255).optional(),
  contentBase64: z
    .string()
    .min(1)
    .max(Math.ceil(MAX_PDF_LETTER_BYTES / 3) * 4, 'The file must be smaller than 5MB')
    .optional(),
  uploadId: z.string().min(1).max(64).optional(),
};

export const letterHandlerArgs = {
  'letters.groups': emptyArgs,
  'letters.printers': emptyArgs,
  'letters.savePdf': z.object({ ...letterScope, jobId: idSchema.optional() }).strict(),
  'letters.print': z
    .object({ ...letterScope, printer: z.string().trim().min(1).max(255), jobId: idSchema.optional() })
    .strict(),
  'letters.markPosted': z.object(letterScope).strict(),
  /** Desktop app only: opens the folder of saved letter PDFs with this one selected. */
  'letters.showPdf': z.object({ fileName: z.string().min(1).max(255) }).strict(),
  'letters.checkPdf': z.object(pdfFile).strict(),
  'letters.sendPdf': z.object({ ...pdfFile, postage: z.enum(pdfLetterPostage).default('second') }).strict(),
} as const;

export const letterHandlerPermissions = {
  'letters.groups': 'import-spreadsheets',
  'letters.printers': 'import-spreadsheets',
  'letters.savePdf': 'import-spreadsheets',
  'letters.print': 'import-spreadsheets',
  'letters.markPosted': 'import-spreadsheets',
  'letters.showPdf': 'import-spreadsheets',
  'letters.checkPdf': 'send-messages',
  'letters.sendPdf': 'send-messages',
} as const satisfies PermissionsFor<typeof letterHandlerArgs>;

/** Letters in the post room from one import, or those sent one by one. */
export interface LetterPrintGroup {
  batchId: string | null;
  /** The imported file's name, or a description of letters sent one by one. */
  name: string;
  waitingToPrint: number;
  printed: number;
  posted: number;
  lastPrintedAt: string | null;
  lastPrintedBy: string | null;
}

export interface LetterPrinter {
  name: string;
  isDefault: boolean;
}

/** One PDF saved or one job sent to a printer. */
export interface LetterPrintRun {
  printRunId: string;
  letterCount: number;
  /** Pages of the letters, without the cover sheet. */
  pageCount: number;
  /** Letters printed before and printed again because nothing was waiting. */
  reprint: boolean;
}

/** How far the letters of a print run have been laid out (a PDF of 1,000 letters takes a minute or two). */
export interface LetterPrintProgress {
  jobId: string;
  done: number;
  total: number;
  finished: boolean;
}

/** Where web mode serves a saved letters PDF (by its name in the data folder's letter PDF folder) for download. */
export const LETTER_PDF_DOWNLOAD_PATH = '/letter-pdfs/';

/** One of Notify's reasons for refusing an uploaded letter, in the words of Notify's upload page. */
export interface PdfLetterProblem {
  code: string;
  title: string;
  detail: string;
  /** Pages concerned, from 1. */
  pages: number[];
}

export interface PdfLetterCheck {
  fileName: string;
  pageCount: number;
  /** The address as Notify reads it from the envelope window (lines), when it could be read. */
  addressLines: string[];
  /** Empty when Notify would accept the letter. */
  problems: PdfLetterProblem[];
}

export interface LetterHandlerResults {
  'letters.groups': { groups: LetterPrintGroup[] };
  'letters.printers': { printers: LetterPrinter[] };
  'letters.savePdf': LetterPrintRun & { fileName: string };
  'letters.print': LetterPrintRun & { printer: string; job: string | null };
  'letters.markPosted': { changed: number };
  'letters.showPdf': { path: string };
  'letters.checkPdf': PdfLetterCheck;
  'letters.sendPdf': { message: OutboxMessage; check: PdfLetterCheck };
}
