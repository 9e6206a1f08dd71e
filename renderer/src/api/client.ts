import { INBOX_DOWNLOAD_PATH, REJECTED_ROWS_DOWNLOAD_PATH, type CoreEventName, type CoreEvents, type HandlerInput, type HandlerName, type HandlerResult } from '../../../shared/contract';
import type { CallResult } from '../../../shared/contract';
import { createElectronTransport } from './electronTransport';
import type { Transport } from './transport';
import { createWebTransport, readSessionToken } from './webTransport';

/** A refused call: `message` is written for the person using the app. */
export class CallError extends Error {
  readonly code: string | undefined;

  constructor(message: string, code: string | undefined) {
    super(message);
    this.name = 'CallError';
    this.code = code;
  }
}

let transport: Transport | null = null;

function currentTransport(): Transport {
  transport ??= window.notifyDesk ? createElectronTransport(window.notifyDesk) : createWebTransport(readSessionToken());
  return transport;
}

/** Reads the web token (and cleans the address bar) before anything else looks at the URL. */
export function startTransport(): void {
  currentTransport();
}

export async function call<K extends HandlerName>(name: K, args: HandlerInput<K>): Promise<HandlerResult<K>> {
  const result = await currentTransport().invoke(name, args);
  if (!result.ok) throw new CallError(result.error.message, result.error.code);
  // The core validated the result against the contract before sending it.
  return result.value as HandlerResult<K>;
}

export function subscribe<E extends CoreEventName>(event: E, listener: (payload: CoreEvents[E]) => void): () => void {
  return currentTransport().on(event, listener);
}

/** In the desktop app, where a chosen or dropped file lives on disk; null in a web page, which only has its bytes. */
export function pathOnDisk(file: File): string | null {
  return window.notifyDesk?.pathForFile(file) || null;
}

/** Whether the page is the desktop app's (Electron's preload bridge is there) rather than a browser's in web mode. */
export function isDesktopApp(): boolean {
  return window.notifyDesk !== undefined;
}

/** In web mode, the address that downloads a rejected-rows file, carrying this tab's token as the event stream does. */
export function rejectedRowsDownloadUrl(fileName: string): string {
  return `${REJECTED_ROWS_DOWNLOAD_PATH}${encodeURIComponent(fileName)}?token=${encodeURIComponent(readSessionToken() ?? '')}`;
}

/** In web mode, the address that downloads Notify's inbox CSV, carrying this tab's token as the event stream does. */
export function inboxDownloadUrl(): string {
  return `${INBOX_DOWNLOAD_PATH}?token=${encodeURIComponent(readSessionToken() ?? '')}`;
}

/** A call the desktop app's main process makes after its own dialog; null when the person cancels the dialog. */
async function afterDialog<T>(open: (() => Promise<CallResult<unknown> | null>) | undefined): Promise<T | null> {
  if (!open) throw new CallError('Only the desktop app can open this dialog.', 'desktop-only');
  const result = await open();
  if (result === null) return null;
  if (!result.ok) throw new CallError(result.error.message, result.error.code);
  // The main process passed the core's answer to the contract's call on unchanged.
  return result.value as T;
}

/** Desktop app: the app's folder dialog. The page gets a token for the folder to save a watch folder with, never its path. */
export function chooseWatchFolder(): Promise<HandlerResult<'watchFolders.grantFolder'> | null> {
  return afterDialog(window.notifyDesk?.chooseWatchFolder);
}

/** Desktop app: the app's save dialog, then Notify's inbox CSV written where the person chose. */
export function saveInboxDownload(): Promise<HandlerResult<'inbox.export'> | null> {
  return afterDialog(window.notifyDesk?.saveInboxDownload);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong';
}
