import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { examineFile } from '../../../electron/core/import/examine-file';
import { readXlsxRows } from '../../../electron/core/import/xlsx-rows';
import { columnName, XlsxTextSheetWriter } from '../../../electron/core/import/xlsx-text-sheet-writer';
import { makeTempDir } from '../../helpers/temp-dir';

const temp = makeTempDir('notify-desk-xlsx-writer-');
afterAll(() => temp.remove());

async function write(name: string, rows: readonly string[][]): Promise<string> {
  const path = join(temp.path, name);
  const writer = new XlsxTextSheetWriter(path, 'Rejected rows');
  for (const row of rows) writer.addRow(row);
  await writer.close();
  return path;
}

/** What exceljs reads: every row, holes as ''. */
async function readWithExcelJs(path: string): Promise<{ sheets: string[]; rows: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const rows: string[][] = [];
  workbook.worksheets[0]?.eachRow((row) => {
    rows.push(Array.from((row.values as unknown[]).slice(1), (value) => (value === null || value === undefined ? '' : String(value))));
  });
  return { sheets: workbook.worksheets.map((sheet) => sheet.name), rows };
}

/** A row as readers give it back: empty cells are not written, so a row ends at its last cell with text. */
function withoutTrailingEmptyCells(row: readonly string[]): string[] {
  let end = row.length;
  while (end > 0 && row[end - 1] === '') end -= 1;
  return row.slice(0, end);
}

async function readWithOurs(path: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const chunk of readXlsxRows(await examineFile(path), undefined)) {
    for (const row of chunk) rows.push(Array.from(row.cells, (cell) => cell ?? ''));
  }
  return rows;
}

/** Each entry's CRC and sizes, as the central directory gives them, checked against its unpacked bytes. */
function checkEveryEntry(path: string): string[] {
  const zip = readFileSync(path);
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let index = 0; index < count; index += 1) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const [crc, compressedSize, size, nameLength, offset] = [
      zip.readUInt32LE(at + 16),
      zip.readUInt32LE(at + 20),
      zip.readUInt32LE(at + 24),
      zip.readUInt16LE(at + 28),
      zip.readUInt32LE(at + 42),
    ];
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    const unpacked = inflateRawSync(zip.subarray(dataStart, dataStart + compressedSize));
    expect({ name, size: unpacked.length, crc: crc32(unpacked) }).toEqual({ name, size, crc });
    names.push(name);
    at += 46 + nameLength;
  }
  return names;
}

describe('the text-only XLSX writer', () => {
  it('names columns as Excel does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16_383].map(columnName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });

  it('writes a workbook that exceljs and our reader read back cell for cell, whatever the text', async () => {
    const wide = Array.from({ length: 30 }, (_, index) => `column ${columnName(index)}`);
    const rows = [
      ['phone number', 'name', 'note', 'error'],
      ['07700900123', 'Siân "Post" O\'Neil', '<b>&amp; & </b>', 'phone number: Mobile number is too short'],
      ['', 'two\nlines\r\nand a tab\tthere', ' spaces kept  ', ''],
      ['000123', '🚀 €', 'x'.repeat(40_000), 'name: Missing'],
      wide,
    ];
    const path = await write('awkward.xlsx', rows);
    expect(checkEveryEntry(path)).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml']);
    const byExcelJs = await readWithExcelJs(path);
    expect(byExcelJs.sheets).toEqual(['Rejected rows']);
    expect(byExcelJs.rows).toEqual(rows.map(withoutTrailingEmptyCells));
    expect(await readWithOurs(path)).toEqual(byExcelJs.rows);
  });

  it('leaves out the characters XML cannot hold, and keeps the rest of the cell', async () => {
    const path = await write('controls.xlsx', [['a\u0000b\u0001c\u000bd\ud800e\uffff\u001ff', 'kept \udc00 here', 'pair 😀 kept']]);
    expect(await readWithOurs(path)).toEqual([['abcdef', 'kept  here', 'pair 😀 kept']]);
    expect((await readWithExcelJs(path)).rows).toEqual([['abcdef', 'kept  here', 'pair 😀 kept']]);
  });

  it('streams many rows and reads back every one', async () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => [`0770090${String(index).padStart(4, '0')}`, `Person ${index}`, 'Mobile number is too short']);
    const path = await write('many.xlsx', rows);
    checkEveryEntry(path);
    const read = await readWithOurs(path);
    expect(read.length).toBe(20_000);
    expect(read[12_345]).toEqual(rows[12_345]);
  });

  it('says why the file could not be saved', async () => {
    const writer = new XlsxTextSheetWriter(join(temp.path, 'no such folder', 'rejected.xlsx'), 'Rejected rows');
    writer.addRow(['a']);
    await expect(writer.close()).rejects.toThrow(/ENOENT/);
  });
});
