// Writes the tables of shared/notify that come from Notify's data files (scripts/notify-data). `--check` only
// says which are out of date, and exits 1 if any is.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateNotifyTables } from './notify-tables/index';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const checkOnly = process.argv.includes('--check');
let outOfDate = 0;
for (const file of generateNotifyTables(root)) {
  const target = join(root, file.path);
  let current: string | undefined;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === file.content) {
    console.log(`${file.path}: up to date`);
  } else if (checkOnly) {
    outOfDate += 1;
    console.log(`${file.path}: out of date`);
  } else {
    writeFileSync(target, file.content);
    console.log(`${file.path}: written`);
  }
}
process.exitCode = outOfDate > 0 ? 1 : 0;
