import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  CHOOSE_IMPORT_FILE_CHANNEL,
  CHOOSE_WATCH_FOLDER_CHANNEL,
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  SAVE_INBOX_DOWNLOAD_CHANNEL,
} from '../main/ipc-channels';

type Listener = (payload: unknown) => void;

// The page gets a few functions: call a named handler, listen to a named event, and ask the main process for its own
// dialogs (a file to import, a folder to watch, where to save the inbox download). The page never learns, or names,
// a path on disk.
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
  chooseImportFile: (jobId: string) => ipcRenderer.invoke(CHOOSE_IMPORT_FILE_CHANNEL, { jobId }),
  chooseWatchFolder: () => ipcRenderer.invoke(CHOOSE_WATCH_FOLDER_CHANNEL),
  saveInboxDownload: () => ipcRenderer.invoke(SAVE_INBOX_DOWNLOAD_CHANNEL),
});
