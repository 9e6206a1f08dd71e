import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHOOSE_IMPORT_FILE_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL } from '../main/ipc-channels';

type Listener = (payload: unknown) => void;

// The page gets exactly three functions: call a named handler, listen to a named event, and ask the main process to
// show its file dialog for an import (the page never learns, or names, a path on disk).
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
});
