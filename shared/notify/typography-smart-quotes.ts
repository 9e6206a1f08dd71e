// Curly quotes as Notify makes them: smartypants 2 with only quote education and Unicode output, leaving the
// text inside <pre>, <samp>, <code>, <tt>, <kbd>, <script>, <style>, <math> and <a> elements alone.
import { PY_SPACE, PY_WORD } from './markdown-grammar';

const S = `[${PY_SPACE}]`;
const W = `[${PY_WORD}]`;
const DIGIT = '\\p{Nd}';

const SKIPPED_TAG = /^<(\/)?(pre|samp|code|tt|kbd|script|style|math|a)[^>]*>/i;
const TEXT_THEN_TAG = new RegExp(`([^<]*)(<!--[\\s\\S]*?--${S}*>|<[^>]*>)`, 'uy');

const BACKSLASH_ESCAPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\\\\/g, '&#92;'],
  [/\\"/g, '&#34;'],
  [/\\'/g, '&#39;'],
  [/\\\./g, '&#46;'],
  [/\\-/g, '&#45;'],
  [/\\`/g, '&#96;'],
];

const OPENING_CONTEXT = `(${S}|&nbsp;|--|&[mn]dash;|&#8211;|&#8212;|&#x201[34];)`;
const CLOSING_CONTEXT = '([^ \\t\\r\\n[{(\\-])';
// Each step runs over the whole text in turn, in this order (later steps see earlier replacements).
const QUOTE_STEPS: ReadonlyArray<readonly [RegExp, string]> = [
  // smartypants means "a quote before punctuation at a non-word break", but its pattern asks for a literal `\B`.
  [/^'(?=[!"#$%'()*+,\-./:;<=>?@[\\\]^_`{|}~]\\B)/u, '&#8217;'],
  [/^"(?=[!"#$%'()*+,\-./:;<=>?@[\\\]^_`{|}~]\\B)/u, '&#8221;'],
  [new RegExp(`"'(?=${W})`, 'gu'), '&#8220;&#8216;'],
  [new RegExp(`'"(?=${W})`, 'gu'), '&#8216;&#8220;'],
  [new RegExp(`(?<=${W})'(?=${DIGIT}{2}s)`, 'gu'), '&#8217;'],
  [new RegExp(`${OPENING_CONTEXT}'(?=${W})`, 'gu'), '$1&#8216;'],
  [new RegExp(`${CLOSING_CONTEXT}'(?!${S}|s(?!${W})|${DIGIT})`, 'gu'), '$1&#8217;'],
  [new RegExp(`${CLOSING_CONTEXT}'(${S}|s(?!${W}))`, 'gu'), '$1&#8217;$2'],
  [/'/g, '&#8216;'],
  [new RegExp(`${OPENING_CONTEXT}"(?=${W})`, 'gu'), '$1&#8220;'],
  [new RegExp(`"(?=${S})`, 'gu'), '&#8221;'],
  [new RegExp(`${CLOSING_CONTEXT}"`, 'gu'), '$1&#8221;'],
  [/"/g, '&#8220;'],
];

const QUOTE_REFERENCES_TO_CHARACTERS: ReadonlyArray<readonly [string, string]> = [
  ['&#8211;', '\u2013'],
  ['&#8212;', '\u2014'],
  ['&#8216;', '\u2018'],
  ['&#8217;', '\u2019'],
  ['&#8220;', '\u201C'],
  ['&#8221;', '\u201D'],
  ['&#8230;', '\u2026'],
];

const NOT_WHITESPACE_START = new RegExp(`^[^${PY_SPACE}]`, 'u');

interface HtmlToken {
  isTag: boolean;
  value: string;
}

/** Splits HTML into tags and the text between them; a comment containing `--` counts as text. */
function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let position = 0;
  TEXT_THEN_TAG.lastIndex = 0;
  for (let match = TEXT_THEN_TAG.exec(html); match; match = TEXT_THEN_TAG.exec(html)) {
    const [whole, text = '', tag = ''] = match;
    if (text) tokens.push({ isTag: false, value: text });
    tokens.push({ isTag: !isCommentWithDoubleHyphen(tag), value: tag });
    position = match.index + whole.length;
    TEXT_THEN_TAG.lastIndex = position;
  }
  if (position < html.length) tokens.push({ isTag: false, value: html.slice(position) });
  return tokens;
}

function isCommentWithDoubleHyphen(tag: string): boolean {
  if (!tag.startsWith('<!--')) return false;
  const inner = tag
    .slice(4)
    .replace(/>+$/, '')
    .replace(new RegExp(`[${PY_SPACE}]+$`, 'u'), '')
    .replace(/-+$/, '');
  return inner.includes('--');
}

function educateQuotes(text: string): string {
  return QUOTE_STEPS.reduce((educated, [pattern, replacement]) => educated.replace(pattern, replacement), text);
}

function educateTextToken(text: string, previousLastCharacter: string): string {
  let educated = BACKSLASH_ESCAPES.reduce((value, [pattern, replacement]) => value.replace(pattern, replacement), text);
  const followsText = NOT_WHITESPACE_START.test(previousLastCharacter);
  if (educated === "'") educated = followsText ? '&#8217;' : '&#8216;';
  else if (educated === '"') educated = followsText ? '&#8221;' : '&#8220;';
  else educated = educateQuotes(educated);
  for (const [reference, character] of QUOTE_REFERENCES_TO_CHARACTERS)
    educated = educated.split(reference).join(character);
  return educated;
}

/** Straight quotes become curly ones (‘ ’ “ ”) outside tags and skipped elements. */
export function makeQuotesSmart(html: string): string {
  const skippedElements: string[] = [];
  let previousLastCharacter = '';
  let output = '';
  for (const token of tokenizeHtml(html)) {
    if (token.isTag) {
      output += token.value;
      const skipped = SKIPPED_TAG.exec(token.value);
      if (!skipped) continue;
      const name = (skipped[2] ?? '').toLowerCase();
      if (!skipped[1]) skippedElements.push(name);
      else if (skippedElements[skippedElements.length - 1] === name) skippedElements.pop();
      continue;
    }
    const lastCharacter = token.value.slice(-1);
    output += skippedElements.length > 0 ? token.value : educateTextToken(token.value, previousLastCharacter);
    previousLastCharacter = lastCharacter;
  }
  return output;
}
