import { existsSync, mkdirSync } from 'node:fs';
import { copyFile, rename, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ImportCheckReport } from '../../../shared/contract';

/** Where a watch folder's files go once taken: queued ones and refused ones, each with its report beside it. */
export const DONE_FOLDER = 'done';
export const FAILED_FOLDER = 'failed';
export const REPORT_SUFFIX = '.report.json';

/** What the desk did with a file, written beside it as JSON for the people and systems that dropped it. */
export interface DroppedFileReport {
  file: string;
  outcome: 'queued' | 'failed';
  /** Why nothing was queued (failed files only). */
  reason: string | null;
  template: string | null;
  batchId: string | null;
  rowsQueued: number;
  rowsRejected: number;
  /** When the batch starts sending (absent: at once). */
  sendAfter: string | null;
  /** Each problem, with its row as the sheet numbers it (header row 1): the first 50. */
  rejectedRows: { row: number; column: string | null; message: string }[];
  /** Every kind of problem and how many rows had it. */
  rejectedRowCounts: { message: string; count: number }[];
  /** Every rejected row with an added error column, beside this report. */
  rejectedRowsFile: string | null;
  warnings: { kind: string; message: string; count: number }[];
  contentHash: string | null;
  importedBy: string;
  finishedAt: string;
}

export function reportFromCheck(
  check: ImportCheckReport | null,
  fields: Pick<
    DroppedFileReport,
    | 'file'
    | 'outcome'
    | 'reason'
    | 'batchId'
    | 'rowsQueued'
    | 'rowsRejected'
    | 'sendAfter'
    | 'contentHash'
    | 'importedBy'
  > & {
    template: string | null;
  },
): DroppedFileReport {
  return {
    ...fields,
    rejectedRows: check?.errors.map(({ row, column, message }) => ({ row, column, message })) ?? [],
    rejectedRowCounts: check?.errorCounts ?? [],
    rejectedRowsFile: null,
    warnings: check?.warnings.map(({ kind, message, count }) => ({ kind, message, count })) ?? [],
    finishedAt: new Date().toISOString(),
  };
}

/** A name in `done/` or `failed/` that neither a file nor a report has yet: `name.csv`, then `name (2).csv`, … */
export function destinationFor(folder: string, outcome: 'done' | 'failed', fileName: string): string {
  const target = join(folder, outcome === 'done' ? DONE_FOLDER : FAILED_FOLDER);
  mkdirSync(target, { recursive: true });
  const extension = extname(fileName);
  const stem = basename(fileName, extension);
  for (let copy = 1; ; copy += 1) {
    const candidate = join(target, copy === 1 ? fileName : `${stem} (${copy})${extension}`);
    if (!existsSync(candidate) && !existsSync(`${candidate}${REPORT_SUFFIX}`)) return candidate;
  }
}

/** The report beside the file's destination, written whole (through a temporary name) or not at all. */
export async function writeReport(destination: string, report: DroppedFileReport): Promise<void> {
  const path = `${destination}${REPORT_SUFFIX}`;
  const partial = `${path}.partial`;
  await writeFile(partial, `${JSON.stringify(report, null, 2)}\n`);
  await rename(partial, path);
}

/** A copy of the rows set aside, beside the report; returns its name. */
export async function copyRejectedRows(destination: string, rejectedRowsFile: string): Promise<string> {
  const copy = `${destination}.rejected-rows${extname(rejectedRowsFile)}`;
  await copyFile(rejectedRowsFile, copy);
  return basename(copy);
}

/** Moves the dropped file into place; a file already gone (moved by an earlier run) is fine. */
export async function moveDroppedFile(path: string, destination: string): Promise<void> {
  try {
    await rename(path, destination);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
