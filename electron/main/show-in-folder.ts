import { isAbsolute, relative, resolve } from 'node:path';

/** The core may have the file manager opened only on its own files, inside the data folder. */
export function isInDataFolder(dataDir: string, path: string): boolean {
  const inside = relative(resolve(dataDir), resolve(path));
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}
