import { ZipFileWriter } from './zip-file-writer';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '</Types>';

const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SPREADSHEET = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

const relationship = (type: string, target: string): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELATIONSHIPS}">` +
  `<Relationship Id="rId1" Type="${OFFICE_DOCUMENT}/${type}" Target="${target}"/></Relationships>`;

const workbook = (sheetName: string): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${SPREADSHEET}" xmlns:r="${OFFICE_DOCUMENT}">` +
  `<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

// Characters XML 1.0 cannot hold at all (C0 controls other than tab and line breaks, U+FFFE, U+FFFF, lone
// surrogates): they are left out. A carriage return is kept as a reference, which XML does not turn into \n.
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ESCAPED: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

function escapeXml(text: string): string {
  return text.replace(NOT_IN_XML, '').replace(/[&<>"\r]/g, (character) => ESCAPED[character] ?? '');
}

/** A, B, … Z, AA, AB, … for the column at this 0-based index. */
export function columnName(index: number): string {
  let name = '';
  for (let number = index + 1; number > 0; number = Math.floor((number - 1) / 26)) {
    name = String.fromCharCode(65 + ((number - 1) % 26)) + name;
  }
  return name;
}

/**
 * A workbook of one sheet whose cells are all text (so phone numbers keep their leading zero and long references
 * their digits), written row by row and never held whole. Empty cells are left out, as Excel leaves them.
 */
export class XlsxTextSheetWriter {
  private readonly zip: ZipFileWriter;
  private rows = 0;

  constructor(path: string, sheetName: string) {
    this.zip = new ZipFileWriter(path);
    this.zip.addEntry('[Content_Types].xml', CONTENT_TYPES);
    this.zip.addEntry('_rels/.rels', relationship('officeDocument', 'xl/workbook.xml'));
    this.zip.addEntry('xl/workbook.xml', workbook(sheetName));
    this.zip.addEntry('xl/_rels/workbook.xml.rels', relationship('worksheet', 'worksheets/sheet1.xml'));
    this.zip.startStreamedEntry('xl/worksheets/sheet1.xml');
    this.zip.write(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${SPREADSHEET}"><sheetData>`);
  }

  addRow(cells: readonly string[]): void {
    this.rows += 1;
    let xml = `<row r="${this.rows}">`;
    cells.forEach((cell, index) => {
      if (cell !== '') xml += `<c r="${columnName(index)}${this.rows}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell)}</t></is></c>`;
    });
    this.zip.write(`${xml}</row>`);
  }

  async close(): Promise<void> {
    this.zip.write('</sheetData></worksheet>');
    await this.zip.close();
  }
}
