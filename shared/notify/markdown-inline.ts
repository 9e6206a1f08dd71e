// Inline level of Notify's markdown: turns a block's text into output through a renderer, trying the inline
// rules in mistune 0.8.4's order (Notify drops emphasis, strong emphasis, strikethrough and code spans).
import { definitionKey, type LinkDefinition } from './markdown-block';
import { inlineGrammar, type InlineRuleName } from './markdown-grammar';

/** What each markdown element becomes; one implementation per Notify output format. */
export interface MarkdownRenderer {
  blockCode(code: string): string;
  blockQuote(text: string): string;
  blockHtml(html: string): string;
  header(text: string, level: number): string;
  hrule(): string;
  list(body: string, ordered: boolean): string;
  listItem(text: string): string;
  paragraph(text: string): string;
  table(): string;
  linebreak(): string;
  newline(): string;
  text(text: string): string;
  escape(text: string): string;
  autolink(link: string, isEmail: boolean): string;
  link(link: string, title: string | undefined, content: string): string;
  image(): string;
  inlineHtml(html: string): string;
  footnoteRef(): string;
  footnoteItem(text: string): string;
  footnotes(text: string): string;
}

const INLINE_RULES: readonly InlineRuleName[] = [
  'escape',
  'inlineHtml',
  'autolink',
  'url',
  'footnote',
  'link',
  'reflink',
  'nolink',
  'linebreak',
  'text',
];
const RULES_INSIDE_FOOTNOTES = INLINE_RULES.filter((rule) => rule !== 'footnote');

export class InlineLexer {
  inFootnote = false;
  private inLink = false;
  private footnoteCount = 0;

  constructor(
    private readonly renderer: MarkdownRenderer,
    private readonly linkDefinitions: ReadonlyMap<string, LinkDefinition>,
    private readonly footnoteNumbers: Map<string, number>,
  ) {}

  output(source: string): string {
    const rules = this.inFootnote ? RULES_INSIDE_FOOTNOTES : INLINE_RULES;
    let remaining = source.replace(/\n+$/, '');
    let output = '';
    while (remaining) {
      const [rendered, consumed] = this.renderNext(remaining, rules);
      if (consumed === 0) throw new Error(`Markdown inline parser made no progress at: ${remaining.slice(0, 40)}`);
      output += rendered;
      remaining = remaining.slice(consumed);
    }
    return output;
  }

  private renderNext(remaining: string, rules: readonly InlineRuleName[]): [string, number] {
    for (const rule of rules) {
      const match = inlineGrammar[rule].exec(remaining);
      if (!match) continue;
      const rendered = this.handle(rule, match);
      if (rendered !== undefined) return [rendered, match[0].length];
    }
    return ['', 0];
  }

  /** The rendered match, or undefined when the rule declines it (an undefined reference) and the next rule is tried. */
  private handle(rule: InlineRuleName, match: RegExpExecArray): string | undefined {
    const group = (index: number): string => match[index] ?? '';
    switch (rule) {
      case 'escape':
        return this.renderer.escape(group(1));
      case 'inlineHtml':
        return this.renderer.inlineHtml(match[0]);
      case 'autolink':
        return this.renderer.autolink(group(1), group(2) === '@');
      case 'url':
        return this.inLink ? this.renderer.text(group(1)) : this.renderer.autolink(group(1), false);
      case 'footnote':
        return this.footnoteReference(definitionKey(group(1)));
      case 'link':
        return this.renderLink(match, match[2] ?? group(3), match[4]);
      case 'reflink':
        return this.renderDefinedLink(match, definitionKey(group(2) || group(1)));
      case 'nolink':
        return this.renderDefinedLink(match, definitionKey(group(1)));
      case 'linebreak':
        return this.renderer.linebreak();
      case 'text':
        return this.renderer.text(match[0]);
    }
  }

  private footnoteReference(key: string): string | undefined {
    const existing = this.footnoteNumbers.get(key);
    if (existing === undefined || existing !== 0) return undefined;
    this.footnoteCount += 1;
    this.footnoteNumbers.set(key, this.footnoteCount);
    return this.renderer.footnoteRef();
  }

  private renderDefinedLink(match: RegExpExecArray, key: string): string | undefined {
    const definition = this.linkDefinitions.get(key);
    if (!definition) return undefined;
    return this.renderLink(match, definition.link, definition.title);
  }

  private renderLink(match: RegExpExecArray, link: string, title: string | undefined): string {
    if (match[0].startsWith('!')) return this.renderer.image();
    this.inLink = true;
    const content = this.output(match[1] ?? '');
    this.inLink = false;
    return this.renderer.link(link, title, content);
  }
}
