// Block level of Notify's markdown: splits the text into a flat token stream the way mistune 0.8.4 does
// (rules tried in a fixed order, the first that matches at the start of the remaining text wins).
import {
  PY_SPACE,
  blockCodeLeadingPattern,
  blockGrammar,
  blockQuoteLeadingPattern,
  listBulletPattern,
  listItemPattern,
  looseItemPattern,
  type BlockRuleName,
} from './markdown-grammar';

export type BlockToken =
  | { type: 'newline' }
  | { type: 'hrule' }
  | { type: 'heading'; level: number; text: string }
  | { type: 'code'; text: string }
  | { type: 'table'; cells: string[] }
  | { type: 'block_quote_start' }
  | { type: 'block_quote_end' }
  | { type: 'list_start'; ordered: boolean }
  | { type: 'list_end' }
  | { type: 'list_item_start' }
  | { type: 'loose_item_start' }
  | { type: 'list_item_end' }
  | { type: 'footnote_start'; key: string }
  | { type: 'footnote_end' }
  | { type: 'close_html'; text: string }
  | { type: 'open_html'; tag: string; extra: string; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'text'; text: string };

export interface LinkDefinition {
  link: string;
  title: string | undefined;
}

const DEFAULT_RULES: readonly BlockRuleName[] = [
  'newline',
  'hrule',
  'blockCode',
  'fences',
  'heading',
  'nptable',
  'lheading',
  'blockQuote',
  'listBlock',
  'blockHtml',
  'defLinks',
  'defFootnotes',
  'table',
  'paragraph',
  'text',
];
const LIST_RULES: readonly BlockRuleName[] = [
  'newline',
  'blockCode',
  'fences',
  'lheading',
  'hrule',
  'blockQuote',
  'listBlock',
  'blockHtml',
  'text',
];
const FOOTNOTE_RULES: readonly BlockRuleName[] = [
  'newline',
  'blockCode',
  'fences',
  'heading',
  'nptable',
  'lheading',
  'hrule',
  'blockQuote',
  'listBlock',
  'blockHtml',
  'table',
  'paragraph',
  'text',
];

const TRAILING_NEWLINES = /\n+$/;
const SMART_AMPERSAND = new RegExp(`&(?!#?[\\p{L}\\p{N}_]+;)`, 'gu');
const WHITESPACE_RUN = new RegExp(`[${PY_SPACE}]+`, 'gu');
const TAB_OR_LINE_BREAK = /[\t\n\r]/;
const LEADING_WHITESPACE = new RegExp(`^[${PY_SPACE}]+`, 'u');
const SPACES_ONLY_LINE = /(?<![^\n]) +(?![^\n])/g;

