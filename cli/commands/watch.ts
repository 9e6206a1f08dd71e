import { resolve } from 'node:path';
import type { WatchFolderFile } from '../../shared/contract';
import { parseTimeOfDay } from '../../shared/notify/uk-time';
import { UsageError, type CliCommand, type CliEnvironment } from '../command';
import { parseOptions, parsePairs } from '../parse-options';
import type { TakeResult } from '../../electron/core/watch-folder/take-dropped-file';
import type { WatchSettings } from '../../electron/core/watch-folder/watch-folder-store';

function describeFile(file: WatchFolderFile): string {
  if (file.state === 'failed') return `${file.fileName}: not queued. ${file.reason ?? ''} Moved to ${file.movedTo}`;
  const rejected = file.rejected > 0 ? `, ${file.rejected} rows set aside` : '';
  return `${file.fileName}: queued ${file.queued} messages as batch ${file.batchId}${rejected}. Moved to ${file.movedTo}`;
}

function report(env: CliEnvironment, result: TakeResult): void {
  if (result.outcome === 'done' || result.outcome === 'failed') {
    if (result.file && env.json) env.out(JSON.stringify(result.file));
    else if (result.file) (result.outcome === 'done' ? env.out : env.err)(describeFile(result.file));
  } else if (result.message && !env.json) {
    env.err(result.message);
  }
}

export const watchCommand: CliCommand = {
  name: 'watch',
  summary:
    'Import and queue each complete CSV or XLSX file dropped in FOLDER, moving it to done/ or failed/ with a report',
  usage:
    'watch FOLDER --template NAME [--exclude-invalid] [--once] [--sheet NAME] [--map COLUMN=PLACEHOLDER ...] [--send-time HH:MM] [--settle-ms N]',
  examples: [
    'watch //fileserver/post-room/reminders --template "Council tax reminder" --exclude-invalid',
    'watch C:\\exports\\receipts --template Receipt --once',
  ],
  run: async (args, env) => {
    const { values, positionals } = parseOptions(
      args,
      {
        template: { type: 'string' },
        'exclude-invalid': { type: 'boolean' },
        once: { type: 'boolean' },
        sheet: { type: 'string' },
        map: { type: 'string', multiple: true },
        'send-time': { type: 'string' },
        'settle-ms': { type: 'string' },
      },
      true,
    );
    const [given, ...extra] = positionals;
    if (!given || extra.length > 0) throw new UsageError('watch needs exactly one FOLDER');
    if (!values.template) throw new UsageError('watch needs --template NAME');
    const settleMs = values['settle-ms'] === undefined ? undefined : Number(values['settle-ms']);
    if (settleMs !== undefined && (!Number.isInteger(settleMs) || settleMs < 100))
      throw new UsageError('--settle-ms takes a whole number of milliseconds, at least 100');
    if (values['send-time'] !== undefined && !parseTimeOfDay(values['send-time']))
      throw new UsageError('--send-time takes a time as HH:MM, for example 09:30');
    const mapping = Object.fromEntries(
      Object.entries(parsePairs(values.map, '--map')).map(([column, placeholder]) => [
        column,
        placeholder === '' ? null : placeholder,
      ]),
    );
    const [
      core,
      { ImportError },
      { findTemplateIdByName },
      { FolderWatcher, takeCompleteFilesOnce },
      { takeDroppedFile },
      { folderProblem },
    ] = await Promise.all([
      env.openCore(),
      import('../../electron/core/import/import-error'),
      import('../../electron/core/import/template-for-import'),
      import('../../electron/core/watch-folder/folder-watcher'),
      import('../../electron/core/watch-folder/take-dropped-file'),
      import('../../electron/core/watch-folder/watch-folder-runner'),
    ]);
    core.ctx.person.require('import-spreadsheets');
    const folder = resolve(given);
    const problem = folderProblem(folder);
    if (problem) throw new ImportError('no-such-folder', problem);
    const templateId = findTemplateIdByName(core.ctx.db, values.template);
    if (!templateId)
      throw new ImportError(
        'no-such-template',
        `There is no template called "${values.template}". See notify-desk template list.`,
      );
    const settings: WatchSettings = {
      watchFolderId: null,
      folder,
      templateId,
      sheet: values.sheet,
      mapping: Object.keys(mapping).length > 0 ? mapping : null,
      excludeInvalid: values['exclude-invalid'] === true,
      sendTime: values['send-time'] ?? null,
    };
    const abort = new AbortController();
    void env.stopRequested.then(() => abort.abort());
    const take = async (path: string): Promise<TakeResult> => {
      const result = await takeDroppedFile(
        { db: core.ctx.db, dataDir: env.dataDir, user: core.ctx.user, policy: core.ctx.policy, signal: abort.signal },
        settings,
        path,
      );
      if (!(values.once && env.json)) report(env, result);
      return result;
    };

    if (values.once) {
      const { results, stillWriting } = await takeCompleteFilesOnce(folder, take, settleMs);
      const failed = results.filter((result) => result.outcome !== 'done').length;
      if (env.json) {
        env.out(
          JSON.stringify({ files: results.flatMap((result) => (result.file ? [result.file] : [])), stillWriting }),
        );
      } else {
        for (const name of stillWriting) env.err(`${name} is still being written: it is left for the next run.`);
        env.out(`${results.length - failed} of ${results.length} files queued`);
      }
      return failed > 0 ? 1 : 0;
    }
    const watcher = new FolderWatcher(folder, { settleMs, take, onProblem: (message) => message && env.err(message) });
    await watcher.start();
    env.out(
      env.json
        ? JSON.stringify({ watching: folder })
        : `Watching ${folder} (Ctrl+C to stop). Queued messages are sent by the desktop app or notify-desk sync.`,
    );
    await env.stopRequested;
    await watcher.stop();
    return 0;
  },
};
