// The CA file named in the settings. Only the command line (and later the policy file) names it: it is IT's
// decision, and the UI never hands the core a file path.
import { resolve } from 'node:path';
import type { Db } from '../database/open-database';
import { UserError } from '../dispatch';
import { CertificateFileError, readCertificateFile } from './trusted-certificates';

const CA_FILE_SETTING = 'network.ca-file';

export function storedCaFile(db: Db): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(CA_FILE_SETTING) as
    { value: string } | undefined;
  return row?.value ?? null;
}

/** Names the CA file to trust (after checking it holds certificates), or none; returns how many certificates it holds. */
export function saveCaFile(db: Db, path: string | null): number {
  if (path === null) {
    db.prepare('DELETE FROM settings WHERE key = ?').run(CA_FILE_SETTING);
    return 0;
  }
  const absolute = resolve(path);
  let certificates: string[];
  try {
    certificates = readCertificateFile(absolute);
  } catch (error) {
    throw error instanceof CertificateFileError ? new UserError(error.message) : error;
  }
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(CA_FILE_SETTING, absolute);
  return certificates.length;
}
