// One HTML character reference decoded as Python's html.unescape decodes it (which Notify relies on): named
// references from the HTML5 table, with the longest name that needs no `;` taken when the whole name is unknown (as
// in an HTML text node), and numeric references with HTML's replacements, except that Python drops the code points
// HTML only warns about.
import { decodeHTML, DecodingMode, replaceCodePoint } from 'entities/decode';

/** Code points Python's html.unescape turns into nothing (its _invalid_codepoints, less the C1 ones it replaces). */
const DROPPED_CODE_POINT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1, 0x8],
  [0xb, 0xb],
  [0xe, 0x1f],
  [0x7f, 0x7f],
  [0xfdd0, 0xfdef],
];

function isDropped(codePoint: number): boolean {
  // The last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE ... U+10FFFF) are noncharacters.
  if ((codePoint & 0xfffe) === 0xfffe && codePoint <= 0x10ffff) return true;
  return DROPPED_CODE_POINT_RANGES.some(([first, last]) => codePoint >= first && codePoint <= last);
}

function decodeNumericReference(reference: string): string {
  const isHex = reference.charAt(1) === 'x' || reference.charAt(1) === 'X';
  const digits = reference.slice(isHex ? 2 : 1).replace(/;$/, '');
  const codePoint = parseInt(digits, isHex ? 16 : 10);
  if (isDropped(codePoint)) return '';
  return String.fromCodePoint(replaceCodePoint(codePoint));
}

/** Decodes one reference: the text after `&`, as far as Python's pattern takes it (a name of up to 32 characters, or `#` and digits, and the `;` if there). */
export function decodeCharacterReference(reference: string): string {
  if (reference.startsWith('#')) return decodeNumericReference(reference);
  return decodeHTML(`&${reference}`, DecodingMode.Legacy);
}
