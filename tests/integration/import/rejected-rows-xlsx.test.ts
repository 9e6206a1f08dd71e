import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { queueImport } from '../../../electron/core/import/run-import';
import { createImportTestBed, type ImportTestBed } from './import-test-setup';

let bed: ImportTestBed;
beforeEach(() => {
  bed = createImportTestBed();
});
afterEach(() => bed.cleanup());

const queueOptions = () => ({ excludeInvalid: true, importedBy: 'tester', rejectedRowsFolder: bed.dir });

async function writeWorkbook(name: string, rows: (string | number | null)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Reminders');
  for (const row of rows) sheet.addRow(row);
  return bed.write(name, Buffer.from(await workbook.xlsx.writeBuffer()));
}

async function readRows(path: string): Promise<{ sheets: string[]; rows: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(Array.from(values.slice(1), (value) => (value === null || value === undefined ? '' : String(value))));
  });
  return { sheets: workbook.worksheets.map((candidate) => candidate.name), rows };
}

describe('rejected rows of a workbook', () => {
  it('are written as an XLSX with the original headers and an error column, and the corrected file imports', async () => {
    const template = bed.template('sms', 'Hello ((name)), your reference is ((ref))');
    const path = await writeWorkbook('reminders.xlsm', [
      ['phone number', 'name', 'ref'],
      ['07700900123', 'Ann', 'A-1'],
      ['0770090', 'Bob', '000123'],
      [null, 'Cy', 'C-3'],
      ['07700900126', 'Di', 'D-4'],
    ]);
    const result = await queueImport(await bed.run(path, template), queueOptions());
    expect(result).toMatchObject({ queued: 2, rejected: 2 });
    expect(result.rejectedRowsFile).toMatch(/reminders-rejected-.*\.xlsx$/);
    expect(readFileSync(result.rejectedRowsFile!).subarray(0, 2).toString('latin1')).toBe('PK');

    const rejected = await readRows(result.rejectedRowsFile!);
    expect(rejected.sheets).toEqual(['Rejected rows']);
    expect(rejected.rows).toEqual([
      ['phone number', 'name', 'ref', 'error'],
      ['0770090', 'Bob', '000123', 'phone number: Mobile number is too short'],
      ['', 'Cy', 'C-3', 'phone number: Missing'],
    ]);
    expect(result.report.errors.map((error) => `${error.column}: ${error.message}`)).toEqual(rejected.rows.slice(1).map((row) => row[3]));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(result.rejectedRowsFile!);
    const sheet = workbook.worksheets[0]!;
    sheet.getCell('A2').value = '07700 900124';
    sheet.getCell('A3').value = '07700900125';
    const corrected = bed.write('reminders-corrected.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const again = await queueImport(await bed.run(corrected, template), { ...queueOptions(), excludeInvalid: false });
    expect(again).toMatchObject({ queued: 2, rejected: 0, rejectedRowsFile: null });
    expect(again.report.columns.find((column) => column.header === 'error')).toMatchObject({ placeholder: null });
    const bodies = bed.db
      .prepare('SELECT recipient, rendered_body AS body FROM outbox_messages WHERE batch_id = ? ORDER BY rowid')
      .all(again.batchId) as { recipient: string; body: string }[];
    expect(bodies).toEqual([
      { recipient: '447700900124', body: 'Hello Bob, your reference is 000123' },
      { recipient: '447700900125', body: 'Hello Cy, your reference is C-3' },
    ]);
  });

  it('of a CSV stay a CSV', async () => {
    const template = bed.template('sms', 'Hello ((name))');
    const path = bed.write('people.csv', 'phone number,name\n07700900123,Ann\n,Bob\n');
    const result = await queueImport(await bed.run(path, template), queueOptions());
    expect(result.rejectedRowsFile).toMatch(/people-rejected-.*\.csv$/);
    expect(readFileSync(result.rejectedRowsFile!, 'utf8')).toBe('\uFEFFphone number,name,error\r\n,Bob,phone number: Missing\r\n');
  });
});
