import { basename } from 'node:path';
import type { ImportCheckReport, WatchFolderFile } from '../../../shared/contract';
import { nextUkTimeOfDay } from '../../../shared/notify/uk-time';
import { newId, nowIso } from '../clock';
import type { Db } from '../database/open-database';
import { examineFile, type ExaminedFile } from '../import/examine-file';
import { ImportError } from '../import/import-error';
import { checkImport, queueImport, rejectedRowsFolder, type ImportRun } from '../import/run-import';
import { loadTemplateForImport, type TemplateForImport } from '../import/template-for-import';
import type { DeskPolicy } from '../policy/desk-policy';
import { CLAIM_LEASE_MS, claimFile, endClaim, releaseClaim, renewClaim } from './file-claims';
import {
  copyRejectedRows,
  destinationFor,
  moveDroppedFile,
  reportFromCheck,
  writeReport,
  type DroppedFileReport,
} from './file-report';
import {
  getWatchFolderFile,
  toWatchFolderFile,
  type WatchFolderFileRow,
  type WatchSettings,
} from './watch-folder-store';

export interface TakeContext {
  db: Db;
  dataDir: string;
  user: string;
  /** The organisation's policy: a file for a kind of message it does not allow fails with its sentence. */
  policy: Pick<DeskPolicy, 'requireChannel'>;
  signal?: AbortSignal;
  /** Every change of the file's record, and its progress while it is imported. */
  onFile?: (file: WatchFolderFile) => void;
  /** A batch was queued. */
  afterQueue?: () => void;
}

/**
 * `done` and `failed`: the file was moved there with its report. `left`: it stays where it is, for now (gone, or still
 * being written). `retry`: it could not be taken now (locked, the same content being imported, something that is not
 * the file's fault); try again later.
 */
export type TakeOutcome = 'done' | 'failed' | 'left' | 'retry';

export interface TakeResult {
  outcome: TakeOutcome;
  file: WatchFolderFile | null;
  /** Why a file was left or will be retried. */
  message?: string;
}

const PROGRESS_EVERY_MS = 250;

/** ImportErrors that say the file is not ready to read yet, rather than that it is wrong. */
const NOT_READY_CODES = new Set(['file-missing', 'file-locked', 'file-changed', 'cancelled']);

/**
 * Takes one complete file from a watch folder exactly as the import page would import it (the same reading, checks,
 * duplicate warnings and queuing, run-import's own code) with the folder's template, column matches and
 * exclude-invalid policy, then moves it to `done/` or `failed/` with a report beside it. The content hash is claimed
 * in the database first, so the same content is never queued twice, whatever restarts in between.
 */
export async function takeDroppedFile(ctx: TakeContext, settings: WatchSettings, path: string): Promise<TakeResult> {
  const fileName = basename(path);
  let examined: ExaminedFile;
  try {
    examined = await examineFile(path, fileName, ctx.signal);
  } catch (error) {
    if (error instanceof ImportError && !NOT_READY_CODES.has(error.code))
      return fail(ctx, settings, path, newFailedRow(ctx.db, settings, fileName, null), error.message);
    return {
      outcome: error instanceof ImportError && error.code !== 'file-locked' ? 'left' : 'retry',
      file: null,
      message: messageOf(error),
    };
  }
  const claim = claimFile(ctx.db, settings, fileName, examined.contentHash);
  switch (claim.kind) {
    case 'busy':
      return {
        outcome: 'retry',
        file: null,
        message: `${fileName} has the same content as a file being imported now; it is looked at again once that one is done.`,
      };
    case 'duplicate':
      return fail(ctx, settings, path, newFailedRow(ctx.db, settings, fileName, examined.contentHash), claim.reason);
    case 'finish':
      return finishQueued(ctx, path, claim.row);
    case 'adopt':
      return adoptBatch(ctx, settings, path, examined, claim.row, claim.batchId);
    case 'import':
      return importFile(ctx, settings, path, examined, claim.row);
  }
}

