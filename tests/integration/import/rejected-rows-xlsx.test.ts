import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { examineFile } from '../../../electron/core/import/examine-file';
import { RejectedRowsFile } from '../../../electron/core/import/rejected-rows-file';
import { queueImport } from '../../../electron/core/import/run-import';
import { readXlsxRows } from '../../../electron/core/import/xlsx-rows';
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
    rows.push(
      Array.from(values.slice(1), (value) =>
        value === null || value === undefined ? '' : String(value as string | number),
      ),
    );
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
    expect(result.report.errors.map((error) => `${error.column}: ${error.message}`)).toEqual(
      rejected.rows.slice(1).map((row) => row[3]),
    );

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
    expect(readFileSync(result.rejectedRowsFile!, 'utf8')).toBe(
      '\uFEFFphone number,name,error\r\n,Bob,phone number: Missing\r\n',
    );
  });
});

describe('the rejected-rows workbook, written by exceljs’ streaming writer', () => {
  /** Writes rows as the import does: the first row is the header, then each row with its errors. */
  async function write(rows: readonly string[][]): Promise<string> {
    const [headers = [], ...body] = rows;
    const file = new RejectedRowsFile(bed.dir, 'book.xlsx', headers.slice(0, -1), 'xlsx');
    body.forEach((row, index) =>
      file.add({ rowNumber: index + 2, cells: row.slice(0, -1) }, [
        { row: index + 2, column: null, message: row.at(-1) ?? '' },
      ]),
    );
    await file.close();
    return file.path;
  }

  async function readWithOurs(path: string): Promise<string[][]> {
    const rows: string[][] = [];
    for await (const chunk of readXlsxRows(await examineFile(path), undefined))
      rows.push(...chunk.map((row) => row.cells));
    return rows;
  }

  it('holds text cells that exceljs and our reader read back as written, whatever the text', async () => {
    const wide = Array.from({ length: 27 }, (_, index) => `column ${index + 4}`);
    const rows = [
      ['phone number', 'name', 'note', ...wide, 'error'],
      ['07700900123', 'Siân "Post" O\'Neil', '<b>&amp; & </b>', ...wide.map(() => ''), 'Mobile number is too short'],
      ['', 'two\nlines and a tab\tthere', ' spaces kept  ', ...wide.map(() => ''), 'Missing'],
      ['000123', '🚀 €', 'x'.repeat(40_000), ...wide, '1e5'],
    ];
    const path = await write(rows);
    const byExcelJs = await readRows(path);
    expect(byExcelJs.sheets).toEqual(['Rejected rows']);
    expect(byExcelJs.rows).toEqual(rows);
    expect(await readWithOurs(path)).toEqual(byExcelJs.rows);
  });

  it('leaves out the characters XML cannot hold, and keeps the rest of the cell', async () => {
    const path = await write([
      ['a', 'b', 'c', 'error'],
      ['a\u0000b\u0001c\u000bd\ud800e\uffff\u001ff', 'kept \udc00 here', 'pair 😀 kept', 'x'],
    ]);
    expect((await readWithOurs(path))[1]).toEqual(['abcdef', 'kept  here', 'pair 😀 kept', 'x']);
    expect((await readRows(path)).rows[1]).toEqual(['abcdef', 'kept  here', 'pair 😀 kept', 'x']);
  });

  it('streams many rows and reads back every one', async () => {
    const rows = [
      ['phone number', 'name', 'error'],
      ...Array.from({ length: 20_000 }, (_, index) => [
        `0770090${String(index).padStart(4, '0')}`,
        `Person ${index}`,
        'Mobile number is too short',
      ]),
    ];
    const read = await readWithOurs(await write(rows));
    expect(read.length).toBe(20_001);
    expect(read[12_345]).toEqual(rows[12_345]);
  });

  it('says why the file could not be saved', async () => {
    const folder = join(bed.dir, 'gone');
    const file = new RejectedRowsFile(folder, 'book.xlsx', ['a'], 'xlsx');
    // The folder disappears before the file is opened (a network drive dropped, say).
    rmSync(folder, { recursive: true });
    file.add({ rowNumber: 2, cells: ['x'] }, [{ row: 2, column: null, message: 'Missing' }]);
    await expect(file.close()).rejects.toThrow(/The rows set aside could not be saved in .*ENOENT/);
  });
});
