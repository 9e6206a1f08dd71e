/** Calls that name a file or folder: only the desktop's main process (after its own dialog) and the command line make them. */
const hostOnlyCalls: ReadonlySet<string> = new Set(['inbox.export', 'watchFolders.grantFolder']);

/** Where web mode takes a file's bytes as a stream (POST, the session's token, the name in `X-File-Name`). */
export const UPLOAD_PATH = '/uploads';

/**
 * What a user interface (the desktop window, a browser in web mode) may not ask of the core, whatever the contract's
 * schemas accept: it never names a file on this computer. The desktop's files reach the core from the main
 * process's own file dialog; a browser uploads a file's bytes. The command line, which runs as the user, may name one.
 */
export function uiCallRefusal(name: unknown, args: unknown): string | null {
  return hostOnlyCalls.has(String(name)) || namesAFile(args, 0)
    ? 'A page cannot name a file on this computer. Choose the file again.'
    : null;
}

/** Arguments nested deeper than any call of the contract are refused as well. */
function namesAFile(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth > 16) return true;
  if (Array.isArray(value)) return value.some((item) => namesAFile(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key === 'path' || namesAFile(item, depth + 1));
}
