import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../helpers/temp-dir';
import { writeZip } from '../../fixtures/bad-files/zip-writer';
import { examineFile } from '../../../electron/core/import/examine-file';
import type { SheetRow } from '../../../electron/core/import/sheet-row';
import { readXlsxRows } from '../../../electron/core/import/xlsx-rows';
import { sharedStringsFromText } from '../../../electron/core/import/xlsx-shared-strings';
import { sheetRowsFromText } from '../../../electron/core/import/xlsx-sheet-reader';
import { cellFormatsFromStyles } from '../../../electron/core/import/xlsx-styles';
import type { WorkbookCellContext } from '../../../electron/core/import/xlsx-workbook-context';
import { generalNumberText } from '../../../electron/core/import/number-format/general';
import { exceljsRows } from './exceljs-sheet-oracle';

const ukDate = (date: Date): string => date.toISOString().slice(0, 10).split('-').reverse().join('/');

const temp = makeTempDir('notify-desk-xlsx-reader-');
afterAll(() => temp.remove());
let fileCount = 0;
const newPath = (): string => join(temp.path, `book-${(fileCount += 1)}.xlsx`);

type Writer = 'workbook' | 'streaming, shared strings' | 'streaming, inline strings';
const writers: Writer[] = ['workbook', 'streaming, shared strings', 'streaming, inline strings'];

/** Writes a workbook with exceljs in one of the three ways it can, so each of its XML shapes is read. */
async function writeWorkbook(
  writer: Writer,
  build: (workbook: ExcelJS.Workbook) => void,
  date1904 = false,
): Promise<string> {
  const path = newPath();
  if (writer === 'workbook') {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = date1904;
    build(workbook);
    await workbook.xlsx.writeFile(path);
  } else {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useStyles: true,
      useSharedStrings: writer === 'streaming, shared strings',
    });
    build(workbook);
    await workbook.commit();
  }
  return path;
}

async function ourRows(path: string, sheet?: string): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const chunk of readXlsxRows(await examineFile(path), sheet, { chunkSize: 7 })) rows.push(...chunk);
  return rows;
}

const march1st = new Date(Date.UTC(2026, 2, 1));
const teaTime = new Date(Date.UTC(2026, 2, 1, 16, 30, 5));

/** One sheet with every kind of value Notify users' workbooks hold, plus a second sheet. Rows are left for the
 * streaming writer to commit at the end, after the formats and merges are set. */
function everyKindOfValue(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('Values');
  sheet.getColumn(6).hidden = true;
  const addRow = (values: unknown[], numberFormats: Record<number, string> = {}): ExcelJS.Row => {
    const row = sheet.addRow(values);
    for (const [column, numFmt] of Object.entries(numberFormats)) row.getCell(Number(column)).numFmt = numFmt;
    return row;
  };
  addRow(['phone number', 'text', 'date', 'formula', 'other', 'hidden column', 'merged', 'last']);
  addRow([447700900123, 'Ann', march1st, { formula: 'B2&"-1"', result: 'Ann-1' }, true, 'secret', 'across', 'x']);
  addRow(
    [
      4.47700900123e11,
      'Fish & chips <b> "quoted" \'single\'',
      46082,
      { formula: '1+1', result: 2 },
      false,
      'secret',
      null,
      'y',
    ],
    { 3: 'd-mmm-yy' },
  );
  addRow(
    [
      123456789012345,
      '👋🏽 Dŵr ŵ ŷ',
      teaTime,
      { formula: 'DATE(2026,3,1)', result: 46082 },
      { error: '#N/A' },
      's',
      'down',
      null,
    ],
    {
      3: 'yyyy-mm-dd hh:mm:ss',
      4: 'dd/mm/yyyy',
    },
  );
  addRow([-12, '  padded  ', 0.5, { formula: 'TIME(6,0,0)', result: 0.25 }, { error: '#REF!' }, null, null, 'z'], {
    3: 'h:mm:ss',
    4: 'h:mm',
  });
  addRow([3.14159, 'line one\nline two', 46082.75, { formula: 'NOW()' }, 0, null, null, null], {
    3: 'DD/MM/YYYY "at" hh:mm',
    5: 'YYYY',
  });
  addRow([-0.5, null, null, null, 'after gaps']);
  addRow([1e-7, 'trailing', null, null, null, null, null, null]);
  addRow([447700900199, 'Hidden', march1st]).hidden = true;
  addRow([0.1 + 0.2, 12345678901234567000, 1e21, 7, '007']);
  addRow([{ richText: [{ text: 'Bold', font: { bold: true } }, { text: ' and plain' }] }, 'rich']);
  sheet.getRow(20).values = [447700900200, 'after missing rows', march1st];
  sheet.mergeCells('G2:H2');
  sheet.mergeCells('G4:G5');
  const second = workbook.addWorksheet('Second');
  second.addRow(['email address', 'name']);
  second.addRow(['ann@example.com', 'Ann']);
}

