import {
  INBOX_DOWNLOAD_PATH,
  LETTER_PDF_DOWNLOAD_PATH,
  REJECTED_ROWS_DOWNLOAD_PATH,
  UPLOAD_PATH,
  type CallResult,
  type CoreEventName,
  type CoreEvents,
  type HandlerInput,
  type HandlerName,
  type HandlerResult,
  type ImportFileInfo,
} from '../../../shared/contract';
import { createElectronTransport } from './electronTransport';
import type { Transport } from './transport';
import { createWebTransport, storedSessionToken } from './webTransport';

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
  transport ??= window.notifyDesk ? createElectronTransport(window.notifyDesk) : createWebTransport();
  return transport;
}

/** Takes the web address's one-time code (and cleans the address bar) before anything else looks at the URL. */
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

/**
 * Desktop app: the person chooses a file in the system's dialog and the core reads it where it is; the page gets the
 * file's details, never its path. Null when they cancel.
 */
export async function chooseImportFileOnDesktop(jobId: string): Promise<ImportFileInfo | null> {
  const bridge = window.notifyDesk;
  if (!bridge) throw new CallError('Only the desktop app has a file dialog.', 'desktop-only');
  const result = await bridge.chooseImportFile(jobId);
  if (result === null) return null;
  if (!result.ok) throw new CallError(result.error.message, result.error.code);
  // The core validated the result against the contract before sending it.
  return result.value as ImportFileInfo;
}

/** Whether the page is the desktop app's (Electron's preload bridge is there) rather than a browser's in web mode. */
export function isDesktopApp(): boolean {
  return window.notifyDesk !== undefined;
}

/** In web mode, the address that downloads a file of the data folder, carrying this tab's token as the event stream does. */
function downloadUrl(path: string, fileName: string): string {
  return `${path}${encodeURIComponent(fileName)}?token=${encodeURIComponent(storedSessionToken() ?? '')}`;
}

export const rejectedRowsDownloadUrl = (fileName: string): string => downloadUrl(REJECTED_ROWS_DOWNLOAD_PATH, fileName);
export const letterPdfDownloadUrl = (fileName: string): string => downloadUrl(LETTER_PDF_DOWNLOAD_PATH, fileName);

/** In web mode, the address of a finished export (as `record.export` gave it), carrying this tab's token. */
export function exportDownloadUrl(downloadPath: string): string {
  return `${downloadPath}?token=${encodeURIComponent(storedSessionToken() ?? '')}`;
}

/** Web mode: downloads a finished export (as `record.export` or `audit.export` gave it); returns the address used. */
export function startExportDownload(downloadPath: string, fileName: string): string {
  const url = exportDownloadUrl(downloadPath);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  return url;
}

/** In web mode, the address that downloads Notify's inbox CSV, carrying this tab's token as the event stream does. */
export function inboxDownloadUrl(): string {
  return `${INBOX_DOWNLOAD_PATH}?token=${encodeURIComponent(storedSessionToken() ?? '')}`;
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

/**
 * A file chosen in the page, as the core takes it: in web mode its bytes are uploaded as a stream first (a call's
 * JSON is kept small); in the desktop app they go with the call. Never a path.
 */
export async function fileForCore(
  file: File,
  readAsBase64: (file: File) => Promise<string>,
): Promise<{ uploadId: string } | { fileName: string; contentBase64: string }> {
  if (isDesktopApp()) return { fileName: file.name, contentBase64: await readAsBase64(file) };
  let response: Response;
  try {
    response = await fetch(UPLOAD_PATH, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${storedSessionToken() ?? ''}`,
        'X-File-Name': encodeURIComponent(file.name),
        'Content-Type': 'application/octet-stream',
      },
      body: file,
    });
  } catch {
    throw new CallError('Cannot reach notify-desk. Check it is still running.', 'unreachable');
  }
  const result = (await response.json().catch(() => null)) as CallResult<{ uploadId: string }> | null;
  if (!result)
    throw new CallError(`notify-desk answered with an unexpected response (HTTP ${response.status}).`, 'bad-response');
  if (!result.ok) throw new CallError(result.error.message, result.error.code);
  return { uploadId: result.value.uploadId };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong';
}
