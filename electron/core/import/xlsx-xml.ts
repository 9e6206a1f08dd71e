/**
 * Just enough XML for the parts of a workbook: a tag reader for scanning big parts chunk by chunk, and regex helpers
 * for the small parts that are read whole (relationships, workbook, styles).
 */

/** One tag as read by readTag; the reader reuses a single instance, so copy out what you keep. */
export interface XmlTag {
  /** Index just after the tag's closing '>'. */
  end: number;
  closing: boolean;
  selfClosing: boolean;
  /** Markup that is not an element (comment, CDATA, processing instruction, DOCTYPE). */
  other: boolean;
  /** The element's name without any namespace prefix: text.slice(localNameStart, nameEnd). */
  localNameStart: number;
  nameEnd: number;
  /** Where the values of the attributes r, s and t start and end (start -1 when absent): all the sheet needs. */
  rStart: number;
  rEnd: number;
  sStart: number;
  sEnd: number;
  tStart: number;
  tEnd: number;
}

export function newXmlTag(): XmlTag {
  return {
    end: 0,
    closing: false,
    selfClosing: false,
    other: false,
    localNameStart: 0,
    nameEnd: 0,
    rStart: -1,
    rEnd: -1,
    sStart: -1,
    sEnd: -1,
    tStart: -1,
    tEnd: -1,
  };
}

export class MalformedXmlError extends Error {}

/** No tag in a real workbook comes near this; a longer one would be carried from chunk to chunk for ever. */
export const MAX_TAG_LENGTH = 1024 * 1024;

/** The text to scan next: what was left of the last chunk, then the new one. */
export function joinCarried(carry: string, chunk: string): string {
  if (carry.length > MAX_TAG_LENGTH) throw new MalformedXmlError('a tag longer than any workbook writes');
  return carry + chunk;
}

const GREATER_THAN = 62;
const SLASH = 47;
const COLON = 58;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const EXCLAMATION = 33;
const QUESTION = 63;
const SPACE = 32;
const LETTER_R = 114;
const LETTER_S = 115;
const LETTER_T = 116;

/**
 * Reads the tag that starts at text[start] (a '<'). Returns false when the text ends before the tag does, so that
 * the caller can carry the rest over to the next chunk. Attribute values may contain '>', so quotes are followed.
 */
export function readTag(text: string, start: number, tag: XmlTag): boolean {
  const length = text.length;
  let index = start + 1;
  if (index >= length) return false;
  let code = text.charCodeAt(index);
  if (code === EXCLAMATION || code === QUESTION) return readOtherMarkup(text, index, tag);
  tag.other = false;
  tag.closing = code === SLASH;
  tag.selfClosing = false;
  if (tag.closing) index += 1;
  tag.localNameStart = index;
  while (index < length) {
    code = text.charCodeAt(index);
    if (code === GREATER_THAN || code === SLASH || code <= SPACE) break;
    if (code === COLON) tag.localNameStart = index + 1;
    index += 1;
  }
  tag.nameEnd = index;
  tag.rStart = tag.sStart = tag.tStart = -1;
  while (index < length) {
    code = text.charCodeAt(index);
    if (code === GREATER_THAN) {
      tag.end = index + 1;
      return true;
    }
    if (code === SLASH) {
      tag.selfClosing = true;
      index += 1;
      continue;
    }
    if (code <= SPACE) {
      index += 1;
      continue;
    }
    const equals = text.indexOf('=', index);
    if (equals < 0) return false;
    let quote = equals + 1;
    while (quote < length && text.charCodeAt(quote) <= SPACE) quote += 1;
    if (quote >= length) return false;
    const quoteCode = text.charCodeAt(quote);
    if (quoteCode !== DOUBLE_QUOTE && quoteCode !== SINGLE_QUOTE)
      throw new MalformedXmlError('attribute value without quotes');
    const valueEnd = text.indexOf(quoteCode === DOUBLE_QUOTE ? '"' : "'", quote + 1);
    if (valueEnd < 0) return false;
    let nameEnd = equals;
    while (nameEnd > index && text.charCodeAt(nameEnd - 1) <= SPACE) nameEnd -= 1;
    if (nameEnd - index === 1) {
      const name = text.charCodeAt(index);
      if (name === LETTER_R) [tag.rStart, tag.rEnd] = [quote + 1, valueEnd];
      else if (name === LETTER_S) [tag.sStart, tag.sEnd] = [quote + 1, valueEnd];
      else if (name === LETTER_T) [tag.tStart, tag.tEnd] = [quote + 1, valueEnd];
    }
    index = valueEnd + 1;
  }
  return false;
}

