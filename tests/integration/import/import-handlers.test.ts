import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { ImportProgress } from '../../../shared/contract';
import type { CoreContext } from '../../../electron/core/core-context';
import { CoreEventBus } from '../../../electron/core/events';
import { DIRECT_NETWORK } from '../../../electron/core/network/network-access';
import { createImportHandlers } from '../../../electron/core/handlers/import-handlers';
import { singleUserParts } from '../../helpers/test-core';
import { createImportTestBed, type ImportTestBed } from './import-test-setup';

let bed: ImportTestBed;
beforeEach(() => {
  bed = createImportTestBed();
});
afterEach(() => bed.cleanup());

function context(events: CoreEventBus): CoreContext {
  return {
    db: bed.db,
    dataDir: join(bed.dir, 'data'),
    user: 'caseworker',
    ...singleUserParts(bed.db, 'caseworker'),
    events,
    secrets: {} as CoreContext['secrets'],
    network: DIRECT_NETWORK,
    apiKeySources: [],
    activeService: () => Promise.reject(new Error('not needed')),
  };
}

describe('imports.* handlers', () => {
  it('inspects bytes sent from a web page, checks, previews and queues with progress events', async () => {
    const events = new CoreEventBus();
    const progress: ImportProgress[] = [];
    events.onAny((name, payload) => name === 'import.progress' && progress.push(payload as ImportProgress));
    const handlers = createImportHandlers(context(events));
    const template = bed.template('sms', 'Hello ((name))');
    const csv = 'phone number,name\n07700900123,Ann\n07700900124,Bob\n';
    const file = await handlers['imports.inspect']({
      source: { fileName: 'people.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    expect(file).toMatchObject({
      fileName: 'people.csv',
      kind: 'csv',
      sheets: [{ name: 'people.csv', rowCount: 2, headers: ['phone number', 'name'] }],
      importedToday: null,
    });
    const report = await handlers['imports.check']({ fileId: file.fileId, templateId: template.id, jobId: 'job-1' });
    expect(report).toMatchObject({ rows: 2, valid: 2 });
    expect(progress.filter((event) => event.jobId === 'job-1').at(-1)).toMatchObject({ finished: true });
    const preview = await handlers['imports.preview']({ fileId: file.fileId, templateId: template.id, row: 3 });
    expect(preview).toMatchObject({ row: 3, recipient: '447700900124', body: 'Hello Bob', fragments: 1 });
    const queued = await handlers['imports.queue']({
      fileId: file.fileId,
      templateId: template.id,
      excludeInvalid: false,
    });
    expect(queued).toMatchObject({ queued: 2, rejected: 0 });
    const batch = bed.db.prepare('SELECT imported_by, status FROM batches WHERE id = ?').get(queued.batchId);
    expect(batch).toEqual({ imported_by: 'caseworker', status: 'ready' });
  });

  it('refuses an old Excel file with a message saying how to save it', async () => {
    const handlers = createImportHandlers(context(new CoreEventBus()));
    const path = bed.write('old.xls', Buffer.from('d0cf11e0a1b11ae1', 'hex'));
    await expect(handlers['imports.inspect']({ source: { path } })).rejects.toThrow(
      /Save As.*Excel Workbook \(\.xlsx\)/,
    );
  });

  it('opens the folder of a rejected-rows file on the desktop, only for a file in the rejected-rows folder', async () => {
    const shown: string[] = [];
    const handlers = createImportHandlers(context(new CoreEventBus()), {
      showItemInFolder: (path) => shown.push(path),
    });
    const template = bed.template('sms', 'Hello ((name))');
    const csv = 'phone number,name\n07700900123,Ann\n,Bob\n';
    const file = await handlers['imports.inspect']({
      source: { fileName: 'people.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    const queued = await handlers['imports.queue']({
      fileId: file.fileId,
      templateId: template.id,
      excludeInvalid: true,
    });
    expect(queued.rejectedRowsFileName).toMatch(/^people-rejected-.+\.csv$/);
    expect(queued.rejectedRowsFile).toBe(join(bed.dir, 'data', 'rejected-rows', queued.rejectedRowsFileName!));

    expect(await handlers['imports.showRejectedRows']({ fileName: queued.rejectedRowsFileName! })).toEqual({
      path: queued.rejectedRowsFile,
    });
    expect(shown).toEqual([queued.rejectedRowsFile]);
    for (const fileName of ['../notify-desk.sqlite', 'notify-desk.sqlite', 'elsewhere.csv']) {
      await expect(handlers['imports.showRejectedRows']({ fileName })).rejects.toThrow(
        `${fileName} is not in the rejected-rows folder of the data folder any more: it may have been moved or deleted.`,
      );
    }
    expect(shown).toHaveLength(1);

    const withoutDesktop = createImportHandlers(context(new CoreEventBus()));
    await expect(
      withoutDesktop['imports.showRejectedRows']({ fileName: queued.rejectedRowsFileName! }),
    ).rejects.toThrow('Only the desktop app can open a folder. Download the file instead.');
  });
});

describe('notify-desk import', () => {
  const cli = (dataDir: string, ...args: string[]) =>
    spawnSync(process.execPath, ['bin/notify-desk.mjs', '--data-dir', dataDir, ...args], {
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('prints the report as JSON, exits non-zero and queues nothing when rows have problems', () => {
    const dataDir = join(bed.dir, 'cli');
    expect(cli(dataDir, 'template', 'add', '--type', 'sms', '--name', 'Reminder', '--body', 'Hi ((name))').status).toBe(
      0,
    );
    const path = bed.write('people.csv', 'Mobile,name\n07700900123,Ann\n07700900124,\n');
    const refused = cli(dataDir, 'import', path, '--template', 'Reminder', '--map', 'Mobile=phone number', '--json');
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      rows: 2,
      valid: 1,
      invalid: 1,
      missingColumns: [],
      errors: [{ row: 3, column: 'name', message: 'Missing' }],
      batchId: null,
    });
    const accepted = cli(
      dataDir,
      'import',
      path,
      '--template',
      'Reminder',
      '--map',
      'Mobile=phone number',
      '--exclude-invalid',
      '--json',
    );
    expect(accepted.status).toBe(0);
    expect((JSON.parse(accepted.stdout) as { batchId: string }).batchId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
