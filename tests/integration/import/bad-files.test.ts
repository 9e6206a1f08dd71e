import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { badFiles } from '../../fixtures/bad-files/bad-files';
import { examineFile } from '../../../electron/core/import/examine-file';
import { checkImport, queueImport } from '../../../electron/core/import/run-import';
import { createImportTestBed, type ImportTestBed } from './import-test-setup';

let bed: ImportTestBed;
beforeEach(() => {
  bed = createImportTestBed();
});
afterEach(() => bed.cleanup());

const countRows = (table: string): number =>
  (bed.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('bad files get a clear message and queue nothing', () => {
  it.each(badFiles.map((file) => [file.name, file] as const))('%s', async (_, bad) => {
    const template = bed.template('sms', 'Hello ((name))');
    const path = bed.write(bad.fileName, await bad.bytes());
    const attempt = (async () => {
      const file = await examineFile(path);
      return queueImport(
        { db: bed.db, file, template },
        { excludeInvalid: true, importedBy: 'tester', rejectedRowsFolder: bed.dir },
      );
    })();
    await expect(attempt).rejects.toMatchObject({ code: bad.code, message: expect.stringMatching(bad.mentions) });
    expect(countRows('outbox_messages')).toBe(0);
  });

  it('a file that disappears while being queued', async () => {
    const template = bed.template('sms', 'Hello ((name))');
    const rows = Array.from(
      { length: 20_000 },
      (_, index) => `077009${String(index).padStart(5, '0')},Person ${index}`,
    );
    const path = bed.write('vanishing.csv', `phone number,name\n${rows.join('\n')}\n`);
    const file = await examineFile(path);
    let removed = false;
    const attempt = queueImport(
      {
        db: bed.db,
        file,
        template,
        onProgress: () => {
          if (!removed) {
            rmSync(path);
            removed = true;
          }
        },
      },
      { excludeInvalid: false, importedBy: 'tester', rejectedRowsFolder: bed.dir },
    );
    await expect(attempt).rejects.toMatchObject({
      code: 'file-missing',
      message: expect.stringMatching(/moved or deleted/),
    });
    expect(countRows('outbox_messages')).toBe(0);
    expect(bed.db.prepare(`SELECT status FROM batches`).all()).toEqual([{ status: 'cancelled' }]);
  });

  it('a file deleted after it was chosen', async () => {
    const template = bed.template('sms', 'Hello ((name))');
    const path = bed.write('gone.csv', 'phone number,name\n07700900123,Ann\n');
    const file = await examineFile(path);
    rmSync(path);
    await expect(checkImport({ db: bed.db, file, template })).rejects.toMatchObject({ code: 'file-missing' });
  });

  it('more rows than the limit: says how many and how to split, queues nothing', async () => {
    const template = bed.template('sms', 'Hello ((name))');
    const rows = Array.from({ length: 12 }, (_, index) => `0770090${String(index).padStart(4, '0')},P${index}`);
    const path = bed.write('big.csv', `phone number,name\n${rows.join('\n')}\n`);
    const file = await examineFile(path);
    const result = await queueImport(
      { db: bed.db, file, template, maxRows: 5 },
      { excludeInvalid: true, importedBy: 'tester', rejectedRowsFolder: bed.dir },
    );
    expect(result.batchId).toBeNull();
    expect(result.report.fileError).toMatch(
      /has 12 rows of recipients; one import can have up to 5\. Split it into 3 files/,
    );
    expect(countRows('outbox_messages')).toBe(0);
  });
});
