import type { WorkbookPackage, WorkbookSheet } from './xlsx-package';
import { joinCarried } from './xlsx-xml';

/** What a sheet's rows do not say as they are read: hidden columns, merged cells (listed after the rows), hidden rows. */
export interface SheetLayout {
  hiddenRows: Set<number>;
  hiddenColumns: Set<number>;
  /** Each merged range: the top-left cell and the range it covers (1-based rows and columns). */
  merges: { top: number; left: number; bottom: number; right: number }[];
}

/** Scans one sheet's XML (unpacked as a stream, never held whole) for hidden rows, hidden columns and merges. */
export async function readSheetLayout(workbook: WorkbookPackage, sheet: WorkbookSheet): Promise<SheetLayout> {
  const layout: SheetLayout = { hiddenRows: new Set(), hiddenColumns: new Set(), merges: [] };
  let carry = '';
  for await (const chunk of workbook.text(sheet.entry)) {
    const text = joinCarried(carry, chunk);
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

/** A plain attribute's value (numbers and cell references: nothing to decode). */
function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return match ? (match[1] ?? match[2] ?? '') : null;
}
