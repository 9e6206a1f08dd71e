import { readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PurgeSummary } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { rejectedRowsFolder, uploadFolder } from '../import/import-files';
import { letterPdfFolder } from '../letters/print-run';
import { exportDownloadsFolder } from '../record/export/export-jobs';
import { REPORT_SUFFIX, type DroppedFileReport } from '../watch-folder/file-report';

export type FilePurgeCounts = PurgeSummary['files'];

/** Files or folders directly inside `folder` last changed before `beforeMs`: each one upload, export, PDF or file of rows. */
async function entriesChangedBefore(folder: string, beforeMs: number): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const old: string[] = [];
  for (const name of names) {
    const info = await stat(join(folder, name)).catch(() => null);
    if (info && info.mtimeMs < beforeMs) old.push(join(folder, name));
  }
  return old;
}

interface WatchFolderCopyRow {
  id: string;
  moved_to: string;
  report: string | null;
}

/** A file taken from a watch folder leaves its spreadsheet, its report and the rows set aside beside each other. */
function watchFolderCopies(row: WatchFolderCopyRow): string[] {
  let rejectedRowsFile: string | null = null;
  try {
    rejectedRowsFile = row.report ? (JSON.parse(row.report) as DroppedFileReport).rejectedRowsFile : null;
  } catch {
    // A report that cannot be read names no file of rows.
  }
  return [
    row.moved_to,
    `${row.moved_to}${REPORT_SUFFIX}`,
    ...(rejectedRowsFile ? [join(dirname(row.moved_to), rejectedRowsFile)] : []),
  ];
}

/**
 * The files the desk wrote that hold personal data, older than `before`: spreadsheets uploaded to web mode, files of
 * rows set aside, letter PDFs, exports waiting to be downloaded, and what it left in watch folders (whose note in the
 * database then forgets the report and the place). A dry run only counts them.
 */
export async function purgeFiles(db: Db, dataDir: string, before: string, dryRun: boolean): Promise<FilePurgeCounts> {
  const beforeMs = Date.parse(before);
  const folders = {
    uploads: uploadFolder(dataDir),
    rejectedRowsFiles: rejectedRowsFolder(dataDir),
    letterPdfs: letterPdfFolder(dataDir),
    exportDownloads: exportDownloadsFolder(dataDir),
  } as const;
  const counts: FilePurgeCounts = {
    uploads: 0,
    rejectedRowsFiles: 0,
    watchFolderCopies: 0,
    letterPdfs: 0,
    exportDownloads: 0,
  };
  for (const [kind, folder] of Object.entries(folders) as [keyof typeof folders, string][]) {
    const old = await entriesChangedBefore(folder, beforeMs);
    counts[kind] = old.length;
    if (!dryRun) for (const path of old) await rm(path, { recursive: true, force: true });
  }

  const taken = db
    .prepare(
      `SELECT id, moved_to, report FROM watch_folder_files WHERE started_at < ? AND moved_to IS NOT NULL AND (state = 'done' OR state = 'failed')`,
    )
    .all(before) as WatchFolderCopyRow[];
  counts.watchFolderCopies = taken.length;
  if (!dryRun) {
    const forget = db.prepare('UPDATE watch_folder_files SET moved_to = NULL, report = NULL WHERE id = ?');
    for (const row of taken) {
      for (const path of watchFolderCopies(row)) await rm(path, { force: true });
      forget.run(row.id);
    }
  }
  return counts;
}
