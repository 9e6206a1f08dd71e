import { BrowserWindow, dialog } from 'electron';

const FILTERS: Record<string, Electron.FileFilter> = {
  csv: { name: 'CSV (comma-separated values)', extensions: ['csv'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
};

/** The app's own save dialog, in the main process: the renderer never sees or names a path. */
export async function chooseExportDestination(suggestedFileName: string): Promise<string | null> {
  const extension = suggestedFileName.split('.').pop() ?? '';
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const options: Electron.SaveDialogOptions = {
    title: 'Save the report',
    defaultPath: suggestedFileName,
    filters: FILTERS[extension] ? [FILTERS[extension]] : [],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}
