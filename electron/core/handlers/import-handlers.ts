import type { HandlerMap, ImportStage } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { UserError } from '../dispatch';
import { batchImportedToday, discardInterruptedImports } from '../import/batch-writer';
import { ColumnMappingStore } from '../import/column-mapping';
import { ImportFiles } from '../import/import-files';
import type { ImportRun } from '../import/run-import';
import { loadTemplateForImport } from '../import/template-for-import';
import { requireTemplateUse } from '../policy/template-use';
import type { UploadStore } from '../uploads/upload-store';
import { newId } from '../clock';

type ImportHandlerName =
  | 'imports.inspect'
  | 'imports.check'
  | 'imports.preview'
  | 'imports.queue'
  | 'imports.cancel'
  | 'imports.mapping'
  | 'imports.showRejectedRows';

export interface ImportHandlerOptions {
  /** Called once a batch is ready (to wake the sender). */
  afterQueue?: () => void;
  /** Rows allowed in one import (Notify's 100,000 unless set otherwise). */
  maxRows?: number;
  /** The desktop app's file manager, opened on a file; other hosts have none. */
  showItemInFolder?: (path: string) => void;
  /** The session's inspected files; the host clears their uploaded copies when the core closes. */
  files?: ImportFiles;
  /** Files web pages uploaded as streams (when the handlers make their own `files`). */
  uploads?: UploadStore;
}

// The readers (character sets, CSV, XLSX) and the rest of the pipeline load with the first import, not with the core:
// most sessions of the command line never import.
const pipeline = () => import('../import/run-import');

/** The import page's calls. Long work runs in chunks that yield to the event loop, and can be cancelled by job id. */
export function createImportHandlers(
  ctx: CoreContext,
  options: ImportHandlerOptions = {},
): Pick<HandlerMap, ImportHandlerName> {
  const files = options.files ?? new ImportFiles(ctx.dataDir, options.uploads);
  const jobs = new Map<string, AbortController>();
  discardInterruptedImports(ctx.db);

  async function withJob<T>(
    jobId: string | undefined,
    work: (
      signal: AbortSignal,
      progress: (stage: ImportStage, done: number, total?: number | null) => void,
    ) => Promise<T>,
  ): Promise<T> {
    const id = jobId ?? newId();
    const controller = new AbortController();
    jobs.set(id, controller);
    let lastStage: ImportStage = 'reading';
    let lastDone = 0;
    const progress = (stage: ImportStage, done: number, total: number | null = null): void => {
      lastStage = stage;
      lastDone = done;
      ctx.events.emit('import.progress', { jobId: id, stage, done, total, finished: false });
    };
    try {
      return await work(controller.signal, progress);
    } finally {
      jobs.delete(id);
      ctx.events.emit('import.progress', {
        jobId: id,
        stage: lastStage,
        done: lastDone,
        total: lastDone,
        finished: true,
      });
    }
  }

  /** The template an import renders, once the person may use it and the policy allows its kind of message. */
  const templateToImport = (templateId: string) => {
    const template = loadTemplateForImport(ctx.db, templateId);
    requireTemplateUse(ctx, template);
    return template;
  };

  const importRun = (
    args: { fileId: string; sheet?: string; templateId: string; mapping?: Record<string, string | null> },
    signal: AbortSignal,
    onProgress: ImportRun['onProgress'],
  ): ImportRun => ({
    db: ctx.db,
    file: files.get(args.fileId),
    sheet: args.sheet,
    template: templateToImport(args.templateId),
    mapping: args.mapping,
    maxRows: options.maxRows,
    signal,
    onProgress,
  });

  return {
    'imports.inspect': ({ source, jobId }) =>
      withJob(jobId, async (signal, progress) => {
        const { fileId, file } = await files.add(source, signal);
        const { inspectSheets } = await import('../import/inspect-file');
        const sheets = await inspectSheets(file, { signal, onRows: (rows) => progress('reading', rows) });
        return {
          fileId,
          fileName: file.fileName,
          kind: file.kind,
          sizeBytes: file.sizeBytes,
          contentHash: file.contentHash,
          sheets,
          importedToday: batchImportedToday(ctx.db, file.contentHash),
        };
      }),
    'imports.check': (args) =>
      withJob(args.jobId, async (signal, progress) =>
        (await pipeline()).checkImport(importRun(args, signal, progress)),
      ),
    'imports.preview': (args) =>
      withJob(undefined, async (signal) =>
        (await pipeline()).previewImportRow(importRun(args, signal, undefined), args.row),
      ),
    'imports.queue': (args) =>
      withJob(args.jobId, async (signal, progress) => {
        const { queueImport, rejectedRowsFolder } = await pipeline();
        const result = await queueImport(importRun(args, signal, progress), {
          excludeInvalid: args.excludeInvalid,
          sendAt: args.sendAt,
          importedBy: ctx.user,
          rejectedRowsFolder: rejectedRowsFolder(ctx.dataDir),
        });
        if (result.batchId) options.afterQueue?.();
        return result;
      }),
    'imports.cancel': async ({ jobId }) => {
      const job = jobs.get(jobId);
      job?.abort();
      return { cancelled: job !== undefined };
    },
    'imports.mapping': async ({ templateId }) => ({ mapping: new ColumnMappingStore(ctx.db).load(templateId) }),
    'imports.showRejectedRows': async ({ fileName }) => {
      const { showItemInFolder } = options;
      if (!showItemInFolder)
        throw new UserError('Only the desktop app can open a folder. Download the file instead.', 'desktop-only');
      const [{ findRejectedRowsFile }, { rejectedRowsFolder }] = await Promise.all([
        import('../import/rejected-rows-file'),
        pipeline(),
      ]);
      const saved = await findRejectedRowsFile(rejectedRowsFolder(ctx.dataDir), fileName);
      if (!saved) {
        throw new UserError(
          `${fileName} is not in the rejected-rows folder of the data folder any more: it may have been moved or deleted.`,
          'no-such-file',
        );
      }
      showItemInFolder(saved.path);
      return { path: saved.path };
    },
  };
}
