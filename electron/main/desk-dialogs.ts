import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { CallResult } from '../../shared/contract';
import { inboxDownloadFileName } from '../../shared/notify/inbox-download';
import { APP_ORIGIN, CHOOSE_WATCH_FOLDER_CHANNEL, SAVE_INBOX_DOWNLOAD_CHANNEL } from './ipc-channels';

/** The core as the main process reaches it. */
interface CoreCaller {
  call(name: unknown, args: unknown): Promise<CallResult<unknown>>;
}

const refused: CallResult<never> = { ok: false, error: { message: 'Calls from this page are refused.', code: 'untrusted-sender' } };
const fromAppPage = (event: IpcMainInvokeEvent): boolean => event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`) === true;

/**
 * The desktop app's own dialogs for the page: a folder to watch and where to save Notify's inbox download. The path
 * goes from the dialog to the core here, in the main process; the page gets an opaque token or the outcome, and
 * never names a path itself. Null when the person cancels the dialog.
 */
export function registerDeskDialogs(core: CoreCaller, window: () => BrowserWindow | null): void {
  ipcMain.handle(CHOOSE_WATCH_FOLDER_CHANNEL, async (event) => {
    if (!fromAppPage(event)) return refused;
    const options = { title: 'Choose the folder to watch', properties: ['openDirectory' as const, 'createDirectory' as const] };
    const parent = window();
    const chosen = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    const path = chosen.canceled ? undefined : chosen.filePaths[0];
    return path ? core.call('watchFolders.grantFolder', { path }) : null;
  });
  ipcMain.handle(SAVE_INBOX_DOWNLOAD_CHANNEL, async (event) => {
    if (!fromAppPage(event)) return refused;
    const options = { title: 'Save received text messages', defaultPath: inboxDownloadFileName(), filters: [{ name: 'CSV files', extensions: ['csv'] }] };
    const parent = window();
    const chosen = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return chosen.canceled || !chosen.filePath ? null : core.call('inbox.export', { path: chosen.filePath });
  });
}
