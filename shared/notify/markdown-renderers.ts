// The four ways Notify renders its markdown: letter preview HTML, email HTML, plain-text email and the email
// preheader (each builds on the one before, as Notify's renderer classes do).
import { pythonStrip } from './formatters';
import { escapeMarkdownHtml } from './markdown-block';
import { unescapeHtml } from './markdown-html-unescape';
import { PY_SPACE } from './markdown-grammar';
import type { MarkdownRenderer } from './markdown-inline';
import { qrCodeSvg } from './qr-code-svg';
import { createSanitisedHtmlForUrl } from './typography';

export const LINK_STYLE = 'word-wrap: break-word; color: #1D70B8;';
const EMAIL_PARAGRAPH_STYLE = 'Margin: 0 0 20px 0; font-size: 19px; line-height: 25px; color: #0B0C0C;';
const EMAIL_LIST_ITEM_STYLE =
  'Margin: 5px 0 5px; padding: 0 0 0 5px; font-size: 19px;line-height: 25px; color: #0B0C0C;';
const PLAIN_TEXT_COLUMN_WIDTH = 65;
/** Stands in for a list marker until the list knows whether to number its items. */
const LIST_MARKER = '\uFDD0';
const QR_CODE_PARAGRAPH = new RegExp(`^qr[${PY_SPACE}]*:[${PY_SPACE}]*([^\\n]+)$`, 'iu');
const PROTOCOL_MARKUP = /<strong data-original-protocol='(https?:\/\/)'>([^\n]*?)<\/strong>/gu;
/** Hides the hyphens of generated markup from the letter's hyphen replacement until it has run. */
export const PROTECTED_HYPHEN = '\uFDD1';

function isBlank(text: string): boolean {
  return pythonStrip(text) === '';
}

/** A link whose address is an unfilled placeholder lost its angle brackets to the link syntax; put them back. */
function restorePlaceholderLink(link: string): string {
  return link.startsWith("span class='placeholder") && link.endsWith('</span') ? `<${link}>` : link;
}

/** The data of a `qr: data` paragraph, or undefined when the paragraph is not one. */
export function qrCodeData(paragraphHtml: string): string | undefined {
  const contents = QR_CODE_PARAGRAPH.exec(paragraphHtml)?.[1];
  return contents?.replace(PROTOCOL_MARKUP, '$1$2');
}

