// An email as Notify sends it: the subject, the HTML body, the plain-text alternative and the preheader
// (HTMLEmailTemplate and PlainTextEmailTemplate in notifications_utils/template.py).
import { normaliseWhitespace, pythonSplitWords, pythonStrip } from './formatters';
import { emailPreheader, notifyMarkdownToEmailHtml, notifyMarkdownToPlainText } from './markdown';
import { PY_SPACE } from './markdown-grammar';
import { unescapeHtml } from './markdown-html-unescape';
import { fillPlaceholders, type FillOptions, type PersonalisationValues } from './placeholders';
import { doNiceTypography, stripUnsupportedCharacters, unlinkGovuk, utf8ByteLength } from './typography';

export { renderEmailDocument, type EmailDocumentOptions } from './email-template-document';

/** Notify rejects an email whose filled-in content is larger than this many UTF-8 bytes. */
export const EMAIL_CONTENT_BYTE_LIMIT = 2_000_000;
export const PREHEADER_LENGTH_IN_CHARACTERS = 256;

export interface EmailTemplateInput {
  subject: string;
  body: string;
  values?: PersonalisationValues;
  /** Adds a rule and an “Unsubscribe from these emails” link at the end of the body. */
  unsubscribeUrl?: string;
  /** Unfilled placeholders show as `hidden` instead of their name. */
  redactMissingPersonalisation?: boolean;
}

export interface RenderedEmail {
  /** The subject line the recipient sees. */
  subject: string;
  /** The subject as the HTML preview shows it (HTML-escaped). */
  subjectHtml: string;
  /** The body HTML, ready to go inside the email document. */
  html: string;
  /** The text/plain part of the email. */
  plainText: string;
  preheader: string;
  /** Whether Notify would refuse the email as too big. */
  tooLong: boolean;
  /** UTF-8 size of the filled-in content (what the size limit applies to). */
  byteCount: number;
}

function contentWithUnsubscribeLink(body: string, unsubscribeUrl: string | undefined): string {
  return unsubscribeUrl ? `${body}\n\n---\n\n[Unsubscribe from these emails](${unsubscribeUrl})` : body;
}

function fieldOptions(input: EmailTemplateInput, options: FillOptions): FillOptions {
  return input.redactMissingPersonalisation ? { ...options, redactMissing: true } : options;
}

/** The email's content filled in and prepared for markdown: GOV.UK unlinked, unsupported characters removed. */
function markdownSource(content: string, input: EmailTemplateInput, options: FillOptions): string {
  const filled = fillPlaceholders(content, input.values, fieldOptions(input, options));
  return `${stripUnsupportedCharacters(unlinkGovuk(filled))}\n`;
}

const LEADING_WHITESPACE = new RegExp(`^[${PY_SPACE}]+`, 'u');
const ESCAPED: FillOptions = { html: true, markdownLists: true };
const PASSTHROUGH: FillOptions = { html: true, escapeHtml: false, markdownLists: true };

export function emailHtmlBody(input: EmailTemplateInput): string {
  const content = contentWithUnsubscribeLink(input.body, input.unsubscribeUrl);
  return doNiceTypography(notifyMarkdownToEmailHtml(markdownSource(content, input, ESCAPED)));
}

export function emailPlainTextBody(input: EmailTemplateInput): string {
  const content = contentWithUnsubscribeLink(input.body, input.unsubscribeUrl);
  const rendered = unescapeHtml(
    doNiceTypography(notifyMarkdownToPlainText(markdownSource(content, input, PASSTHROUGH))),
  );
  return `${rendered.replace(LEADING_WHITESPACE, '')}\n`;
}

export function emailPreheaderText(input: EmailTemplateInput): string {
  const rendered = doNiceTypography(emailPreheader(markdownSource(input.body, input, ESCAPED)));
  const collapsed = pythonSplitWords(rendered).join(' ');
  return pythonStrip(Array.from(collapsed).slice(0, PREHEADER_LENGTH_IN_CHARACTERS).join(''));
}

function renderSubject(input: EmailTemplateInput, escapeHtml: boolean): string {
  const filled = fillPlaceholders(input.subject, input.values, fieldOptions(input, { html: true, escapeHtml }));
  return normaliseWhitespace(doNiceTypography(filled));
}

/** Everything Notify derives from an email template and its personalisation. */
export function renderEmail(input: EmailTemplateInput): RenderedEmail {
  const byteCount = utf8ByteLength(fillPlaceholders(input.body, input.values, PASSTHROUGH));
  return {
    subject: renderSubject(input, false),
    subjectHtml: renderSubject(input, true),
    html: emailHtmlBody(input),
    plainText: emailPlainTextBody(input),
    preheader: emailPreheaderText(input),
    tooLong: byteCount > EMAIL_CONTENT_BYTE_LIMIT,
    byteCount,
  };
}
