// Notify's markdown renderers (notifications_utils/markdown.py): the same dialect rendered as email HTML,
// plain-text email, email preheader and letter preview HTML.
import { renderMarkdown } from './markdown-render';
import {
  EmailHtmlRenderer,
  EmailPreheaderRenderer,
  LetterPreviewRenderer,
  LetterQrCodeCollector,
  PROTECTED_HYPHEN,
  PlainTextEmailRenderer,
} from './markdown-renderers';

export { LINK_STYLE, qrCodeData } from './markdown-renderers';

const emailHtmlRenderer = new EmailHtmlRenderer();
const plainTextEmailRenderer = new PlainTextEmailRenderer();
const emailPreheaderRenderer = new EmailPreheaderRenderer();
const letterPreviewRenderer = new LetterPreviewRenderer();

/** The body of an HTML email: styled paragraphs, headings, lists, inset text, rules and links. */
export function notifyMarkdownToEmailHtml(markdown: string): string {
  return renderMarkdown(markdown, emailHtmlRenderer);
}

/** The plain-text part of an email: underlined headings, `•`/numbered lists, `text: url` links. */
export function notifyMarkdownToPlainText(markdown: string): string {
  return renderMarkdown(markdown, plainTextEmailRenderer);
}

/** The text an inbox shows next to the subject, before whitespace is collapsed and it is cut to length. */
export function emailPreheader(markdown: string): string {
  return renderMarkdown(markdown, emailPreheaderRenderer);
}

/**
 * Letter HTML whose generated markup (QR code boxes) still has its hyphens hidden, so that a letter's
 * hyphen-to-non-breaking-hyphen step leaves them alone; finish with restoreProtectedHyphens.
 */
export function notifyMarkdownToLetterHtmlWithProtectedHyphens(markdown: string): string {
  return renderMarkdown(markdown, letterPreviewRenderer);
}

export function restoreProtectedHyphens(html: string): string {
  return html.replaceAll(PROTECTED_HYPHEN, '-');
}

/** The body of a letter as previewed: paragraphs, one heading level, lists, page breaks, no links. */
export function notifyMarkdownToLetterHtml(markdown: string): string {
  return restoreProtectedHyphens(notifyMarkdownToLetterHtmlWithProtectedHyphens(markdown));
}

/** The data of each `qr:` paragraph in a letter, in order. */
export function letterQrCodeData(markdown: string): string[] {
  const collector = new LetterQrCodeCollector();
  renderMarkdown(markdown, collector);
  return collector.qrCodes;
}
