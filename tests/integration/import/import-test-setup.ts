import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Channel } from '../../../shared/contract';
import { openDatabase, type Db } from '../../../electron/core/database/open-database';
import { examineFile } from '../../../electron/core/import/examine-file';
import { loadTemplateForImport, type TemplateForImport } from '../../../electron/core/import/template-for-import';
import type { ImportRun } from '../../../electron/core/import/run-import';

export interface ImportTestBed {
  dir: string;
  db: Db;
  write(name: string, content: string | Buffer): string;
  template(type: Channel, body: string, subject?: string | null, name?: string): TemplateForImport;
  run(path: string, template: TemplateForImport, extra?: Partial<ImportRun>): Promise<ImportRun>;
  cleanup(): void;
}

export function createImportTestBed(): ImportTestBed {
  const dir = mkdtempSync(join(tmpdir(), 'notify-desk-import-'));
  const db = openDatabase(join(dir, 'data', 'notify-desk.sqlite'));
  return {
    dir,
    db,
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    template(type, body, subject = type === 'sms' ? null : 'Subject', name = `template ${randomUUID().slice(0, 8)}`) {
      const id = randomUUID();
      const now = new Date().toISOString();
      db.prepare(
        `INSERT INTO templates (id, type, name, current_version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)`,
      ).run(id, type, name, now, now);
      db.prepare(
        `INSERT INTO template_versions (template_id, version, subject, body, created_at, created_by) VALUES (?, 1, ?, ?, ?, 'test')`,
      ).run(id, subject, body, now);
      return loadTemplateForImport(db, id);
    },
    async run(path, template, extra = {}) {
      return { db, file: await examineFile(path), template, ...extra };
    },
    cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
