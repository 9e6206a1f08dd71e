import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHOOSE_WATCH_FOLDER_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL, SAVE_INBOX_DOWNLOAD_CHANNEL } from '../main/ipc-channels';

type Listener = (payload: unknown) => void;

// The page gets a few functions: call a named handler, listen to a named event, find where a file the user chose or
// dropped lives on disk (Electron no longer gives File a path), and open the app's own folder and save dialogs.
contextBridge.exposeInMainWorld('notifyDesk', {
  invoke: (name: string, args: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, name, args),
  on: (event: string, listener: Listener) => {
    const forward = (_: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
  chooseWatchFolder: () => ipcRenderer.invoke(CHOOSE_WATCH_FOLDER_CHANNEL),
  saveInboxDownload: () => ipcRenderer.invoke(SAVE_INBOX_DOWNLOAD_CHANNEL),
});