function readOtherMarkup(text: string, index: number, tag: XmlTag): boolean {
  let terminator: string;
  if (text.charCodeAt(index) === QUESTION) terminator = '?>';
  else if (text.startsWith('!--', index)) terminator = '-->';
  else if (text.startsWith('![CDATA[', index)) terminator = ']]>';
  else if (text.length < index + 8) return false;
  else terminator = '>';
  const found = text.indexOf(terminator, index);
  if (found < 0) return false;
  tag.other = true;
  tag.closing = false;
  tag.selfClosing = true;
  tag.end = found + terminator.length;
  return true;
}

/** Whether text.slice(start, end) is exactly name, without slicing. */
export function nameIs(text: string, start: number, end: number, name: string): boolean {
  return end - start === name.length && text.startsWith(name, start);
}

/**
 * Text as an XML parser hands it on: line ends normalised to \n, then character and entity references replaced.
 * CDATA sections are taken as they are written, and comments and processing instructions left out.
 */
export function decodeXmlText(raw: string): string {
  return raw.indexOf('<') < 0 ? decodeCharacterData(raw) : decodeMixedContent(raw);
}

function decodeMixedContent(raw: string): string {
  let text = '';
  let position = 0;
  while (position < raw.length) {
    const markup = raw.indexOf('<', position);
    if (markup < 0) return text + decodeCharacterData(raw.slice(position));
    text += decodeCharacterData(raw.slice(position, markup));
    const cdata = raw.startsWith('<![CDATA[', markup);
    const terminator = cdata ? ']]>' : raw.startsWith('<!--', markup) ? '-->' : '>';
    const end = raw.indexOf(terminator, markup + 1);
    const stop = end < 0 ? raw.length : end;
    if (cdata) text += raw.slice(markup + 9, stop).replace(/\r\n?/g, '\n');
    position = stop + terminator.length;
  }
  return text;
}

function decodeCharacterData(raw: string): string {
  const text = raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n');
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|lt|gt|amp|quot|apos);/gi, (reference, name: string) => {
    switch (name) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        if (name[0] !== '#') return reference;
        const codePoint =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : reference;
      }
    }
  });
}

/** The start tags named localName (any namespace prefix) in a small part read whole, each as its attributes. */
export function* elementsNamed(xml: string, localName: string): Generator<Map<string, string>, void> {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${localName}(?=[\\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>`, 'g');
  for (const match of xml.matchAll(pattern)) yield attributesOf(match[1] ?? '');
}

/** The content of the first element named localName (any prefix), or '' when it is missing or empty. */
export function elementContent(xml: string, localName: string): string {
  const open = new RegExp(`<((?:[\\w.-]+:)?${localName})(?=[\\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?(/?)>`).exec(xml);
  if (!open || open[2] === '/') return '';
  const start = open.index + open[0].length;
  const end = xml.indexOf(`</${open[1]}`, start);
  return end < 0 ? xml.slice(start) : xml.slice(start, end);
}

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const value = match[2] ?? match[3] ?? '';
    attributes.set(match[1] ?? '', decodeXmlText(value.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' ')));
  }
  return attributes;
}
