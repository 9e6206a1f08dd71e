import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The same folder Electron's `app.getPath('userData')` gives for this app, so the desktop app and the command line share it. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'notify-desk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'notify-desk');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'notify-desk');
}

/** `--data-dir`, then `NOTIFY_DESK_DATA_DIR`, then the user's data folder. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.NOTIFY_DESK_DATA_DIR;
  return chosen ? resolve(chosen) : defaultDataDir(process.platform, env);
}

export const databaseFile = (dataDir: string): string => join(dataDir, 'notify-desk.sqlite3');
export const logFile = (dataDir: string): string => join(dataDir, 'logs', 'notify-desk.log');
