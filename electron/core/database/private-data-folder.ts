import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

function restrict(path: string, mode: number): void {
  try {
    if ((lstatSync(path).mode & 0o777) !== mode) chmodSync(path, mode);
  } catch {
    // A file removed meanwhile, or one this user does not own: the folder's own mode still keeps others out.
  }
}

/**
 * The data folder readable by its owner only: the folder and every folder in it 0700, every file 0600 (Linux and
 * macOS). On Windows the folder is in the user's profile (`%APPDATA%`), whose access list already admits only the
 * user, administrators and the system; Node's chmod there can only set the read-only flag, so nothing is changed.
 */
export function keepDataFolderPrivate(dataDir: string, platform: NodeJS.Platform = process.platform): void {
  mkdirSync(dataDir, { recursive: true, mode: FOLDER_MODE });
  if (platform === 'win32') return;
  // What the desk writes from now on (exports, letters, rows set aside, uploads) is created its user's only; the few
  // files it writes for others, in a watch folder, are opened up where they are written (watch-folder/file-report).
  process.umask(0o077);
  restrict(dataDir, FOLDER_MODE);
  const entries = readdirSync(dataDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (entry.isSymbolicLink()) continue;
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) restrict(path, FOLDER_MODE);
    else if (entry.isFile()) restrict(path, FILE_MODE);
  }
}
