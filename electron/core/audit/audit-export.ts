import { stringify } from 'csv-stringify';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Db } from '../database/open-database';
import { formulaSafe } from '../record/export/safe-cell';
import { eachAuditEntry } from './audit-trail';

export const AUDIT_EXPORT_COLUMNS = [
  'Number',
  'Time (UTC)',
  'Who',
  'What',
  'Details',
  'Previous hash',
  'Hash',
] as const;

/**
 * The whole audit trail as CSV (UTF-8 with a BOM, formula-safe cells), oldest first, written beside `destination`
 * and renamed once complete. Returns the number of entries.
 */
export async function writeAuditCsv(db: Db, destination: string): Promise<number> {
  const temporary = `${destination}.part`;
  let rows = 0;
  function* records(): Generator<string[]> {
    yield [...AUDIT_EXPORT_COLUMNS];
    for (const entry of eachAuditEntry(db)) {
      rows += 1;
      yield [
        String(entry.seq),
        entry.at,
        entry.actor,
        entry.summary,
        JSON.stringify(entry.detail),
        entry.previousHash,
        entry.hash,
      ].map(formulaSafe);
    }
  }
  try {
    await pipeline(Readable.from(records()), stringify({ bom: true }), createWriteStream(temporary));
    await rename(temporary, destination);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return rows;
}
