import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../main/ipc-channels';

type Listener = (payload: unknown) => void;

// The page gets exactly two functions: call a named handler, and listen to a named event.
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
});
