import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { examineFile } from '../../../electron/core/import/examine-file';
import { inspectSheets } from '../../../electron/core/import/inspect-file';
import { checkImport, previewImportRow, queueImport } from '../../../electron/core/import/run-import';
import { createImportTestBed, type ImportTestBed } from './import-test-setup';

let bed: ImportTestBed;
beforeEach(() => {
  bed = createImportTestBed();
});
afterEach(() => bed.cleanup());

async function writeWorkbook(name: string, build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return bed.write(name, Buffer.from(await workbook.xlsx.writeBuffer()));
}

describe('reading XLSX workbooks', () => {
  it('undoes Excel’s habits: numbers for phone numbers, dates, formulas, trailing empties, merged and hidden cells', async () => {
    const path = await writeWorkbook('people.xlsx', (workbook) => {
      const sheet = workbook.addWorksheet('People');
      sheet.addRow(['phone number', 'name', 'date', 'ref', 'secret', null, null]);
      sheet.addRow([447700900123, 'Ann', new Date(Date.UTC(2026, 2, 1)), { formula: 'B2&"-1"', result: 'Ann-1' }, 'x']);
      sheet.addRow([7700900124, 'Bob', 46082, { formula: '1+1', result: 2 }, 'y']);
      sheet.getCell('C3').numFmt = 'dd/mm/yyyy';
      sheet.addRow([4.47700900125e11, 'Cy', 'soon', 'r3', 'z']);
      sheet.addRow([447700900126, null, 'later', 'r4', 'z']);
      sheet.mergeCells('B4:B5');
      sheet.addRow([447700900199, 'Hidden', 'never', 'r5', 'z']).hidden = true;
      sheet.getColumn(5).hidden = true;
      sheet.addRow([]);
      sheet.addRow([null, null, '   ']);
    });
    const template = await Promise.resolve(bed.template('sms', '((name)) on ((date)) ref ((ref))'));
    const run = await bed.run(path, template);
    const result = await queueImport(run, { excludeInvalid: false, importedBy: 'tester', rejectedRowsFolder: bed.dir });
    expect(result.report.errors).toEqual([]);
    expect(result.report.columns.map((column) => column.header)).toEqual(['phone number', 'name', 'date', 'ref']);
    const messages = bed.db.prepare('SELECT recipient, personalisation FROM outbox_messages ORDER BY rowid').all() as {
      recipient: string;
      personalisation: string;
    }[];
    expect(messages.map((message) => [message.recipient, JSON.parse(message.personalisation) as unknown])).toEqual([
      ['447700900123', { name: 'Ann', date: '01/03/2026', ref: 'Ann-1' }],
      ['447700900124', { name: 'Bob', date: '01/03/2026', ref: '2' }],
      ['447700900125', { name: 'Cy', date: 'soon', ref: 'r3' }],
      ['447700900126', { name: 'Cy', date: 'later', ref: 'r4' }],
    ]);
  });

  it('lists the sheets and reads the one chosen; the row numbers are the sheet’s', async () => {
    const path = await writeWorkbook('two.xlsx', (workbook) => {
      workbook.addWorksheet('Notes').addRow(['nothing to see']);
      const people = workbook.addWorksheet('People');
      people.addRow([]);
      people.addRow(['email address', 'name']);
      people.addRow(['ann@example.com', 'Ann']);
      people.addRow(['not an email', 'Bob']);
    });
    const file = await examineFile(path);
    const sheets = await inspectSheets(file);
    expect(sheets.map(({ name, rowCount, headers }) => ({ name, rowCount, headers }))).toEqual([
      { name: 'Notes', rowCount: 0, headers: ['nothing to see'] },
      { name: 'People', rowCount: 2, headers: ['email address', 'name'] },
    ]);
    const template = bed.template('email', 'Dear ((name))', 'Hello');
    await expect(checkImport({ db: bed.db, file, template })).rejects.toMatchObject({ code: 'choose-sheet' });
    const report = await checkImport({ db: bed.db, file, template, sheet: 'People' });
    expect(report).toMatchObject({
      rows: 2,
      valid: 1,
      invalid: 1,
      errors: [{ row: 4, column: 'email address', message: 'Not a valid email address' }],
    });
    const preview = await previewImportRow({ db: bed.db, file, template, sheet: 'People' }, 3);
    expect(preview).toMatchObject({ row: 3, recipient: 'ann@example.com', subject: 'Hello', body: 'Dear Ann' });
  });

  it('sends each value as the spreadsheet shows it, in its number format, and the preview shows the same text', async () => {
    const path = await writeWorkbook('formatted.xlsx', (workbook) => {
      const sheet = workbook.addWorksheet('People');
      sheet.addRow(['phone number', 'amount', 'date', 'time', 'ref', 'share', 'count']);
      const row = sheet.addRow(['07700900123', 51.7, new Date(Date.UTC(2026, 10, 1)), 0.375, 123, 0.125, 1234567]);
      const formats = ['@', '"£"#,##0.00', 'd mmmm yyyy', 'h:mm AM/PM', '00000', '0.0%', '#,##0'];
      formats.forEach((numFmt, index) => (row.getCell(index + 1).numFmt = numFmt));
    });
    const template = bed.template(
      'sms',
      'You owe ((amount)) by ((date)) at ((time)), ref ((ref)), ((share)) of ((count))',
    );
    const run = await bed.run(path, template);
    const expected = 'You owe £51.70 by 1 November 2026 at 9:00 AM, ref 00123, 12.5% of 1,234,567';
    expect((await previewImportRow(run, 2)).body).toBe(expected);
    const result = await queueImport(run, { excludeInvalid: false, importedBy: 'tester', rejectedRowsFolder: bed.dir });
    expect(result.queued).toBe(1);
    const stored = bed.db.prepare('SELECT rendered_body AS body, personalisation FROM outbox_messages').get() as {
      body: string;
      personalisation: string;
    };
    expect(stored.body).toBe(expected);
    expect(JSON.parse(stored.personalisation)).toEqual({
      amount: '£51.70',
      date: '1 November 2026',
      time: '9:00 AM',
      ref: '00123',
      share: '12.5%',
      count: '1,234,567',
    });
  });
});
