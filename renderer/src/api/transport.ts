import type { CallResult, CoreEventName, CoreEvents, HandlerName } from '../../../shared/contract';

/** How the renderer reaches the core: Electron's preload bridge or the web host's HTTP endpoints. */
export interface Transport {
  invoke(name: HandlerName, args: unknown): Promise<CallResult<unknown>>;
  on<E extends CoreEventName>(event: E, listener: (payload: CoreEvents[E]) => void): () => void;
}

/** What Electron's preload script exposes on window. */
export interface NotifyDeskBridge {
  invoke(name: string, args: unknown): Promise<CallResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Shows the system's file dialog and has the core inspect the chosen file (imports.inspect); null if cancelled. */
  chooseImportFile(jobId: string): Promise<CallResult<unknown> | null>;
  /** The app's folder dialog: a token for the chosen folder to save a watch folder with; null when cancelled. */
  chooseWatchFolder?: () => Promise<CallResult<unknown> | null>;
  /** The app's save dialog, then Notify's inbox CSV saved there; null when cancelled. */
  saveInboxDownload?: () => Promise<CallResult<unknown> | null>;
}

declare global {
  interface Window {
    notifyDesk?: NotifyDeskBridge;
  }
}