describe('our XLSX sheet reader gives the rows exceljs gave', () => {
  it.each(writers)('every kind of value, written by exceljs (%s)', async (writer) => {
    const path = await writeWorkbook(writer, everyKindOfValue);
    const ours = await ourRows(path, 'Values');
    const expected = await exceljsRows(path, 'Values');
    if (writer === 'streaming, inline strings') {
      // exceljs keeps only the last run of an inline rich string; the whole text is what the cell shows.
      const richRow = expected.find((row) => row.cells[1] === 'rich');
      expect(richRow?.cells[0]).toBe(' and plain');
      if (richRow) richRow.cells[0] = 'Bold and plain';
    }
    expect(ours).toEqual(expected);
    expect(ours.map((row) => row.rowNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 20]);
    expect(ours[0]?.cells).toEqual(['phone number', 'text', 'date', 'formula', 'other', 'merged', 'last']);
    // Each number as its cell's format shows it; a date without a format of its own is in the short date, id 14.
    expect(ours[1]?.cells).toEqual(['447700900123', 'Ann', '01/03/2026', 'Ann-1', 'TRUE', 'across', 'across']);
    expect(ours[2]?.cells).toEqual([
      '447700900123',
      'Fish & chips <b> "quoted" \'single\'',
      '1-Mar-26',
      '2',
      'FALSE',
      '',
      'y',
    ]);
    expect(ours[3]?.cells).toEqual([
      '123456789012345',
      '👋🏽 Dŵr ŵ ŷ',
      '2026-03-01 16:30:05',
      '01/03/2026',
      '#N/A',
      'down',
    ]);
    expect(ours[4]?.cells).toEqual(['-12', '  padded  ', '12:00:00', '6:00', '#REF!', 'down', 'z']);
    expect(ours[5]?.cells).toEqual(['3.14159', 'line one\nline two', '01/03/2026 at 18:00', '', '1900']);
    expect(ours[6]?.cells).toEqual(['-0.5', '', '', '', 'after gaps']);
    expect(ours[7]?.cells).toEqual(['1E-07', 'trailing']);
    expect(ours[8]?.cells).toEqual(['0.3', '12345678901234567168', '1E+21', '7', '007']);
    expect(ours[9]?.cells).toEqual(['Bold and plain', 'rich']);
    expect(ours[10]?.cells).toEqual(['447700900200', 'after missing rows', '01/03/2026']);
    expect(await ourRows(path, 'Second')).toEqual([
      { rowNumber: 1, cells: ['email address', 'name'] },
      { rowNumber: 2, cells: ['ann@example.com', 'Ann'] },
    ]);
    expect(await ourRows(path, 'Second')).toEqual(await exceljsRows(path, 'Second'));
  });

  // exceljs' streaming writer cannot write a 1904 workbook.
  it('a workbook on the 1904 date system', async () => {
    const path = await writeWorkbook(
      'workbook',
      (workbook) => {
        const sheet = workbook.addWorksheet('Dates');
        sheet.addRow(['date', 'serial', 'number']).commit();
        sheet.addRow([march1st, 44620, 44620]).commit();
        sheet.addRow([teaTime, 0.5, 1.5]).commit();
        sheet.getCell('B2').numFmt = 'dd/mm/yyyy';
        sheet.getCell('B3').numFmt = 'hh:mm';
      },
      true,
    );
    const ours = await ourRows(path);
    expect(ours).toEqual(await exceljsRows(path));
    expect(ours.map((row) => row.cells)).toEqual([
      ['date', 'serial', 'number'],
      ['01/03/2026', '01/03/2026', '44620'],
      ['01/03/2026', '12:00', '1.5'],
    ]);
  });

  it.each(writers)(
    'thousands of rows of every length, so that tags and values fall across the unpacked chunks (%s)',
    async (writer) => {
      const many = Array.from({ length: 3000 }, (_, index) => ({
        index,
        notes: `${'ŵ&<'.repeat(index % 13)}${'note '.repeat(index % 37)}${index}`,
        when: new Date(Date.UTC(2026, index % 12, 1 + (index % 28))),
        hidden: index % 101 === 0,
      }));
      const path = await writeWorkbook(writer, (workbook) => {
        const sheet = workbook.addWorksheet('Many');
        sheet.addRow(['phone number', 'name', 'notes', 'when', 'amount']).commit();
        for (const { index, notes, when, hidden } of many) {
          const row = sheet.addRow([7700900000 + index, `Person ${index}`, notes, when, index / 7]);
          row.hidden = hidden;
          row.commit();
        }
        sheet.addRow(['long', 'x'.repeat(40_000)]).commit();
      });
      const ours = await ourRows(path);
      expect(ours).toEqual([
        { rowNumber: 1, cells: ['phone number', 'name', 'notes', 'when', 'amount'] },
        ...many
          .filter(({ hidden }) => !hidden)
          .map(({ index, notes, when }) => ({
            rowNumber: index + 2,
            cells: [String(7700900000 + index), `Person ${index}`, notes, ukDate(when), generalNumberText(index / 7)],
          })),
        { rowNumber: 3002, cells: ['long', 'x'.repeat(40_000)] },
      ]);
      // exceljs decodes each unpacked chunk on its own, so a character cut in two by a chunk boundary comes out as
      // U+FFFD; apart from those cells its rows are ours.
      const exceljs = await exceljsRows(path);
      let brokenCells = 0;
      const mended = exceljs.map((row, rowIndex) => ({
        rowNumber: row.rowNumber,
        cells: row.cells.map((cell, column) => {
          if (!cell.includes('\uFFFD')) return cell;
          brokenCells += 1;
          return ours[rowIndex]?.cells[column] ?? cell;
        }),
      }));
      expect(ours).toEqual(mended);
      expect(brokenCells).toBeLessThan(20);
    },
  );
});

