import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const folders = ['electron', 'cli', 'shared', 'simulator', 'bench', 'tests', 'scripts'];

// Every connection to the desk's database goes through SQLite3 Multiple Ciphers, which can open it with its key:
// plain better-sqlite3 cannot read an encrypted database, so nothing may load it.
describe('the SQLite driver', () => {
  it('is better-sqlite3-multiple-ciphers everywhere: no source loads plain better-sqlite3', () => {
    const plainDriver = /(?:from\s+|require(?:\.resolve)?\(\s*|import\(\s*)['"]better-sqlite3['"]/;
    const offenders = folders
      .flatMap((folder) =>
        readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile() && /\.(ts|tsx|mjs|cjs|js)$/.test(entry.name))
          .map((entry) => join(entry.parentPath, entry.name)),
      )
      .filter((file) => plainDriver.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});
