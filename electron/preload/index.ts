import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../main/ipc-channels';

type Listener = (payload: unknown) => void;

// The page gets exactly three functions: call a named handler, listen to a named event, and find where a file the
// user chose or dropped lives on disk (Electron no longer gives File a path).
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
});