/** A workbook written by hand, with what exceljs never writes: namespace prefixes, no r attributes, t="d" and more. */
function handWrittenWorkbook(parts: {
  sheet: string;
  sharedStrings?: string;
  styles?: string;
  workbookPr?: string;
  columns?: string;
  merges?: string;
}): Buffer {
  const part = (name: string, xml: string): { name: string; data: Buffer } => ({
    name,
    data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`),
  });
  const main = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const relationship = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return writeZip([
    part(
      'xl/workbook.xml',
      `<x:workbook ${main} xmlns:r="${relationship}">${parts.workbookPr ?? ''}<x:sheets><x:sheet name="Hand made" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${relationship}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${relationship}/sharedStrings" Target="/xl/strings.xml"/>` +
        `<Relationship Id="rId3" Type="${relationship}/styles" Target="styles.xml"/></Relationships>`,
    ),
    part(
      'xl/worksheets/sheet1.xml',
      `<x:worksheet ${main}>${parts.columns ?? ''}<x:sheetData>${parts.sheet}</x:sheetData>${parts.merges ?? ''}</x:worksheet>`,
    ),
    ...(parts.sharedStrings ? [part('xl/strings.xml', `<x:sst ${main}>${parts.sharedStrings}</x:sst>`)] : []),
    ...(parts.styles ? [part('xl/styles.xml', `<x:styleSheet ${main}>${parts.styles}</x:styleSheet>`)] : []),
  ]);
}

const handWrittenStyles =
  '<x:numFmts count="2"><x:numFmt numFmtId="14" formatCode="dd\\/mm\\/yyyy"/><x:numFmt numFmtId="164" formatCode="[&gt;=1]0.0;&quot;small&quot;"/></x:numFmts>' +
  '<x:cellStyleXfs count="1"><x:xf numFmtId="14"/></x:cellStyleXfs>' +
  '<x:cellXfs count="4"><x:xf numFmtId="0"/><x:xf numFmtId="14" applyNumberFormat="1"/><x:xf numFmtId="164"><x:alignment wrapText="1"/></x:xf><x:xf numFmtId="21"/></x:cellXfs>' +
  '<x:dxfs count="1"><x:dxf><x:numFmt numFmtId="165" formatCode="yyyy"/></x:dxf></x:dxfs>';

