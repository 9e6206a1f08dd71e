// Notify's typographic clean-up and link making for emails, letters and text message previews
// (notifications_utils/formatters.py).
import { pythonStrip, removeWhitespaceBeforePunctuation } from './formatters';
import { LINE_END, LINE_START, PY_SPACE, PY_WORD } from './markdown-grammar';
import { makeQuotesSmart } from './typography-smart-quotes';

export { makeQuotesSmart } from './typography-smart-quotes';
export { renderSmsPreview, type SmsPreviewOptions } from './typography-sms-preview';

const S = `[${PY_SPACE}]`;
const NOT_S = `[^${PY_SPACE}]`;
const W = `[${PY_WORD}]`;
const WORD_BOUNDARY = `(?:(?<=${W})(?!${W})|(?<!${W})(?=${W}))`;

const GOVUK_NOT_A_LINK = new RegExp(`(^|${S})([#*^])?(GOV)\\.(UK)(?![/?#])`, 'giu');
const HYPHENS_SURROUNDED_BY_SPACES = new RegExp(`(?<!${S})${S}+[-–—]{1,3}${S}+`, 'gu');
const EMAIL_LIKE_WORD = new RegExp(`(${LINE_START}|${S})${NOT_S}+@${NOT_S}+(${S}|${LINE_END})`, 'gu');
const URL_WITH_OR_WITHOUT_PROTOCOL = new RegExp(
  `${WORD_BOUNDARY}(?<![@.])(https?:\\/\\/)?(?:[${PY_WORD}\\-]+\\.)+[a-z]{2,63}(?!@)${WORD_BOUNDARY}(?:[/?#][^<${PY_SPACE}]*)?`,
  'giu',
);
const RECOGNISED_URL_PROTOCOLS = ['ftp:', 'file:', 'http:', 'https:', 'mailto:', 'tel:'];
/** Characters Python's urllib.parse.quote never encodes. */
const ALWAYS_SAFE_IN_URLS = /[A-Za-z0-9_.\-~]/;
const UNSUPPORTED_EMAIL_CHARACTERS = /[\u2028\u3164]/g;

/** A zero-width space after the dot of a bare GOV.UK, so email clients do not turn it into a link. */
export function unlinkGovuk(message: string): string {
  return message.replace(GOVUK_NOT_A_LINK, '$1$2$3.\u200B$4');
}

/** Line breaks become `<br>` after trimming. */
export function nl2br(value: string): string {
  return pythonStrip(value).replace(/\n|\r/g, '<br>');
}

/** A spaced hyphen, double or triple hyphen, en dash or em dash between words becomes a spaced en dash. */
export function replaceHyphensWithEnDashes(value: string): string {
  return value.replace(HYPHENS_SURROUNDED_BY_SPACES, ' \u2013 ');
}

/** Every hyphen becomes a non-breaking hyphen (U+2011), as Notify prints letters. */
export function replaceHyphensWithNonBreakingHyphens(value: string): string {
  return value.replace(/-/g, '\u2011');
}

/** Curly single quotes inside anything that looks like an email address go back to straight apostrophes. */
export function removeSmartQuotesFromEmailAddresses(value: string): string {
  return value.replace(EMAIL_LIKE_WORD, (emailLike) => emailLike.replace(/[‘’]/g, "'"));
}

/** Characters email clients cannot show (line separator, Hangul filler) are removed. */
export function stripUnsupportedCharacters(value: string): string {
  return value.replace(UNSUPPORTED_EMAIL_CHARACTERS, '');
}

/** Notify's do_nice_typography: no space before `,`/`.`, curly quotes, spaced en dashes. */
export function doNiceTypography(value: string): string {
  return replaceHyphensWithEnDashes(
    removeSmartQuotesFromEmailAddresses(makeQuotesSmart(removeWhitespaceBeforePunctuation(value))),
  );
}

function utf8Bytes(character: string): number[] {
  const codePoint = character.codePointAt(0) ?? 0xfffd;
  if (codePoint < 0x80) return [codePoint];
  if (codePoint < 0x800) return [0xc0 | (codePoint >> 6), 0x80 | (codePoint & 0x3f)];
  if (codePoint < 0x10000) {
    return [0xe0 | (codePoint >> 12), 0x80 | ((codePoint >> 6) & 0x3f), 0x80 | (codePoint & 0x3f)];
  }
  return [
    0xf0 | (codePoint >> 18),
    0x80 | ((codePoint >> 12) & 0x3f),
    0x80 | ((codePoint >> 6) & 0x3f),
    0x80 | (codePoint & 0x3f),
  ];
}

/** The number of bytes the text takes in UTF-8. */
export function utf8ByteLength(text: string): number {
  let length = 0;
  for (const character of text) length += utf8Bytes(character).length;
  return length;
}

/** Python's urllib.parse.quote: UTF-8 percent-encoding of everything but letters, digits, `_.-~` and `safe`. */
export function percentEncode(value: string, safe: string): string {
  let encoded = '';
  for (const character of value) {
    if (ALWAYS_SAFE_IN_URLS.test(character) || safe.includes(character)) encoded += character;
    else
      encoded += utf8Bytes(character)
        .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('');
  }
  return encoded;
}

export interface LinkOptions {
  classes?: string;
  style?: string;
  title?: string;
  /** Shown instead of the link itself. */
  linkText?: string;
}

/** An `<a>` tag whose href cannot break out of its attribute; `http://` is added when there is no known protocol. */
export function createSanitisedHtmlForUrl(link: string, options: LinkOptions = {}): string {
  const linkText = options.linkText || link;
  const lowerLink = link.toLowerCase();
  const href = RECOGNISED_URL_PROTOCOLS.some((protocol) => lowerLink.startsWith(protocol)) ? link : `http://${link}`;
  const classAttribute = options.classes ? `class="${options.classes}" ` : '';
  const styleAttribute = options.style ? `style="${options.style}" ` : '';
  const titleAttribute = options.title ? ` title="${options.title}"` : '';
  return `<a ${classAttribute}${styleAttribute}href="${percentEncode(href, ':/?#=&;%')}"${titleAttribute}>${linkText}</a>`;
}

const CLOSING_TO_OPENING: ReadonlyMap<string, string | undefined> = new Map([
  [')', '('],
  [']', '['],
  ['.', undefined],
  [',', undefined],
  [':', undefined],
]);

function countOf(text: string, character: string): number {
  return text.split(character).length - 1;
}

/** Trailing punctuation (and unbalanced closing brackets) stay outside the link. */
function linkFromUrlLikeText(urlLikeText: string, classes: string): string {
  let linked = urlLikeText;
  let trailing = '';
  for (let last = linked.slice(-1); CLOSING_TO_OPENING.has(last) && linked; last = linked.slice(-1)) {
    const opening = CLOSING_TO_OPENING.get(last);
    if (opening && countOf(linked, opening) >= countOf(linked, last)) break;
    trailing = last + trailing;
    linked = linked.slice(0, -1);
  }
  return `${createSanitisedHtmlForUrl(linked, { classes })}${trailing}`;
}

/** Anything that looks like a web address (with or without `http(s)://`) becomes a link. */
export function autolinkUrls(value: string, options: { classes?: string } = {}): string {
  return value.replace(URL_WITH_OR_WITHOUT_PROTOCOL, (urlLikeText) =>
    linkFromUrlLikeText(urlLikeText, options.classes ?? ''),
  );
}
