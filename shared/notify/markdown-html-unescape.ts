// Python's html.unescape, which turns a plain-text email's rendered markdown back into plain text: named and
// numeric character references are decoded, with or without their closing `;` where HTML5 allows that.
import { decodeCharacterReference } from './html-character-references';

const CHARACTER_REFERENCE = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/g;

/** Decodes HTML character references exactly as Python's html.unescape does. */
export function unescapeHtml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(CHARACTER_REFERENCE, (_whole, reference: string) => decodeCharacterReference(reference));
}
