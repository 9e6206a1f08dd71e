import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  emailPreheader,
  notifyMarkdownToEmailHtml,
  notifyMarkdownToLetterHtml,
  notifyMarkdownToPlainText,
} from '../../../shared/notify/markdown';

type RendererName = 'email_html' | 'plain_text_email' | 'letter_preview' | 'email_preheader';

interface MarkdownCase {
  input: string;
  expected: Record<RendererName, string>;
  note?: string;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../fixtures/notify-vectors/markdown.json', import.meta.url), 'utf8'),
) as { cases: MarkdownCase[] };

const renderers: Record<RendererName, (markdown: string) => string> = {
  email_html: notifyMarkdownToEmailHtml,
  plain_text_email: notifyMarkdownToPlainText,
  letter_preview: notifyMarkdownToLetterHtml,
  email_preheader: emailPreheader,
};

describe('Notify markdown vectors', () => {
  for (const [rendererName, render] of Object.entries(renderers) as Array<
    [RendererName, (markdown: string) => string]
  >) {
    describe(rendererName, () => {
      it.each(
        vectors.cases.filter((vector) => !vector.note).map((vector) => [JSON.stringify(vector.input), vector] as const),
      )('%s', (_label, vector) => {
        expect(render(vector.input)).toBe(vector.expected[rendererName]);
      });
    });
  }
});

const P = '<p style="Margin: 0 0 20px 0; font-size: 19px; line-height: 25px; color: #0B0C0C;">';
const LI = '<li style="Margin: 5px 0 5px; padding: 0 0 0 5px; font-size: 19px;line-height: 25px; color: #0B0C0C;">';

describe('Notify markdown dialect', () => {
  it('does not treat + as a bullet, but starts a new paragraph at it', () => {
    expect(notifyMarkdownToLetterHtml('before\n+ one\n+ two')).toBe('<p>before</p><p>+ one</p><p>+ two</p>');
  });

  it('accepts bullets without a space after them', () => {
    expect(notifyMarkdownToLetterHtml('*one\n-two\n•three')).toBe(
      '<ul>\n<li>one</li>\n<li>two</li>\n<li>three</li>\n</ul>\n',
    );
  });

  it('renumbers ordered lists in plain text and bullets nested lists', () => {
    expect(notifyMarkdownToPlainText('3. a\n7. b')).toBe('\n\n1. a\n2. b');
    expect(notifyMarkdownToLetterHtml('* a\n  * b')).toBe('<ul>\n<li>a<ul>\n<li>b</li>\n</ul></li>\n</ul>\n');
  });

  it('puts paragraphs inside the items of a loose list', () => {
    expect(notifyMarkdownToEmailHtml('* one\n\n* two')).toContain(`${LI}${P} one</p></li>`);
  });

  it('leaves emphasis, code and strikethrough as typed', () => {
    expect(notifyMarkdownToLetterHtml('a **bold** _em_ `code` ~~gone~~')).toBe(
      '<p>a **bold** _em_ `code` ~~gone~~</p>',
    );
  });

  it('renders ^ inset text, setext headings and drops images', () => {
    expect(notifyMarkdownToPlainText('^ inset')).toBe('\n\ninset');
    expect(notifyMarkdownToLetterHtml('Title\n=====')).toBe('<h2>Title</h2>\n');
    expect(notifyMarkdownToEmailHtml('![alt](http://x.com/a.png)')).toBe('');
  });

  it('escapes text but keeps entities and HTML tags', () => {
    expect(notifyMarkdownToLetterHtml('a & b &amp; c < d')).toBe('<p>a &amp; b &amp; c &lt; d</p>');
    expect(notifyMarkdownToLetterHtml("<span class='placeholder'>&#40;&#40;x&#41;&#41;</span>")).toBe(
      "<p><span class='placeholder'>&#40;&#40;x&#41;&#41;</span></p>",
    );
  });

  it('links with a missing protocol get http:// and titles are kept', () => {
    expect(notifyMarkdownToEmailHtml('[a](example.com "T")')).toContain('href="http://example.com" title="T">a</a>');
    expect(emailPreheader('[a](example.com "T")')).toBe('\n\na (T)');
  });

  it('uses reference-style links defined elsewhere', () => {
    expect(notifyMarkdownToPlainText('[text][ref]\n\n[ref]: https://example.com')).toBe(
      '\n\ntext: https://example.com',
    );
  });

  it('draws a letter QR code as SVG', () => {
    expect(notifyMarkdownToLetterHtml('qr: https://example.com')).toMatch(
      /^<p><div class='qrcode'><svg [^>]*viewBox='0 0 25 25'/,
    );
  });
});