async function importFile(
  ctx: TakeContext,
  settings: WatchSettings,
  path: string,
  file: ExaminedFile,
  row: WatchFolderFileRow,
): Promise<TakeResult> {
  let template: TemplateForImport;
  try {
    template = loadTemplateForImport(ctx.db, settings.templateId);
    ctx.policy.requireChannel(template.type);
  } catch (error) {
    return fail(ctx, settings, path, row, messageOf(error));
  }
  announce(ctx, row, { stage: 'reading', rows: 0 });
  const sendAt = settings.sendTime ? nextUkTimeOfDay(settings.sendTime).toISOString() : undefined;
  const heartbeat = setInterval(() => renewClaim(ctx.db, row.id), CLAIM_LEASE_MS / 4);
  let lastProgressMs = 0;
  try {
    const result = await queueImport(
      importRun(ctx, settings, file, template, (stage, rows) => {
        if (Date.now() - lastProgressMs < PROGRESS_EVERY_MS) return;
        lastProgressMs = Date.now();
        announce(ctx, row, { stage, rows });
      }),
      {
        excludeInvalid: settings.excludeInvalid,
        sendAt,
        importedBy: ctx.user,
        rejectedRowsFolder: rejectedRowsFolder(ctx.dataDir),
      },
    );
    if (!result.batchId)
      return await fail(
        ctx,
        settings,
        path,
        row,
        blockedReason(result.report, settings.excludeInvalid),
        result.report,
        template.name,
      );
    ctx.afterQueue?.();
    const report = reportFromCheck(result.report, {
      file: row.file_name,
      outcome: 'queued',
      reason: null,
      template: template.name,
      batchId: result.batchId,
      rowsQueued: result.queued,
      rowsRejected: result.rejected,
      sendAfter: sendAt ?? null,
      contentHash: file.contentHash,
      importedBy: ctx.user,
    });
    return await recordQueued(ctx, path, row, report, result.rejectedRowsFile);
  } catch (error) {
    if (error instanceof ImportError && !NOT_READY_CODES.has(error.code))
      return fail(ctx, settings, path, row, error.message, null, template.name);
    releaseClaim(ctx.db, row);
    announce(ctx, { ...row, state: 'importing' }, null);
    return { outcome: error instanceof ImportError ? 'left' : 'retry', file: null, message: messageOf(error) };
  } finally {
    clearInterval(heartbeat);
  }
}

/** An import of this file queued its batch but stopped before recording it: the batch stands, with a report made again. */
async function adoptBatch(
  ctx: TakeContext,
  settings: WatchSettings,
  path: string,
  file: ExaminedFile,
  row: WatchFolderFileRow,
  batchId: string,
): Promise<TakeResult> {
  const batch = ctx.db
    .prepare('SELECT queued_count, rejected_count, send_after, created_at FROM batches WHERE id = ?')
    .get(batchId) as {
    queued_count: number;
    rejected_count: number;
    send_after: string;
    created_at: string;
  };
  let check: ImportCheckReport | null = null;
  let templateName: string | null = null;
  try {
    const template = loadTemplateForImport(ctx.db, settings.templateId);
    templateName = template.name;
    check = await checkImport(importRun(ctx, settings, file, template, undefined));
    // The batch itself is the "imported today" the check finds.
    check = { ...check, warnings: check.warnings.filter((warning) => warning.kind !== 'file-imported-today') };
  } catch {
    // The counts come from the batch; only the rows' reasons are missing from the report.
  }
  const report = reportFromCheck(check, {
    file: row.file_name,
    outcome: 'queued',
    reason: null,
    template: templateName,
    batchId,
    rowsQueued: batch.queued_count,
    rowsRejected: batch.rejected_count,
    sendAfter: batch.send_after > batch.created_at ? batch.send_after : null,
    contentHash: file.contentHash,
    importedBy: ctx.user,
  });
  return recordQueued(ctx, path, row, report, null);
}

function importRun(
  ctx: TakeContext,
  settings: WatchSettings,
  file: ExaminedFile,
  template: TemplateForImport,
  onProgress: ImportRun['onProgress'],
): ImportRun {
  return {
    db: ctx.db,
    file,
    sheet: settings.sheet,
    template,
    mapping: settings.mapping ?? undefined,
    signal: ctx.signal,
    onProgress,
  };
}

/** Records the batch with the report and the file's place in `done/` (one update), then writes the report and moves the file. */
async function recordQueued(
  ctx: TakeContext,
  path: string,
  row: WatchFolderFileRow,
  report: DroppedFileReport,
  rejectedRowsFile: string | null,
): Promise<TakeResult> {
  const destination = destinationFor(row.folder, 'done', row.file_name);
  const withRows = rejectedRowsFile
    ? { ...report, rejectedRowsFile: await copyRejectedRows(destination, rejectedRowsFile) }
    : report;
  ctx.db
    .prepare(
      `UPDATE watch_folder_files SET state = 'queued', batch_id = ?, queued = ?, rejected = ?, report = ?, moved_to = ? WHERE id = ?`,
    )
    .run(withRows.batchId, withRows.rowsQueued, withRows.rowsRejected, JSON.stringify(withRows), destination, row.id);
  return finishQueued(ctx, path, getWatchFolderFile(ctx.db, row.id));
}

