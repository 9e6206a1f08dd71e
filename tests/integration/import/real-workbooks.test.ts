import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { examineFile } from '../../../electron/core/import/examine-file';
import type { SheetRow } from '../../../electron/core/import/sheet-row';
import { listWorkbookSheets, readXlsxRows } from '../../../electron/core/import/xlsx-rows';
import { EXPECTED_ROWS, SHEETS } from '../../fixtures/workbooks/recipients';

const folder = fileURLToPath(new URL('../../fixtures/workbooks/', import.meta.url));

/** Every workbook in the folder, who wrote it (see its README), and the sheets each offers. */
const WORKBOOKS: { file: string; writtenBy: string; sheets?: { name: string; hidden: boolean }[] }[] = [
  { file: 'libreoffice.xlsx', writtenBy: 'LibreOffice Calc (soffice --convert-to xlsx)' },
  // gnumeric does not write a sheet's hidden state: its hidden sheet comes back visible.
  {
    file: 'gnumeric.xlsx',
    writtenBy: 'gnumeric (ssconvert)',
    sheets: SHEETS.map((sheet) => ({ ...sheet, hidden: false })),
  },
  { file: 'exceljs.xlsx', writtenBy: 'exceljs' },
  { file: 'openpyxl.xlsx', writtenBy: 'openpyxl (Debian python3-openpyxl)' },
  { file: 'xlsxwriter.xlsx', writtenBy: 'XlsxWriter (Debian python3-xlsxwriter)' },
  { file: 'xlsxwriter-inline-strings.xlsx', writtenBy: 'XlsxWriter in constant-memory mode (inline strings)' },
  { file: 'xlsxwriter-1904.xlsx', writtenBy: 'XlsxWriter, 1904 date system' },
  { file: 'excel-windows.xlsx', writtenBy: 'built as Excel for Windows writes (with a chart sheet, shared formulas)' },
  { file: 'excel-mac-1904.xlsx', writtenBy: 'built as Excel for Mac 2011 writes (1904 date system)' },
  { file: 'excel-mobile-utf16.xlsx', writtenBy: 'built as Excel on phones writes (UTF-16 parts)' },
  { file: 'excel-strict.xlsx', writtenBy: 'built as Excel writes Strict Open XML' },
  { file: 'office-packaging-library.xlsx', writtenBy: 'built as Office’s packaging library writes (absolute targets)' },
  { file: 'google-sheets.xlsx', writtenBy: 'built as Google Sheets exports' },
  {
    file: 'numbers.xlsx',
    writtenBy: 'built as Numbers exports (summary sheet)',
    sheets: [{ name: 'Export Summary', hidden: false }, ...SHEETS],
  },
  { file: 'prefixed-relationships.xlsx', writtenBy: 'built: relationships under ns:, relationships: and ns0:' },
  { file: 'part-names-in-another-case.xlsx', writtenBy: 'built: zip entries in another case than the relationships' },
  { file: 'main-part-elsewhere.xlsx', writtenBy: 'built: the workbook part found only through _rels/.rels' },
  { file: 'backslash-entry-names.xlsx', writtenBy: 'built: zip entry names with backslashes' },
  {
    file: 'inline-strings-cdata-and-cached-values.xlsx',
    writtenBy: 'built: inline strings in CDATA, with cached values beside them',
  },
];

async function rows(path: string, sheet: string): Promise<SheetRow[]> {
  const read: SheetRow[] = [];
  for await (const chunk of readXlsxRows(await examineFile(path), sheet)) read.push(...chunk);
  return read;
}

describe('workbooks from every producer read to the same cells', () => {
  it('lists every workbook in the fixtures folder', () => {
    const files = readdirSync(folder)
      .filter((name) => name.endsWith('.xlsx'))
      .sort();
    expect(files).toEqual(WORKBOOKS.map(({ file }) => file).sort());
  });

  it.each(WORKBOOKS)('$file ($writtenBy)', async ({ file, sheets = SHEETS }) => {
    const path = `${folder}${file}`;
    const listed = await listWorkbookSheets(await examineFile(path));
    // A chart sheet holds no rows: it is never offered.
    expect(listed.map(({ name, hidden }) => ({ name, hidden }))).toEqual(sheets);
    expect(await rows(path, 'Recipients')).toEqual(EXPECTED_ROWS);
  });
});
