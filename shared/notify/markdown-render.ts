// Walks the block tokens of Notify's markdown and asks a renderer for each element, as mistune 0.8.4's
// Markdown class does (including its handling of footnotes).
import { BlockLexer, preprocessMarkdown, type BlockToken } from './markdown-block';
import { InlineLexer, type MarkdownRenderer } from './markdown-inline';

interface CollectedFootnote {
  key: string;
  text: string;
}

class TokenWalker {
  private position = 0;
  private readonly footnotes: CollectedFootnote[] = [];

  constructor(
    private readonly tokens: readonly BlockToken[],
    private readonly renderer: MarkdownRenderer,
    private readonly inline: InlineLexer,
    private readonly footnoteNumbers: ReadonlyMap<string, number>,
  ) {}

  render(): string {
    let output = '';
    for (let token = this.next(); token; token = this.next()) output += this.renderToken(token);
    return output + this.renderFootnotes();
  }

  private next(): BlockToken | undefined {
    const token = this.tokens[this.position];
    if (token) this.position += 1;
    return token;
  }

  private peek(): BlockToken | undefined {
    return this.tokens[this.position];
  }

  private renderUntil(endType: BlockToken['type'], renderChild: (token: BlockToken) => string): string {
    let body = '';
    for (let token = this.next(); token && token.type !== endType; token = this.next()) body += renderChild(token);
    return body;
  }

  private renderToken(token: BlockToken): string {
    const renderer = this.renderer;
    switch (token.type) {
      case 'newline':
        return renderer.newline();
      case 'hrule':
        return renderer.hrule();
      case 'heading':
        return renderer.header(this.inline.output(token.text), token.level);
      case 'code':
        return renderer.blockCode(token.text);
      case 'table':
        // Notify renders tables as nothing, but their cells are still read (a cell can number a footnote).
        for (const cell of token.cells) this.inline.output(cell);
        return renderer.table();
      case 'block_quote_start':
        return renderer.blockQuote(this.renderUntil('block_quote_end', (child) => this.renderToken(child)));
      case 'list_start':
        return renderer.list(
          this.renderUntil('list_end', (child) => this.renderToken(child)),
          token.ordered,
        );
      case 'list_item_start':
        return renderer.listItem(
          this.renderUntil('list_item_end', (child) =>
            child.type === 'text' ? this.renderTextRun(child.text) : this.renderToken(child),
          ),
        );
      case 'loose_item_start':
        return renderer.listItem(this.renderUntil('list_item_end', (child) => this.renderToken(child)));
      case 'footnote_start':
        return this.collectFootnote(token.key);
      case 'close_html':
        return renderer.blockHtml(token.text);
      case 'open_html':
        return renderer.blockHtml(`<${token.tag}${token.extra}>${token.text}</${token.tag}>`);
      case 'paragraph':
        return renderer.paragraph(this.inline.output(token.text));
      case 'text':
        return renderer.paragraph(this.renderTextRun(token.text));
      default:
        return '';
    }
  }

  /** Consecutive text tokens are joined with line breaks and rendered as one inline run. */
  private renderTextRun(firstText: string): string {
    let text = firstText;
    for (let following = this.peek(); following?.type === 'text'; following = this.peek()) {
      text += `\n${following.text}`;
      this.position += 1;
    }
    return this.inline.output(text);
  }

  private collectFootnote(key: string): string {
    this.inline.inFootnote = true;
    const text = this.renderUntil('footnote_end', (child) => this.renderToken(child));
    this.footnotes.push({ key, text });
    this.inline.inFootnote = false;
    return '';
  }

  /** Footnotes that were referenced, in the order of their first reference. */
  private renderFootnotes(): string {
    if (this.footnotes.length === 0) return '';
    const referenced = this.footnotes
      .filter((footnote) => (this.footnoteNumbers.get(footnote.key) ?? 0) > 0)
      .sort((a, b) => (this.footnoteNumbers.get(a.key) ?? 0) - (this.footnoteNumbers.get(b.key) ?? 0));
    return this.renderer.footnotes(referenced.map((footnote) => this.renderer.footnoteItem(footnote.text)).join(''));
  }
}

/** Renders Notify-flavoured markdown with the given renderer. */
export function renderMarkdown(source: string, renderer: MarkdownRenderer): string {
  const blockLexer = new BlockLexer();
  const tokens = blockLexer.parse(preprocessMarkdown(source));
  const inline = new InlineLexer(renderer, blockLexer.linkDefinitions, blockLexer.footnoteNumbers);
  return new TokenWalker(tokens, renderer, inline, blockLexer.footnoteNumbers).render();
}