function qrCodeSvgOrNull(data: string): string | null {
  try {
    return qrCodeSvg(data);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

export class LetterPreviewRenderer implements MarkdownRenderer {
  blockCode(code: string): string {
    return code;
  }
  blockQuote(text: string): string {
    return text;
  }
  blockHtml(html: string): string {
    return html;
  }
  header(text: string, level: number): string {
    return level === 1 ? `<h2>${text}</h2>\n` : this.paragraph(text);
  }
  hrule(): string {
    return '<div class="page-break">&nbsp;</div>';
  }
  list(body: string, ordered: boolean): string {
    const tag = ordered ? 'ol' : 'ul';
    return `<${tag}>\n${body}</${tag}>\n`;
  }
  listItem(text: string): string {
    return `<li>${pythonStrip(text)}</li>\n`;
  }
  paragraph(text: string): string {
    if (isBlank(text)) return '';
    const qrData = qrCodeData(text);
    return `<p>${qrData === undefined ? text : this.qrCode(qrData)}</p>`;
  }
  /** The QR code drawn as SVG; a stand-in box while its data is an unfilled placeholder or too much to encode. */
  protected qrCode(data: string): string {
    const placeholder = data.includes("<span class='placeholder") || data.includes('<span class="placeholder');
    const svg = placeholder ? null : qrCodeSvgOrNull(unescapeHtml(data));
    const kind = placeholder ? 'qrcode-placeholder' : 'qrcode';
    const markup =
      svg === null
        ? `<div class='${kind}'><span class='${kind}-content'>${data}</span></div>`
        : `<div class='qrcode'>${svg}</div>`;
    return markup.replace(/-/g, PROTECTED_HYPHEN);
  }
  table(): string {
    return '';
  }
  linebreak(): string {
    return '<br>';
  }
  newline(): string {
    return this.linebreak();
  }
  text(text: string): string {
    return escapeMarkdownHtml(text);
  }
  escape(text: string): string {
    return escapeMarkdownHtml(text);
  }
  autolink(link: string, _isEmail: boolean): string {
    const withoutProtocol = link.replaceAll('http://', '').replaceAll('https://', '');
    const protocol = link.slice(0, link.length - withoutProtocol.length);
    return `<strong data-original-protocol='${protocol}'>${withoutProtocol}</strong>`;
  }
  /** Letters cannot be clicked, so links stay as they were written. */
  link(link: string, title: string | undefined, content: string): string {
    const target = restorePlaceholderLink(link);
    return title ? `[${content}](${target} "${title}")` : `[${content}](${target})`;
  }
  image(): string {
    return '';
  }
  inlineHtml(html: string): string {
    return html;
  }
  footnoteRef(): string {
    return '';
  }
  footnoteItem(text: string): string {
    return text;
  }
  footnotes(text: string): string {
    return text;
  }
}

/** Renders a letter while noting the data of every QR code in it. */
export class LetterQrCodeCollector extends LetterPreviewRenderer {
  readonly qrCodes: string[] = [];

  protected override qrCode(data: string): string {
    this.qrCodes.push(data);
    return data;
  }
}

export class EmailHtmlRenderer extends LetterPreviewRenderer {
  override header(text: string, level: number): string {
    if (level === 1) {
      return `<h2 style="Margin: 0 0 15px 0; padding: 10px 0 0 0; font-size: 27px; line-height: 35px; font-weight: bold; color: #0B0C0C;">${text}</h2>`;
    }
    if (level === 2) {
      return `<h3 style="Margin: 0 0 15px 0; padding: 10px 0 0 0; font-size: 19px; line-height: 25px; font-weight: bold; color: #0B0C0C;">${text}</h3>`;
    }
    return this.paragraph(text);
  }
  override hrule(): string {
    return '<hr style="border: 0; height: 1px; background: #B1B4B6; Margin: 30px 0 30px 0;">';
  }
  override list(body: string, ordered: boolean): string {
    const list = ordered
      ? `<ol style="Margin: 0 0 0 20px; padding: 0; list-style-type: decimal;">${body}</ol>`
      : `<ul style="Margin: 0 0 0 20px; padding: 0; list-style-type: disc;">${body}</ul>`;
    return `<table role="presentation" style="padding: 0 0 20px 0;"><tr><td style="font-family: Helvetica, Arial, sans-serif;">${list}</td></tr></table>`;
  }
  override listItem(text: string): string {
    return `<li style="${EMAIL_LIST_ITEM_STYLE}">${pythonStrip(text)}</li>`;
  }
  override paragraph(text: string): string {
    return isBlank(text) ? '' : `<p style="${EMAIL_PARAGRAPH_STYLE}">${text}</p>`;
  }
  override blockQuote(text: string): string {
    return `<div style="Margin: 0 0 20px 0;"><blockquote style="Margin: 0; border-left: 10px solid #B1B4B6;padding: 15px 0 0.1px 15px; font-size: 19px; line-height: 25px;">${text}</blockquote></div>`;
  }
  override link(link: string, title: string | undefined, content: string): string {
    return createSanitisedHtmlForUrl(restorePlaceholderLink(link), {
      style: LINK_STYLE,
      linkText: content,
      ...(title ? { title } : {}),
    });
  }
  override autolink(link: string, isEmail: boolean): string {
    return isEmail ? link : createSanitisedHtmlForUrl(link, { style: LINK_STYLE });
  }
}

export class PlainTextEmailRenderer extends EmailHtmlRenderer {
  override header(text: string, level: number): string {
    if (level === 1 || level === 2) {
      const underline = (level === 1 ? '=' : '-').repeat(PLAIN_TEXT_COLUMN_WIDTH);
      return `${this.linebreak().repeat(3)}${text}${this.linebreak()}${underline}`;
    }
    return this.paragraph(text);
  }
  override hrule(): string {
    return this.paragraph('=-'.repeat(PLAIN_TEXT_COLUMN_WIDTH).slice(0, PLAIN_TEXT_COLUMN_WIDTH));
  }
  override linebreak(): string {
    return '\n';
  }
  override list(body: string, ordered: boolean): string {
    let number = 0;
    return this.linebreak() + body.replaceAll(LIST_MARKER, () => (ordered ? `${(number += 1)}.` : '•'));
  }
  override listItem(text: string): string {
    return `${this.linebreak()}${LIST_MARKER} ${pythonStrip(text)}`;
  }
  override paragraph(text: string): string {
    return isBlank(text) ? '' : `${this.linebreak().repeat(2)}${text}`;
  }
  override blockQuote(text: string): string {
    return text;
  }
  override link(link: string, title: string | undefined, content: string): string {
    return `${content}${title ? ` (${title})` : ''}: ${link}`;
  }
  override autolink(link: string): string {
    return link;
  }
}

export class EmailPreheaderRenderer extends PlainTextEmailRenderer {
  override header(text: string): string {
    return this.paragraph(text);
  }
  override hrule(): string {
    return '';
  }
  override link(_link: string, title: string | undefined, content: string): string {
    return `${content}${title ? ` (${title})` : ''}`;
  }
}
