import * as z from 'zod';
import { idSchema, uiCallRefusal, type CallResult } from '../../shared/contract';
import { isTrustedSender, type WindowSender } from './trusted-sender';

/** The core, as the main process reaches it (through the core host). */
export interface CoreCaller {
  call(name: unknown, args: unknown): Promise<CallResult<unknown>>;
}

const refused = (message: string, code: string): CallResult<unknown> => ({ ok: false, error: { message, code } });
const untrusted = refused('Calls from this page are refused.', 'untrusted-sender');

/** A call from the window: only from the app's own page, never naming a file; then passed to the core as it is. */
export async function passWindowCall(
  sender: WindowSender,
  name: unknown,
  args: unknown,
  core: CoreCaller,
): Promise<CallResult<unknown>> {
  if (!isTrustedSender(sender)) return untrusted;
  const refusal = uiCallRefusal(name, args);
  if (refusal) return refused(refusal, 'names-a-file');
  return core.call(name, args);
}

const chooseImportFileArgs = z.object({ jobId: idSchema }).strict();

/**
 * The window asks to import a file: the main process shows its own file dialog and hands the chosen file to the
 * core, and the window gets the core's answer (the file's details and an opaque id), never a path. Null when the
 * person cancels the dialog.
 */
export async function chooseImportFile(
  sender: WindowSender,
  args: unknown,
  showOpenDialog: () => Promise<string | null>,
  core: CoreCaller,
): Promise<CallResult<unknown> | null> {
  if (!isTrustedSender(sender)) return untrusted;
  const parsed = chooseImportFileArgs.safeParse(args);
  if (!parsed.success) return refused('The request was not valid.', 'invalid-arguments');
  const path = await showOpenDialog();
  if (path === null) return null;
  return core.call('imports.inspect', { jobId: parsed.data.jobId, source: { path } });
}

/**
 * The window asks for a folder to watch: the main process shows its own folder dialog and hands the folder to the
 * core, which gives the window an opaque token to save the watch folder with. Null when the person cancels.
 */
export async function chooseWatchFolder(
  sender: WindowSender,
  showFolderDialog: () => Promise<string | null>,
  core: CoreCaller,
): Promise<CallResult<unknown> | null> {
  if (!isTrustedSender(sender)) return untrusted;
  const path = await showFolderDialog();
  return path === null ? null : core.call('watchFolders.grantFolder', { path });
}

/** The window asks to save Notify's inbox download: the main process's save dialog, then the core writes it there. */
export async function saveInboxDownload(
  sender: WindowSender,
  showSaveDialog: () => Promise<string | null>,
  core: CoreCaller,
): Promise<CallResult<unknown> | null> {
  if (!isTrustedSender(sender)) return untrusted;
  const path = await showSaveDialog();
  return path === null ? null : core.call('inbox.export', { path });
}
