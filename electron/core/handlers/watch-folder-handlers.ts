import type { HandlerMap } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { UserError } from '../dispatch';
import { loadTemplateForImport } from '../import/template-for-import';
import { FolderGrants } from '../watch-folder/folder-grants';
import type { WatchFolderRunner } from '../watch-folder/watch-folder-runner';
import {
  findWatchFolderByPath,
  getWatchFolder,
  listWatchFolders,
  recentWatchFolderFiles,
  removeWatchFolder,
  saveWatchFolder,
} from '../watch-folder/watch-folder-store';

type WatchFolderHandlerName =
  | 'watchFolders.list'
  | 'watchFolders.grantFolder'
  | 'watchFolders.save'
  | 'watchFolders.remove'
  | 'watchFolders.activity';

/** The administrator's watch folders, and what they have taken lately. */
export function createWatchFolderHandlers(
  ctx: CoreContext,
  runner: WatchFolderRunner,
): Pick<HandlerMap, WatchFolderHandlerName> {
  const grants = new FolderGrants();
  return {
    'watchFolders.list': async () => ({ folders: listWatchFolders(ctx.db).map((folder) => runner.describe(folder)) }),
    'watchFolders.grantFolder': async ({ path }) => grants.grant(path),
    'watchFolders.save': async ({ id, folderToken, templateId, sheet, mapping, excludeInvalid, sendTime }) => {
      const template = loadTemplateForImport(ctx.db, templateId);
      const existing = id ? getWatchFolder(ctx.db, id) : null;
      if (id && !existing) throw new UserError('That watch folder has been removed.', 'no-such-watch-folder');
      if (!existing && !folderToken) throw new UserError('Choose the folder to watch.', 'no-folder');
      const folder = folderToken ? grants.redeem(folderToken) : (existing?.folder as string);
      const other = findWatchFolderByPath(ctx.db, folder);
      if (other && other.id !== id)
        throw new UserError(`${folder} is already a watch folder (for ${other.templateName}).`, 'already-watched');
      ctx.policy.requireChannel(template.type);
      const savedId = saveWatchFolder(
        ctx.db,
        { id, folder, templateId: template.id, sheet: sheet || undefined, mapping, excludeInvalid, sendTime },
        ctx.user,
      );
      ctx.audit.record('watch-folder.saved', {
        watchFolderId: savedId,
        folder,
        template: template.name,
        excludeInvalid,
        sendTime,
      });
      await runner.reconcile();
      return { folder: runner.describe(getWatchFolder(ctx.db, savedId)!) };
    },
    'watchFolders.remove': async ({ id }) => {
      const folder = getWatchFolder(ctx.db, id)?.folder ?? null;
      const removed = removeWatchFolder(ctx.db, id);
      if (removed) ctx.audit.record('watch-folder.removed', { watchFolderId: id, folder });
      await runner.reconcile();
      return { removed };
    },
    'watchFolders.activity': async ({ limit }) => ({
      files: recentWatchFolderFiles(ctx.db, limit).map((row) => runner.fileWithProgress(row)),
    }),
  };
}
