import { ImportError } from './import-error';
import { assertNotZipBomb, damagedWorkbookMessage, readZipDirectory, readZipEntryText, readZipEntryWhole, type ZipEntry } from './zip-archive';

export interface WorkbookSheet {
  name: string;
  hidden: boolean;
  /** The sheet's part, found through the workbook's relationships. */
  entry: ZipEntry;
}

/** What a sheet's rows do not say as they are read: hidden columns, merged cells (listed after the rows), hidden rows. */
export interface SheetLayout {
  hiddenRows: Set<number>;
  hiddenColumns: Set<number>;
  /** Each merged range: the top-left cell and the range it covers (1-based rows and columns). */
  merges: { top: number; left: number; bottom: number; right: number }[];
}

/** Lists a workbook's sheets from its own table of contents, refusing files that are not workbooks. */
export async function readWorkbookSheets(path: string, fileName: string): Promise<{ sheets: WorkbookSheet[]; entries: ZipEntry[] }> {
  const entries = await readZipDirectory(path, fileName);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const mimetype = byName.get('mimetype');
  if (mimetype && (await readZipEntryWhole(path, mimetype, fileName)).includes('opendocument')) {
    throw new ImportError('ods-file', odsMessage(fileName));
  }
  if (entries.some((entry) => entry.encrypted)) throw new ImportError('password-protected', passwordMessage(fileName));
  assertNotZipBomb(entries, fileName);
  const workbookEntry = byName.get('xl/workbook.xml');
  const relsEntry = byName.get('xl/_rels/workbook.xml.rels');
  if (!workbookEntry || !relsEntry) {
    throw new ImportError('not-a-workbook', `${fileName} is a zip file but not an Excel workbook. Choose an .xlsx, .xlsm or .csv file.`);
  }
  const workbookXml = await readZipEntryWhole(path, workbookEntry, fileName);
  const relsXml = await readZipEntryWhole(path, relsEntry, fileName);
  const targets = new Map<string, string>();
  for (const tag of relsXml.match(/<Relationship\b[^>]*>/g) ?? []) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  const sheets: WorkbookSheet[] = [];
  for (const tag of workbookXml.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const name = attribute(tag, 'name');
    const relationship = attribute(tag, 'r:id') ?? attribute(tag, 'id');
    const target = relationship ? targets.get(relationship) : undefined;
    const entry = target ? byName.get(target) : undefined;
    if (name === null || !entry) continue;
    const state = attribute(tag, 'state');
    sheets.push({ name, hidden: state === 'hidden' || state === 'veryHidden', entry });
  }
  if (sheets.length === 0) throw new ImportError('damaged-workbook', damagedWorkbookMessage(fileName));
  return { sheets, entries };
}

/** Scans one sheet's XML (unpacked as a stream, never held whole) for hidden rows, hidden columns and merges. */
export async function readSheetLayout(path: string, sheet: WorkbookSheet, fileName: string): Promise<SheetLayout> {
  const layout: SheetLayout = { hiddenRows: new Set(), hiddenColumns: new Set(), merges: [] };
  let carry = '';
  for await (const chunk of readZipEntryText(path, sheet.entry, fileName)) {
    const text = carry + chunk;
    const lastTagStart = text.lastIndexOf('<');
    const complete = lastTagStart >= 0 && text.indexOf('>', lastTagStart) < 0 ? text.slice(0, lastTagStart) : text;
    carry = text.slice(complete.length);
    scanLayoutTags(complete, layout);
  }
  scanLayoutTags(carry, layout);
  return layout;
}

const layoutTag = /<(?:\w+:)?(row|col|mergeCell)\b([^>]*)>/g;

function scanLayoutTags(xml: string, layout: SheetLayout): void {
  if (!xml.includes('hidden') && !xml.includes('mergeCell')) return;
  for (const match of xml.matchAll(layoutTag)) {
    const [, name, attributes = ''] = match;
    if (name === 'mergeCell') {
      const range = attribute(attributes, 'ref')?.match(/^([A-Z]+)(\d+):([A-Z]+)(\d+)$/);
      if (range) {
        layout.merges.push({
          left: columnNumber(range[1] ?? 'A'),
          top: Number(range[2]),
          right: columnNumber(range[3] ?? 'A'),
          bottom: Number(range[4]),
        });
      }
      continue;
    }
    const hidden = attribute(attributes, 'hidden');
    if (hidden !== '1' && hidden !== 'true') continue;
    if (name === 'row') {
      const rowNumber = Number(attribute(attributes, 'r'));
      if (rowNumber > 0) layout.hiddenRows.add(rowNumber);
    } else {
      const min = Number(attribute(attributes, 'min'));
      const max = Math.min(Number(attribute(attributes, 'max')), 16_384);
      for (let column = min; column <= max; column += 1) layout.hiddenColumns.add(column);
    }
  }
}

export function columnNumber(letters: string): number {
  let number = 0;
  for (const letter of letters) number = number * 26 + (letter.charCodeAt(0) - 64);
  return number;
}

function attribute(tag: string, name: string): string | null {
  const match = tag.match(new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`));
  return match?.[1] === undefined ? null : decodeXml(match[1]);
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (entity, name: string) => {
    switch (name.toLowerCase()) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default:
        return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    }
  });
}

export const odsMessage = (fileName: string): string =>
  `${fileName} is an OpenDocument spreadsheet (.ods), which notify-desk cannot read. Open it in LibreOffice or Excel and choose File > Save As, then "Excel Workbook (.xlsx)" or "CSV", and import the new file.`;

export const xlsMessage = (fileName: string): string =>
  `${fileName} is an old Excel 97–2003 workbook (.xls), which notify-desk cannot read. Open it in Excel and choose File > Save As, then "Excel Workbook (.xlsx)" or "CSV UTF-8", and import the new file.`;

export const passwordMessage = (fileName: string): string =>
  `${fileName} is protected with a password, so it cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, then clear it), save it and import it again.`;
