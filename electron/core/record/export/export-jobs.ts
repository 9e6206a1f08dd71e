import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  RECORD_EXPORT_DOWNLOAD_PATH,
  type HandlerArgs,
  type RecordExportFormat,
  type RecordExportResult,
  type RecordFilter,
} from '../../../../shared/contract';
import type { Db } from '../../database/open-database';
import { newId } from '../../clock';
import type { CoreContext } from '../../core-context';
import { batchReport, messagesReport, type ReportSource } from './report-source';
import { writeReport } from './write-report';

/** The desktop app's save dialog, shown by the main process: the chosen path, or null when closed. */
export type ChooseExportDestination = (suggestedFileName: string) => Promise<string | null>;

const DOWNLOAD_ID = /^[0-9a-f]{32}$/;
const STALE_DOWNLOAD_MS = 86_400_000;

export const exportDownloadsFolder = (dataDir: string): string => join(dataDir, 'exports');

/** A finished export waiting to be downloaded (web mode), by its id; null when there is none. */
export async function findExportDownload(
  dataDir: string,
  downloadId: string,
): Promise<{ path: string; fileName: string; sizeBytes: number } | null> {
  if (!DOWNLOAD_ID.test(downloadId)) return null;
  const folder = join(exportDownloadsFolder(dataDir), downloadId);
  const names = await readdir(folder).catch(() => [] as string[]);
  const fileName = names.find((name) => !name.startsWith('.'));
  if (!fileName) return null;
  const path = join(folder, fileName);
  return { path, fileName, sizeBytes: (await stat(path)).size };
}

export async function removeExportDownload(dataDir: string, downloadId: string): Promise<void> {
  if (DOWNLOAD_ID.test(downloadId))
    await rm(join(exportDownloadsFolder(dataDir), downloadId), { recursive: true, force: true });
}

/** Exports not downloaded within a day are removed (they hold personal data). */
async function removeStaleDownloads(dataDir: string): Promise<void> {
  const folder = exportDownloadsFolder(dataDir);
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const info = await stat(join(folder, name)).catch(() => null);
    if (info && Date.now() - info.mtimeMs > STALE_DOWNLOAD_MS)
      await rm(join(folder, name), { recursive: true, force: true });
  }
}

export interface ExportToFileOptions {
  filter: RecordFilter;
  batchId?: string;
  format: RecordExportFormat;
  destination: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** An export to a path the host chose itself (the command line's --out); the UI never names a path. */
export function exportToFile(db: Db, options: ExportToFileOptions): Promise<number> {
  const writeOptions = { signal: options.signal, onProgress: options.onProgress };
  return options.batchId
    ? writeReport(batchReport(db, options.batchId), options.format, options.destination, writeOptions)
    : writeReport(messagesReport(db, options.filter), options.format, options.destination, writeOptions);
}

/**
 * Where an export goes: the path the desktop's save dialog gave (null when the person closed it), or a new download
 * folder of its own (web mode), removed if the export fails.
 */
export async function exportDestination(
  dataDir: string,
  chooseDestination: ChooseExportDestination | undefined,
  fileName: string,
): Promise<{ destination: string; downloadId: string | null } | null> {
  if (chooseDestination) {
    const chosen = await chooseDestination(fileName);
    return chosen ? { destination: chosen, downloadId: null } : null;
  }
  const downloadId = randomBytes(16).toString('hex');
  const folder = join(exportDownloadsFolder(dataDir), downloadId);
  await mkdir(folder, { recursive: true });
  return { destination: join(folder, fileName), downloadId };
}

/** Where web mode's page fetches a finished export. */
export const exportDownloadPath = (downloadId: string | null): string | null =>
  downloadId ? `${RECORD_EXPORT_DOWNLOAD_PATH}${downloadId}` : null;

/** The export calls: one job per export, cancellable by its id, with progress pushed as `record.exportProgress`. */
export function createExportJobs(ctx: CoreContext, chooseDestination?: ChooseExportDestination) {
  const jobs = new Map<string, AbortController>();
  void removeStaleDownloads(ctx.dataDir);

  async function run(args: HandlerArgs<'record.export'>): Promise<RecordExportResult> {
    const jobId = args.jobId ?? newId();
    const controller = new AbortController();
    jobs.set(jobId, controller);
    const source: ReportSource = args.batchId ? batchReport(ctx.db, args.batchId) : messagesReport(ctx.db, args.filter);
    const fileName = `${source.suggestedName.replace(/[\\/:*?"<>|]/g, '-')}.${args.format}`;
    let done = 0;
    const progress = (finished: boolean) =>
      ctx.events.emit('record.exportProgress', { jobId, done, total: source.total, finished });
    try {
      const chosen = await exportDestination(ctx.dataDir, chooseDestination, fileName);
      if (!chosen) return { rows: 0, fileName, saved: false, downloadPath: null };
      const { destination, downloadId } = chosen;
      progress(false);
      try {
        const rows = await writeReport(source, args.format, destination, {
          signal: controller.signal,
          onProgress: (written) => {
            done = written;
            progress(false);
          },
        });
        ctx.audit.record('record.exported', {
          filter: args.filter,
          batchId: args.batchId ?? null,
          format: args.format,
          rows,
          fileName,
        });
        return { rows, fileName, saved: chooseDestination !== undefined, downloadPath: exportDownloadPath(downloadId) };
      } catch (error) {
        if (downloadId) await removeExportDownload(ctx.dataDir, downloadId);
        throw error;
      }
    } finally {
      jobs.delete(jobId);
      progress(true);
    }
  }

  return {
    run,
    cancel(jobId: string): boolean {
      const job = jobs.get(jobId);
      job?.abort();
      return job !== undefined;
    },
  };
}