describe('workbooks exceljs does not read (or reads wrongly), written by hand', () => {
  it('hidden rows and columns and merged cells, with namespace prefixes on every tag', async () => {
    const path = newPath();
    writeFileSync(
      path,
      handWrittenWorkbook({
        columns: '<x:cols><x:col min="2" max="2" hidden="1"/></x:cols>',
        sheet:
          '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>phone number</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>secret</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c></x:row>' +
          '<x:row r="2"><x:c r="A2"><x:v>7700900001</x:v></x:c><x:c r="B2"><x:v>1</x:v></x:c><x:c r="C2" t="inlineStr"><x:is><x:t>Ann</x:t></x:is></x:c></x:row>' +
          '<x:row r="3" hidden="1"><x:c r="A3"><x:v>7700900002</x:v></x:c><x:c r="C3" t="inlineStr"><x:is><x:t>Hidden</x:t></x:is></x:c></x:row>' +
          '<x:row r="4"><x:c r="A4"><x:v>7700900003</x:v></x:c><x:c r="C4" t="inlineStr"><x:is><x:t>Bo</x:t></x:is></x:c></x:row>' +
          '<x:row r="5"><x:c r="A5"><x:v>7700900004</x:v></x:c></x:row>',
        merges: '<x:mergeCells count="1"><x:mergeCell ref="C4:C5"/></x:mergeCells>',
      }),
    );
    expect(await ourRows(path)).toEqual([
      { rowNumber: 1, cells: ['phone number', 'name'] },
      { rowNumber: 2, cells: ['7700900001', 'Ann'] },
      { rowNumber: 4, cells: ['7700900003', 'Bo'] },
      { rowNumber: 5, cells: ['7700900004', 'Bo'] },
    ]);
  });

  it('namespace prefixes, rows and cells without r, ISO dates, shared strings found through the relationships', async () => {
    const path = newPath();
    writeFileSync(
      path,
      handWrittenWorkbook({
        workbookPr: '<x:workbookPr date1904="true"/>',
        styles: handWrittenStyles,
        sharedStrings:
          '<x:si><x:t>phone number</x:t></x:si>' +
          '<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>Rich</x:t></x:r><x:r><x:t xml:space="preserve"> text</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ignored</x:t></x:rPh></x:si>' +
          '<x:si><x:t>漢字</x:t><x:rPh sb="0" eb="2"><x:t>かんじ</x:t></x:rPh><x:phoneticPr fontId="1"/></x:si>' +
          '<x:si><x:t>Carriage_x000D_return &amp;amp; &#x1F44B; &#8364;</x:t></x:si>' +
          '<x:si><x:t/></x:si>',
        sheet:
          '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row>' +
          '<x:row><x:c><x:v>447700900123</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c></x:row>' +
          '<x:row r="5"><x:c r="B5" t="d"><x:v>2026-03-01T16:30:05</x:v></x:c><x:c t="d"><x:v>2026-03-01</x:v></x:c><x:c t="d"><x:v>09:15:00</x:v></x:c></x:row>' +
          '<x:row><x:c s="1"><x:v>44620</x:v></x:c><x:c s="2"><x:v>0.5</x:v></x:c><x:c s="3"><x:v>0.25</x:v></x:c><x:c s="1"><x:f>TODAY()</x:f><x:v>44620</x:v></x:c></x:row>',
      }),
    );
    const rows = await ourRows(path);
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['phone number', 'name', 'Rich text'] },
      { rowNumber: 2, cells: ['447700900123', '漢字', 'Carriage_x000D_return &amp; 👋 €'] },
      { rowNumber: 5, cells: ['', '01/03/2026 16:30:05', '01/03/2026', '09:15:00'] },
      { rowNumber: 6, cells: ['01/03/2026', 'small', '6:00:00', '01/03/2026'] },
    ]);
  });

  it('formula results exceljs loses (errors, booleans), text escaped once, comments and odd spacing', async () => {
    const path = newPath();
    writeFileSync(
      path,
      handWrittenWorkbook({
        sheet:
          '<!-- written by hand --><x:row r="1" ><x:c r="A1" t="str"><x:v>Fish &amp;amp; chips</x:v></x:c>' +
          '<x:c r=\'B1\' t=\'e\'><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r = "C1" t="b"><x:f>TRUE()</x:f><x:v>1</x:v></x:c>' +
          '<x:c r="D1" t="inlineStr"><x:is><x:r><x:t>In</x:t></x:r><x:r><x:t>line</x:t></x:r><x:rPh><x:t>no</x:t></x:rPh></x:is></x:c>' +
          '<x:c r="E1" t="str"><x:f>A1</x:f><x:v>a\r\nb</x:v></x:c><x:c r="F1"><x:f>B1</x:f></x:c><x:c r="G1" t="n"><x:v>1E+3</x:v></x:c></x:row>' +
          '<x:row r="2"/><x:row r="3"><x:c r="C3" s="99"><x:v>5</x:v></x:c><x:c r="A3" t="b"><x:v>0</x:v></x:c></x:row>',
      }),
    );
    expect(await ourRows(path)).toEqual([
      { rowNumber: 1, cells: ['Fish &amp; chips', '#DIV/0!', 'TRUE', 'Inline', 'a\nb', '', '1000'] },
      { rowNumber: 2, cells: [] },
      { rowNumber: 3, cells: ['FALSE', '', '5'] },
    ]);
  });

  it('a sheet whose XML ends inside its rows is damaged', async () => {
    const path = newPath();
    const whole = handWrittenWorkbook({ sheet: '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>' });
    const cut = writeZip([
      {
        name: 'xl/workbook.xml',
        data: Buffer.from('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: Buffer.from('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        data: Buffer.from('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>'),
      },
    ]);
    expect(whole.length).toBeGreaterThan(0);
    writeFileSync(path, cut);
    await expect(ourRows(path)).rejects.toMatchObject({
      code: 'damaged-workbook',
      message: expect.stringMatching(/damaged or incomplete/),
    });
  });
});