/** mistune's escape(): `&` (unless it starts an entity), `<` and `>`, plus quotes when asked. */
export function escapeMarkdownHtml(text: string, quote = false): string {
  let escaped = text.replace(SMART_AMPERSAND, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (quote) escaped = escaped.replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return escaped;
}

/** The key under which a link or footnote definition is stored. */
export function definitionKey(key: string): string {
  return escapeMarkdownHtml(key.toLowerCase(), true).replace(WHITESPACE_RUN, ' ');
}

/** Python's str.expandtabs(): tab stops every `tabSize` columns, columns restart after `\n` and `\r`. */
function expandTabs(text: string, tabSize: number): string {
  if (!text.includes('\t')) return text;
  let column = 0;
  let expanded = '';
  for (const character of text) {
    if (!TAB_OR_LINE_BREAK.test(character)) {
      expanded += character;
      column += 1;
    } else if (character === '\t') {
      const spaces = tabSize - (column % tabSize);
      expanded += ' '.repeat(spaces);
      column += spaces;
    } else {
      expanded += character;
      column = 0;
    }
  }
  return expanded;
}

/** mistune's preprocessing: unified line breaks, tabs expanded, lines of spaces emptied. */
export function preprocessMarkdown(text: string): string {
  const unifiedLineBreaks = text.replace(/\r\n|\r/g, '\n');
  return expandTabs(unifiedLineBreaks, 4)
    .replace(/\u2424/g, '\n')
    .replace(SPACES_ONLY_LINE, '');
}

function splitTableRow(row: string): string[] {
  return row.split(/ *\| */);
}

export class BlockLexer {
  readonly tokens: BlockToken[] = [];
  readonly linkDefinitions = new Map<string, LinkDefinition>();
  /** Footnote key → the number given to it when first referenced (0 until then). */
  readonly footnoteNumbers = new Map<string, number>();

  parse(source: string, rules: readonly BlockRuleName[] = DEFAULT_RULES): BlockToken[] {
    let remaining = source.replace(TRAILING_NEWLINES, '');
    while (remaining) {
      const consumed = this.parseNext(remaining, rules);
      if (consumed === 0) throw new Error(`Markdown block parser made no progress at: ${remaining.slice(0, 40)}`);
      remaining = remaining.slice(consumed);
    }
    return this.tokens;
  }

  private parseNext(remaining: string, rules: readonly BlockRuleName[]): number {
    for (const rule of rules) {
      const match = blockGrammar[rule].exec(remaining);
      if (!match) continue;
      this.handle(rule, match);
      return match[0].length;
    }
    return 0;
  }

  private handle(rule: BlockRuleName, match: RegExpExecArray): void {
    const whole = match[0];
    const group = (index: number): string => match[index] ?? '';
    switch (rule) {
      case 'newline':
        if (whole.length > 1) this.tokens.push({ type: 'newline' });
        return;
      case 'blockCode':
        this.tokens.push({ type: 'code', text: whole.replace(blockCodeLeadingPattern, '') });
        return;
      case 'fences':
        this.tokens.push({ type: 'code', text: group(3) });
        return;
      case 'heading':
        this.tokens.push({ type: 'heading', level: group(1).length, text: group(2) });
        return;
      case 'lheading':
        this.tokens.push({ type: 'heading', level: group(2) === '=' ? 1 : 2, text: group(1) });
        return;
      case 'hrule':
        this.tokens.push({ type: 'hrule' });
        return;
      case 'blockQuote':
        this.tokens.push({ type: 'block_quote_start' });
        this.parse(whole.replace(blockQuoteLeadingPattern, ''));
        this.tokens.push({ type: 'block_quote_end' });
        return;
      case 'listBlock':
        this.tokens.push({ type: 'list_start', ordered: group(2).includes('.') });
        this.parseListItems(whole);
        this.tokens.push({ type: 'list_end' });
        return;
      case 'blockHtml':
        if (match[1] === undefined) this.tokens.push({ type: 'close_html', text: whole });
        else this.tokens.push({ type: 'open_html', tag: group(1), extra: group(2), text: group(3) });
        return;
      case 'defLinks':
        this.linkDefinitions.set(definitionKey(group(1)), { link: group(2), title: match[3] });
        return;
      case 'defFootnotes':
        this.parseFootnoteDefinition(definitionKey(group(1)), group(2));
        return;
      case 'table':
        this.pushTable(
          group(1),
          group(3)
            .replace(/(?: *\| *)?\n$/, '')
            .split('\n')
            .map((row) => row.replace(/^ *\| *| *\| *$/g, '')),
        );
        return;
      case 'nptable':
        this.pushTable(group(1), group(3).replace(/\n$/, '').split('\n'));
        return;
      case 'paragraph':
        this.tokens.push({ type: 'paragraph', text: group(1).replace(TRAILING_NEWLINES, '') });
        return;
      case 'text':
        this.tokens.push({ type: 'text', text: whole });
        return;
    }
  }

  private pushTable(header: string, rows: string[]): void {
    const headerCells = splitTableRow(header.replace(/^ *| *\| *$/g, ''));
    this.tokens.push({ type: 'table', cells: [...headerCells, ...rows.flatMap(splitTableRow)] });
  }

  private parseListItems(listText: string): void {
    const items = [...listText.matchAll(listItemPattern)].map((itemMatch) => itemMatch[1] ?? '');
    let nextIsLoose = false;
    items.forEach((rawItem, index) => {
      let item = rawItem.replace(listBulletPattern, '');
      if (item.includes('\n ')) {
        const bulletWidth = rawItem.length - item.length;
        item = item.replace(new RegExp(`(?<![^\\n]) {1,${bulletWidth}}`, 'g'), '');
      }
      let loose = nextIsLoose || looseItemPattern.test(item);
      if (index !== items.length - 1 && item.length > 0) {
        nextIsLoose = item.endsWith('\n');
        loose ||= nextIsLoose;
      }
      this.tokens.push({ type: loose ? 'loose_item_start' : 'list_item_start' });
      this.parse(item, LIST_RULES);
      this.tokens.push({ type: 'list_item_end' });
    });
  }

  private parseFootnoteDefinition(key: string, definition: string): void {
    if (this.footnoteNumbers.has(key)) return;
    this.footnoteNumbers.set(key, 0);
    this.tokens.push({ type: 'footnote_start', key });
    this.parse(dedentContinuationLines(definition), FOOTNOTE_RULES);
    this.tokens.push({ type: 'footnote_end' });
  }
}

/** Removes the smallest indentation found on a footnote's continuation lines from each of them. */
function dedentContinuationLines(text: string): string {
  if (!text.includes('\n')) return text;
  const [firstLine = '', ...continuationLines] = text.split('\n');
  let smallestIndent: number | undefined;
  for (const line of continuationLines) {
    const indent = line.length - line.replace(LEADING_WHITESPACE, '').length;
    if (indent && (!smallestIndent || indent < smallestIndent)) smallestIndent = indent;
  }
  return [firstLine, ...continuationLines.map((line) => line.slice(smallestIndent ?? 0))].join('\n');
}
