import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The notify-desk package's own folder (where package.json, resources/ and renderer/dist are), found from a module's
 * URL by walking up: the same answer whether the code runs from its TypeScript sources or from a bundle in out/.
 */
export function projectFolder(moduleUrl: string): string {
  let folder = dirname(fileURLToPath(moduleUrl));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'notify-desk'
    )
      return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`notify-desk's own folder was not found above ${fileURLToPath(moduleUrl)}.`);
    folder = parent;
  }
}
