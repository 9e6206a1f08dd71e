// Notify's text helpers (notifications_utils/formatters.py and insensitive_dict.py), with Python's
// notion of whitespace, str.strip(), str.split() and str.splitlines() reproduced exactly.
import { decodeCharacterReference } from './html-character-references';

/** Characters with no width that Notify removes: U+180E, U+200B–U+200D, U+2060, U+FEFF, U+2028, U+2029. */
export const OBSCURE_ZERO_WIDTH_WHITESPACE = '\u180E\u200B\u200C\u200D\u2060\uFEFF\u2028\u2029';
/** No-break spaces that Notify treats as ordinary spaces: U+00A0 and U+202F. */
export const OBSCURE_FULL_WIDTH_WHITESPACE = '\u00A0\u202F';
/** Python's string.whitespace. */
export const ASCII_WHITESPACE = ' \t\n\r\v\f';
export const ALL_WHITESPACE = ASCII_WHITESPACE + OBSCURE_ZERO_WIDTH_WHITESPACE + OBSCURE_FULL_WIDTH_WHITESPACE;

/** The characters for which Python's str.isspace() is true (what str.split() and str.strip() use). */
const PYTHON_WHITESPACE_CLASS =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PYTHON_WHITESPACE_RUN = new RegExp(`[${PYTHON_WHITESPACE_CLASS}]+`, 'g');
const PYTHON_WHITESPACE_NOT_A_SINGLE_SPACE = new RegExp(
  `[${PYTHON_WHITESPACE_CLASS}]{2,}|[${PYTHON_WHITESPACE_CLASS.replace(' ', '')}]`,
  'g',
);
/** Line boundaries of Python's str.splitlines(). */
const PYTHON_LINE_BOUNDARY = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

const ZERO_WIDTH_PATTERN = new RegExp(`[${OBSCURE_ZERO_WIDTH_WHITESPACE}]`, 'g');
const FULL_WIDTH_PATTERN = new RegExp(`[${OBSCURE_FULL_WIDTH_WHITESPACE}]`, 'g');
const OBSCURE_WHITESPACE_TEST = new RegExp(`[${OBSCURE_ZERO_WIDTH_WHITESPACE}${OBSCURE_FULL_WIDTH_WHITESPACE}]`);
const OBSCURE_WHITESPACE_PATTERN = new RegExp(
  `[${OBSCURE_ZERO_WIDTH_WHITESPACE}${OBSCURE_FULL_WIDTH_WHITESPACE}]`,
  'g',
);
const ALL_WHITESPACE_PATTERN = new RegExp(`[${escapeForCharacterClass(ALL_WHITESPACE)}]`, 'g');
const WHITESPACE_BEFORE_PUNCTUATION = /[ \t]+([,.])/g;
const MORE_THAN_TWO_NEWLINES = /\n{3,}/g;
const INSENSITIVE_KEY_IGNORED = /[ _-]/g;

function escapeForCharacterClass(characters: string): string {
  return characters.replace(/[\\\]^-]/g, (character) => `\\${character}`);
}

/** Python's str.strip() with no argument. */
export function pythonStrip(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isPythonWhitespace(value.charCodeAt(start))) start += 1;
  while (end > start && isPythonWhitespace(value.charCodeAt(end - 1))) end -= 1;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/** Python's str.isspace() for one UTF-16 code unit (no whitespace lies outside the BMP). */
export function isPythonWhitespace(codeUnit: number): boolean {
  if (codeUnit <= 0x20)
    return codeUnit === 0x20 || (codeUnit >= 0x09 && codeUnit <= 0x0d) || (codeUnit >= 0x1c && codeUnit <= 0x1f);
  if (codeUnit < 0x85) return false;
  return (
    codeUnit === 0x85 ||
    codeUnit === 0xa0 ||
    codeUnit === 0x1680 ||
    (codeUnit >= 0x2000 && codeUnit <= 0x200a) ||
    codeUnit === 0x2028 ||
    codeUnit === 0x2029 ||
    codeUnit === 0x202f ||
    codeUnit === 0x205f ||
    codeUnit === 0x3000
  );
}

/** Python's str.strip(characters). */
export function stripCharacters(value: string, characters: string): string {
  return stripTrailingCharacters(stripLeadingCharacters(value, characters), characters);
}

function stripLeadingCharacters(value: string, characters: string): string {
  let start = 0;
  while (start < value.length && characters.includes(value.charAt(start))) start += 1;
  return value.slice(start);
}

