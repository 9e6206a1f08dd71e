/**
 * What a user interface (the desktop window, a browser in web mode) may not ask of the core, whatever the contract's
 * schemas accept: it never names a file on this computer. The desktop's files reach the core from the main
 * process's own file dialog; a browser sends a file's bytes. The command line, which runs as the user, may name one.
 */
export function uiCallRefusal(args: unknown): string | null {
  return namesAFile(args, 0) ? 'A page cannot name a file on this computer. Choose the file again.' : null;
}

/** Arguments nested deeper than any call of the contract are refused as well. */
function namesAFile(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth > 16) return true;
  if (Array.isArray(value)) return value.some((item) => namesAFile(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key === 'path' || namesAFile(item, depth + 1));
}
