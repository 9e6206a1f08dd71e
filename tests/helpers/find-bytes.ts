import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under a folder, as paths relative to it. */
export function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)));
}

/**
 * Where any of the texts appears in the bytes of the files under a folder (UTF-8 and UTF-16, either byte order, as
 * SQLite or a spreadsheet may store them): `file: text` for each find.
 */
export function findTextInFiles(folder: string, texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(folder)) {
    const bytes = readFileSync(join(folder, file));
    for (const text of texts) {
      const forms = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le'), Buffer.from(text, 'utf16le').swap16()];
      if (forms.some((form) => bytes.includes(form))) found.push(`${file}: ${text}`);
    }
  }
  return found;
}
