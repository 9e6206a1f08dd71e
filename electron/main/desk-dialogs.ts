import { dialog, type BrowserWindow } from 'electron';
import { inboxDownloadFileName } from '../../shared/notify/inbox-download';

type ParentWindow = () => BrowserWindow | null;

/** The app's own folder dialog, for a folder to watch: the chosen path, or null when cancelled. */
export async function showWatchFolderDialog(window: ParentWindow): Promise<string | null> {
  const options = {
    title: 'Choose the folder to watch',
    properties: ['openDirectory' as const, 'createDirectory' as const],
  };
  const parent = window();
  const chosen = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
}

/** The app's own save dialog, for Notify's inbox download: the chosen path, or null when cancelled. */
export async function showInboxSaveDialog(window: ParentWindow): Promise<string | null> {
  const options = {
    title: 'Save received text messages',
    defaultPath: inboxDownloadFileName(),
    filters: [{ name: 'CSV files', extensions: ['csv'] }],
  };
  const parent = window();
  const chosen = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
}