/** The last steps of a queued file, safe to run again after a restart: the report, the move, the record. */
async function finishQueued(ctx: TakeContext, path: string, row: WatchFolderFileRow): Promise<TakeResult> {
  try {
    await writeReport(row.moved_to as string, JSON.parse(row.report as string) as DroppedFileReport);
    await moveDroppedFile(path, row.moved_to as string);
  } catch (error) {
    endClaim(row);
    return { outcome: 'retry', file: toWatchFolderFile(row), message: messageOf(error) };
  }
  ctx.db
    .prepare(
      `UPDATE watch_folder_files SET state = 'done', owner = NULL, lease_until = NULL, finished_at = ? WHERE id = ?`,
    )
    .run(nowIso(), row.id);
  endClaim(row);
  return { outcome: 'done', file: announce(ctx, getWatchFolderFile(ctx.db, row.id), null) };
}

function newFailedRow(
  db: Db,
  settings: WatchSettings,
  fileName: string,
  contentHash: string | null,
): WatchFolderFileRow {
  const row = {
    id: newId(),
    watch_folder_id: settings.watchFolderId,
    folder: settings.folder,
    file_name: fileName,
    content_hash: contentHash,
    started_at: nowIso(),
  };
  db.prepare(
    `INSERT INTO watch_folder_files (id, watch_folder_id, folder, file_name, content_hash, state, started_at)
     VALUES (@id, @watch_folder_id, @folder, @file_name, @content_hash, 'failed', @started_at)`,
  ).run(row);
  return getWatchFolderFile(db, row.id);
}

/** Nothing of the file was queued: it goes to `failed/` with the reason and the rows' problems beside it. */
async function fail(
  ctx: TakeContext,
  settings: WatchSettings,
  path: string,
  row: WatchFolderFileRow,
  reason: string,
  check: ImportCheckReport | null = null,
  templateName: string | null = null,
): Promise<TakeResult> {
  const destination = destinationFor(settings.folder, 'failed', row.file_name);
  const report = reportFromCheck(check, {
    file: row.file_name,
    outcome: 'failed',
    reason,
    template: templateName,
    batchId: null,
    rowsQueued: 0,
    rowsRejected: check?.invalid ?? 0,
    sendAfter: null,
    contentHash: row.content_hash,
    importedBy: ctx.user,
  });
  ctx.db
    .prepare(
      `UPDATE watch_folder_files SET state = 'failed', reason = ?, report = ?, moved_to = ?, rejected = ?, owner = NULL, lease_until = NULL,
         finished_at = ? WHERE id = ?`,
    )
    .run(reason, JSON.stringify(report), destination, report.rowsRejected, nowIso(), row.id);
  endClaim(row);
  try {
    await writeReport(destination, report);
    await moveDroppedFile(path, destination);
  } catch (error) {
    return { outcome: 'retry', file: toWatchFolderFile(getWatchFolderFile(ctx.db, row.id)), message: messageOf(error) };
  }
  return { outcome: 'failed', file: announce(ctx, getWatchFolderFile(ctx.db, row.id), null) };
}

/** Why a checked file queued nothing, in the words the import page uses. */
function blockedReason(report: ImportCheckReport, excludeInvalid: boolean): string {
  if (report.fileError) return report.fileError;
  if (report.missingColumns.length > 0) {
    return `The file is missing ${report.missingColumns.length === 1 ? 'a column' : 'columns'} the template needs: ${report.missingColumns.join(', ')}.`;
  }
  if (report.valid === 0)
    return `None of the ${report.rows} rows can be sent: each has a problem (listed in rejectedRows).`;
  if (report.invalid > 0 && !excludeInvalid) {
    return `${report.invalid} of ${report.rows} rows have problems (listed in rejectedRows), so nothing was queued. Correct them and drop the file again, or let this watch folder queue the valid rows and set the rest aside.`;
  }
  return 'Nothing was queued.';
}

function announce(ctx: TakeContext, row: WatchFolderFileRow, progress: WatchFolderFile['progress']): WatchFolderFile {
  const file = toWatchFolderFile(row, progress);
  ctx.onFile?.(file);
  return file;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
