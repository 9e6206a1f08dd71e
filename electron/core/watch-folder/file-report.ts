import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { chmod, copyFile, rename, writeFile } from 'node:fs/promises';
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

// A watch folder is shared with the post room and the system that drops files there: what the desk writes into it is
// readable by them, though the desk creates its own files for its user only.
const SHARED_FOLDER_MODE = 0o755;
const SHARED_FILE_MODE = 0o644;

/** A name in `done/` or `failed/` that neither a file nor a report has yet: `name.csv`, then `name (2).csv`, … */
export function destinationFor(folder: string, outcome: 'done' | 'failed', fileName: string): string {
  const target = join(folder, outcome === 'done' ? DONE_FOLDER : FAILED_FOLDER);
  if (!existsSync(target)) {
    mkdirSync(target, { recursive: true });
    chmodSync(target, SHARED_FOLDER_MODE);
  }
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
  await writeFile(partial, `${JSON.stringify(report, null, 2)}\n`, { mode: SHARED_FILE_MODE });
  await chmod(partial, SHARED_FILE_MODE);
  await rename(partial, path);
}

/** A copy of the rows set aside, beside the report; returns its name. */
export async function copyRejectedRows(destination: string, rejectedRowsFile: string): Promise<string> {
  const copy = `${destination}.rejected-rows${extname(rejectedRowsFile)}`;
  await copyFile(rejectedRowsFile, copy);
  await chmod(copy, SHARED_FILE_MODE);
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