describe('the scanners carry what is cut at a chunk boundary over to the next chunk', () => {
  const context: WorkbookCellContext = {
    sharedStrings: ['zero', 'one'],
    cellFormats: cellFormatsFromStyles(`<styleSheet>${handWrittenStyles.replaceAll('x:', '')}</styleSheet>`),
    date1904: false,
  };
  const sheetXml =
    '<?xml version="1.0"?><worksheet><cols><col min="1" max="1" width="9"/></cols><sheetData>' +
    '<row r="1" spans="1:4"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><r><t>a &amp; </t></r><r><t xml:space="preserve">b</t></r></is></c>' +
    '<c r="C1" s="1"><v>46082.5</v></c><c r="D1" t="str"><f>"x"</f><v>quote&quot;d</v></c></row><row r="3"><c r="B3"><v>-12.5</v></c><c s="3"><v>0.75</v></c></row>' +
    '<row r="4"/><!-- a comment > with < brackets --><row r="5"><c r="A5" t="s"><v>0</v></c></row></sheetData><mergeCells count="0"/></worksheet>';
  const sharedStringsXml =
    '<sst count="3"><si><t>plain</t></si><si><r><t>ri</t></r><r><rPr><b/></rPr><t>ch</t></r></si>' +
    '<si><t xml:space="preserve"> spaced &lt;ŵ&gt; </t><rPh sb="0" eb="1"><t>ph</t></rPh></si><si/></sst>';

  async function sheetRows(chunks: string[]): Promise<SheetRow[]> {
    const rows: SheetRow[] = [];
    for await (const batch of sheetRowsFromText(chunks, context))
      rows.push(
        ...batch.map((row) => ({ rowNumber: row.rowNumber, cells: Array.from(row.cells, (cell) => cell ?? '') })),
      );
    return rows;
  }

  it('reads the sheet the same however it is cut', async () => {
    const whole = await sheetRows([sheetXml]);
    expect(whole).toEqual([
      { rowNumber: 1, cells: ['one', 'a & b', '01/03/2026', 'quote"d'] },
      { rowNumber: 3, cells: ['', '-12.5', '18:00:00'] },
      { rowNumber: 4, cells: [] },
      { rowNumber: 5, cells: ['zero'] },
    ]);
    for (let cut = 1; cut < sheetXml.length; cut += 1) {
      expect(await sheetRows([sheetXml.slice(0, cut), sheetXml.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    }
    expect(await sheetRows([...sheetXml])).toEqual(whole);
  });

  it('reads the shared strings the same however they are cut', async () => {
    const whole = await sharedStringsFromText([sharedStringsXml]);
    expect(whole).toEqual(['plain', 'rich', ' spaced <ŵ> ', '']);
    for (let cut = 1; cut < sharedStringsXml.length; cut += 1) {
      expect(
        await sharedStringsFromText([sharedStringsXml.slice(0, cut), sharedStringsXml.slice(cut)]),
        `cut at ${cut}`,
      ).toEqual(whole);
    }
    expect(await sharedStringsFromText([...sharedStringsXml])).toEqual(whole);
  });
});
