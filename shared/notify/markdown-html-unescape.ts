// Python's html.unescape, which turns a plain-text email's rendered markdown back into plain text: named and
// numeric character references are decoded, with or without their closing `;` where HTML5 allows that.
import {
  DROPPED_NUMERIC_CODE_POINT_RANGES,
  HTML5_NAMED_CHARACTER_REFERENCES,
  INVALID_NUMERIC_CHARACTER_REFERENCES,
} from './html-entities-data';

const CHARACTER_REFERENCE = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/g;

function decodeNumericReference(reference: string): string {
  const isHex = reference.charAt(1) === 'x' || reference.charAt(1) === 'X';
  const digits = reference.slice(isHex ? 2 : 1).replace(/;$/, '');
  const codePoint = parseInt(digits, isHex ? 16 : 10);
  const corrected = INVALID_NUMERIC_CHARACTER_REFERENCES.get(codePoint);
  if (corrected !== undefined) return corrected;
  if ((codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) return '\uFFFD';
  if (DROPPED_NUMERIC_CODE_POINT_RANGES.some(([first, last]) => codePoint >= first && codePoint <= last)) return '';
  return String.fromCodePoint(codePoint);
}

function decodeNamedReference(reference: string): string {
  const exact = HTML5_NAMED_CHARACTER_REFERENCES.get(reference);
  if (exact !== undefined) return exact;
  for (let length = reference.length - 1; length > 1; length -= 1) {
    const prefix = HTML5_NAMED_CHARACTER_REFERENCES.get(reference.slice(0, length));
    if (prefix !== undefined) return prefix + reference.slice(length);
  }
  return `&${reference}`;
}

/** Decodes HTML character references exactly as Python's html.unescape does. */
export function unescapeHtml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(CHARACTER_REFERENCE, (_whole, reference: string) =>
    reference.startsWith('#') ? decodeNumericReference(reference) : decodeNamedReference(reference),
  );
}
