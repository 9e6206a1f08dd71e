import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { initialSchema } from '../../../electron/core/database/migrations/001-initial';
import { openDatabase, schemaVersion } from '../../../electron/core/database/open-database';
import { BatchWriter, discardInterruptedImports } from '../../../electron/core/import/batch-writer';
import { ColumnMappingStore } from '../../../electron/core/import/column-mapping';
import { checkImport, queueImport } from '../../../electron/core/import/run-import';
import { createImportTestBed, type ImportTestBed } from './import-test-setup';

let bed: ImportTestBed;
beforeEach(() => {
  bed = createImportTestBed();
});
afterEach(() => bed.cleanup());

const queueOptions = () => ({ excludeInvalid: false, importedBy: 'tester', rejectedRowsFolder: bed.dir });
const people = (count: number, bad: (index: number) => boolean = () => false): string =>
  `phone number,name\n${Array.from({ length: count }, (_, index) => `${bad(index) ? '' : `077009${String(index).padStart(5, '0')}`},Person ${index}`).join('\n')}\n`;

describe('queuing a batch', () => {
  it('writes every accepted row as one ready batch with its file, hash, template version, importer and counts', async () => {
    const template = bed.template('sms', 'Hello ((name))');
    const path = bed.write('people.csv', people(4500));
    const result = await queueImport(await bed.run(path, template), {
      ...queueOptions(),
      sendAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(result.queued).toBe(4500);
    const batch = bed.db.prepare('SELECT * FROM batches WHERE id = ?').get(result.batchId) as Record<string, unknown>;
    expect(batch).toMatchObject({
      file_name: 'people.csv',
      template_version: 1,
      imported_by: 'tester',
      row_count: 4500,
      queued_count: 4500,
      rejected_count: 0,
      status: 'ready',
    });
    expect(batch.content_hash).toMatch(/^[0-9a-f]{64}$/);
    const states = bed.db
      .prepare('SELECT state, priority, COUNT(*) AS n FROM outbox_messages GROUP BY state, priority')
      .all();
    expect(states).toEqual([{ state: 'scheduled', priority: 0, n: 4500 }]);
    // Who queued them and when is the batch's record, not one event per message.
    expect((bed.db.prepare('SELECT COUNT(*) AS n FROM outbox_events').get() as { n: number }).n).toBe(0);
    expect(bed.db.prepare('SELECT DISTINCT created_by FROM outbox_messages').pluck().all()).toEqual(['tester']);
  });

  it('a file with problems queues nothing without exclude-invalid; with it, the rest go to a rejected-rows file', async () => {
    const template = bed.template('sms', 'Hello ((name))');
    const path = bed.write(
      'people.csv',
      people(5000, (index) => index === 4100),
    );
    const refused = await queueImport(await bed.run(path, template), queueOptions());
    expect(refused).toMatchObject({ batchId: null, queued: 0 });
    expect((bed.db.prepare('SELECT COUNT(*) AS n FROM outbox_messages').get() as { n: number }).n).toBe(0);
    const accepted = await queueImport(await bed.run(path, template), { ...queueOptions(), excludeInvalid: true });
    expect(accepted).toMatchObject({ queued: 4999, rejected: 1 });
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(accepted.rejectedRowsFile!, 'utf8')).toBe(
      '\uFEFFphone number,name,error\r\n,Person 4100,phone number: Missing\r\n',
    );
  });

  it('an interrupted import never becomes sendable, and is cleared later', async () => {
    const template = bed.template('sms', 'Hello ((name))');
    const writer = new BatchWriter(bed.db, {
      fileName: 'a.csv',
      contentHash: 'x',
      templateId: template.id,
      templateVersion: 1,
      type: 'sms',
      importedBy: 't',
      rowCount: 2,
    });
    await writer.append([
      {
        recipient: '447700900123',
        personalisation: { name: 'A' },
        renderedBody: 'Hello A',
        renderedSubject: null,
        rowNumber: 2,
        cells: ['447700900123', 'A'],
      },
    ]);
    await writer.flush();
    // The process dies here: no complete().
    expect((bed.db.prepare('SELECT COUNT(*) AS n FROM outbox_messages').get() as { n: number }).n).toBe(1);
    const sendable = bed.db
      .prepare(
        `SELECT COUNT(*) AS n FROM outbox_messages m WHERE m.batch_id IS NULL OR EXISTS (SELECT 1 FROM batches b WHERE b.id = m.batch_id AND b.status = 'ready')`,
      )
      .get() as { n: number };
    expect(sendable.n).toBe(0);
    expect(discardInterruptedImports(bed.db, -1000)).toBe(1);
    expect((bed.db.prepare('SELECT COUNT(*) AS n FROM outbox_messages').get() as { n: number }).n).toBe(0);
  });

  it('cancelling stops the work and leaves nothing queued', async () => {
    const template = bed.template('sms', 'Hello ((name))');
    const path = bed.write('people.csv', people(10_000));
    const controller = new AbortController();
    const run = { ...(await bed.run(path, template)), signal: controller.signal, onProgress: () => controller.abort() };
    await expect(queueImport(run, queueOptions())).rejects.toMatchObject({ code: 'cancelled' });
    expect((bed.db.prepare('SELECT COUNT(*) AS n FROM outbox_messages').get() as { n: number }).n).toBe(0);
  });

  it('warns about the same file today, the same recipient twice, international numbers and long messages', async () => {
    const template = bed.template('sms', `((name)) ${'x'.repeat(160)}`);
    const path = bed.write(
      'people.csv',
      'phone number,name\n07700900123,Ann\n07700 900123,Ann again\n+1 202 555 0104,Bo\n',
    );
    await queueImport(await bed.run(path, template), queueOptions());
    const report = await checkImport(await bed.run(path, template));
    expect(report.warnings.map((warning) => [warning.kind, warning.count, warning.rows])).toEqual([
      ['file-imported-today', 1, []],
      ['duplicate-recipient', 1, [3]],
      ['international-numbers', 1, [4]],
      ['multiple-fragments', 3, [2, 3, 4]],
    ]);
    expect(report.summary).toMatchObject({
      messages: 3,
      fragments: 6,
      dailyLimit: 250_000,
      alreadyToday: 3,
      overDailyLimit: false,
    });
  });
});

describe('column mapping', () => {
  it('maps columns by hand, remembers the mapping for the template, and uses it next time', async () => {
    const template = bed.template('sms', 'Hello ((first name))');
    const path = bed.write('people.csv', 'Mobile,Forename,Notes\n07700900123,Ann,x\n');
    const unmapped = await checkImport(await bed.run(path, template));
    // "Mobile" is a usual name for the phone number column: matched, and shown as matched automatically.
    expect(unmapped.missingColumns).toEqual(['first name']);
    expect(unmapped.columns[0]).toEqual({ header: 'Mobile', placeholder: 'phone number', matchedBy: 'usual-name' });
    const mapping = { Mobile: 'phone number', Forename: 'first name', Notes: null };
    const queued = await queueImport(await bed.run(path, template, { mapping }), queueOptions());
    expect(queued.queued).toBe(1);
    expect(new ColumnMappingStore(bed.db).load(template.id)).toEqual(mapping);
    const remembered = await checkImport(await bed.run(path, template));
    expect(remembered).toMatchObject({ missingColumns: [], valid: 1 });
    expect(remembered.columns).toEqual([
      { header: 'Mobile', placeholder: 'phone number', matchedBy: 'mapping' },
      { header: 'Forename', placeholder: 'first name', matchedBy: 'mapping' },
      { header: 'Notes', placeholder: null, matchedBy: null },
    ]);
  });

  it('a header mapped by hand that repeats fills its placeholder with a list of the non-empty values', async () => {
    const template = bed.template('sms', 'We have your ((documents)).');
    const path = bed.write(
      'people.csv',
      'Mobile,Received,Received,Received\n07700900123,passport,,payslip\n07700900124,,bank statement,\n',
    );
    const mapping = { Mobile: 'phone number', Received: 'documents' };
    const report = await checkImport(await bed.run(path, template, { mapping }));
    expect(report).toMatchObject({ missingColumns: [], valid: 2, invalid: 0 });
    expect(report.columns.map((column) => [column.placeholder, column.matchedBy])).toEqual([
      ['phone number', 'mapping'],
      ['documents', 'mapping'],
      ['documents', 'mapping'],
      ['documents', 'mapping'],
    ]);
    await queueImport(await bed.run(path, template, { mapping }), queueOptions());
    const stored = bed.db
      .prepare('SELECT personalisation, rendered_body FROM outbox_messages ORDER BY recipient')
      .all();
    expect(stored).toEqual([
      {
        personalisation: JSON.stringify({ documents: ['passport', 'payslip'] }),
        rendered_body: 'We have your passport and payslip.',
      },
      {
        personalisation: JSON.stringify({ documents: 'bank statement' }),
        rendered_body: 'We have your bank statement.',
      },
    ]);
  });

  it('migration 002 creates the mapping table on an existing version-1 database', () => {
    const file = join(bed.dir, 'old.sqlite');
    const old = openDatabase(file, [initialSchema]);
    expect(schemaVersion(old)).toBe(1);
    old.close();
    const upgraded = openDatabase(file);
    expect(schemaVersion(upgraded)).toBeGreaterThanOrEqual(2);
    expect(upgraded.prepare(`SELECT name FROM sqlite_master WHERE name = 'import_column_mappings'`).get()).toEqual({
      name: 'import_column_mappings',
    });
    upgraded.close();
  });
});