function stripTrailingCharacters(value: string, characters: string): string {
  let end = value.length;
  while (end > 0 && characters.includes(value.charAt(end - 1))) end -= 1;
  return value.slice(0, end);
}

/** Python's str.split() with no argument: words separated by runs of whitespace, none empty. */
export function pythonSplitWords(value: string): string[] {
  const stripped = pythonStrip(value);
  return stripped === '' ? [] : stripped.split(PYTHON_WHITESPACE_RUN);
}

/** Python's str.splitlines(): no trailing empty line, `\r\n` counts as one break. */
export function pythonSplitLines(value: string): string[] {
  if (value === '') return [];
  const lines = value.split(PYTHON_LINE_BOUNDARY);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Notify's InsensitiveDict key: drop spaces, underscores and hyphens, then lower-case. */
export function insensitiveKey(key: string): string {
  return key.replace(INSENSITIVE_KEY_IGNORED, '').toLowerCase();
}

/** Leading and trailing whitespace removed, width-less characters removed, whitespace runs become one space. */
export function normaliseWhitespace(value: string): string {
  const visible = OBSCURE_WHITESPACE_TEST.test(value)
    ? value.replace(FULL_WIDTH_PATTERN, ' ').replace(ZERO_WIDTH_PATTERN, '')
    : value;
  return pythonStrip(visible).replace(PYTHON_WHITESPACE_NOT_A_SINGLE_SPACE, ' ');
}

/** normaliseWhitespace on every line; lines joined with `\n`. */
export function normaliseWhitespaceAndNewlines(value: string): string {
  return pythonSplitLines(value).map(normaliseWhitespace).join('\n');
}

/** Three or more newlines in a row become two. */
export function normaliseMultipleNewlines(value: string): string {
  return value.replace(MORE_THAN_TWO_NEWLINES, '\n\n');
}

/** Spaces and tabs directly before a comma or full stop are removed. */
export function removeWhitespaceBeforePunctuation(value: string): string {
  return value.replace(WHITESPACE_BEFORE_PUNCTUATION, '$1');
}

/** All whitespace (including zero-width and no-break spaces) trimmed from the start, and from the end together with `extraTrailingCharacters`. */
export function stripAllWhitespace(value: string, extraTrailingCharacters = ''): string {
  return stripTrailingCharacters(
    stripLeadingCharacters(value, ALL_WHITESPACE),
    ALL_WHITESPACE + extraTrailingCharacters,
  );
}

/** Printable ASCII that neither starts nor ends with a space: nothing in it to remove or trim. */
function isPlainAsciiWithoutOuterSpaces(value: string): boolean {
  const last = value.length - 1;
  if (value.charCodeAt(0) === 0x20 || value.charCodeAt(last) === 0x20) return false;
  for (let index = 0; index <= last; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}

/** Zero-width and no-break spaces removed everywhere, then ASCII whitespace trimmed from both ends. */
export function stripAndRemoveObscureWhitespace(value: string): string {
  if (value === '' || isPlainAsciiWithoutOuterSpaces(value)) return value;
  return stripCharacters(value.replace(OBSCURE_WHITESPACE_PATTERN, ''), ASCII_WHITESPACE);
}

/** Every whitespace character removed, wherever it is. */
export function removeWhitespace(value: string): string {
  return value.replace(ALL_WHITESPACE_PATTERN, '');
}

/** `"<prefix>: <body>"` with the prefix trimmed, or the body alone when there is no prefix. */
export function addPrefix(body: string, prefix?: string | null): string {
  if (prefix) return `${pythonStrip(prefix)}: ${body}`;
  return body;
}

// Character references must end with ';' to be decoded (Notify's stricter version of html.unescape).
const STRICT_CHARACTER_REFERENCE = /&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[^\t\n\f <&#;]{1,32};)/g;
const PROTECTED_ENTITIES: ReadonlyArray<readonly [string, string]> = [
  ['&nbsp;', '\uE000nbsp\uE001'],
  ['&amp;', '\uE000amp\uE001'],
];

/** Python's html.unescape, except that references must be terminated by ';'. */
export function unescapeStrict(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(STRICT_CHARACTER_REFERENCE, (_match, reference: string) => decodeCharacterReference(reference));
}

/**
 * Notify's escape_html: `&nbsp;` and `&amp;` survive as written, other `;`-terminated character references are
 * decoded, then `&`, `<` and `>` are escaped (quotes are left alone).
 */
export function escapeHtml(value: string): string {
  if (!value) return value;
  let protectedValue = value;
  for (const [entity, placeholder] of PROTECTED_ENTITIES)
    protectedValue = protectedValue.split(entity).join(placeholder);
  let escaped = unescapeStrict(protectedValue).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  for (const [entity, placeholder] of PROTECTED_ENTITIES) escaped = escaped.split(placeholder).join(entity);
  return escaped;
}

/** How Python's str() renders a value that reaches a template (`True`, `None`, lists and dicts in repr form). */
export function pythonString(value: unknown): string {
  if (typeof value === 'string') return value;
  return pythonRepr(value);
}

function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return pythonStringLiteral(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([key, item]) => `${pythonStringLiteral(key)}: ${pythonRepr(item)}`).join(', ')}}`;
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- no object gets here (TypeScript cannot narrow `unknown` by it)
  return String(value);
}

function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value);
}

function pythonStringLiteral(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  const body = value
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .split(quote)
    .join(`\\${quote}`);
  return `${quote}${body}${quote}`;
}

export interface FormattedListOptions {
  conjunction?: string;
  beforeEach?: string;
  afterEach?: string;
  separator?: string;
  prefix?: string;
  prefixPlural?: string;
  /** Show at most this many entries; the rest are summarised by `wordForItemsNotShown`. */
  maxItemsShown?: number;
  wordForItemsNotShown?: string;
}

/** `‘a’, ‘b’ and ‘c’` without escaping the items. */
export function unescapedFormattedList(items: readonly unknown[], options: FormattedListOptions = {}): string {
  const {
    conjunction = 'and',
    beforeEach = '\u2018',
    afterEach = '\u2019',
    separator = ', ',
    maxItemsShown = Number.MAX_SAFE_INTEGER,
    wordForItemsNotShown = '',
  } = options;
  if (maxItemsShown < Number.MAX_SAFE_INTEGER && !wordForItemsNotShown) {
    throw new TypeError('`wordForItemsNotShown` must be provided, for example "more" or "others"');
  }
  if (items.length === 0) return '';
  const prefix = options.prefix ? `${options.prefix} ` : '';
  const prefixPlural = options.prefixPlural ? `${options.prefixPlural} ` : '';
  const decorate = (item: unknown): string => `${beforeEach}${pythonString(item)}${afterEach}`;
  const formattedItems =
    items.length > maxItemsShown
      ? [...items.slice(0, Math.max(maxItemsShown - 1, 1)).map(decorate), wordForItemsNotShown]
      : items.map(decorate);
  if (items.length === 1) return `${prefix}${formattedItems[0] ?? ''}`;
  const lastItem = formattedItems[formattedItems.length - 1] ?? '';
  return `${prefixPlural}${formattedItems.slice(0, -1).join(separator)} ${conjunction} ${lastItem}`;
}

/** `‘a’, ‘b’ and ‘c’` with each item HTML-escaped. */
export function formattedList(items: readonly unknown[], options: FormattedListOptions = {}): string {
  const escapedItems = items.map((item) => escapeHtml(pythonString(item)));
  return unescapedFormattedList(escapedItems, options);
}

/** Notify's file size wording: `0.1KB` at least, KB below 0.05MB, otherwise MB, one decimal place. */
export function formatFileSize(numberOfBytes: number): string {
  if (numberOfBytes < 1024 / 20) return '0.1KB';
  if (numberOfBytes < 1024 ** 2 / 20) return `${oneDecimalPlaceWithoutTrailingZeros(numberOfBytes, 1024)}KB`;
  return `${oneDecimalPlaceWithoutTrailingZeros(numberOfBytes, 1024 ** 2)}MB`;
}

// Mirrors Python's `str(round(bytes / unit, 1)).rstrip(".0")`: exact ties round to even, and every trailing
// '0' and '.' goes, so 10.0 becomes "1" exactly as Notify shows it.
function oneDecimalPlaceWithoutTrailingZeros(numberOfBytes: number, unit: number): string {
  const tenths = Number.isSafeInteger(numberOfBytes * 10)
    ? roundQuotientHalfToEven(numberOfBytes * 10, unit)
    : Math.round((numberOfBytes / unit) * 10);
  const text = tenths % 10 === 0 ? `${tenths / 10}.0` : (tenths / 10).toFixed(1);
  return stripTrailingCharacters(text, '.0');
}

function roundQuotientHalfToEven(dividend: number, divisor: number): number {
  const quotient = Math.floor(dividend / divisor);
  const twiceRemainder = (dividend - quotient * divisor) * 2;
  if (twiceRemainder > divisor) return quotient + 1;
  if (twiceRemainder < divisor) return quotient;
  return quotient % 2 === 0 ? quotient : quotient + 1;
}
