// A letter as Notify previews it: heading, body HTML, address block, contact block and date
// (LetterPreviewTemplate in notifications_utils/template.py).
import { londonFormatter } from './london-formatter';
import { normaliseWhitespace, pythonSplitLines, pythonStrip, removeWhitespaceBeforePunctuation } from './formatters';
import { letterQrCodeData, notifyMarkdownToLetterHtmlWithProtectedHyphens, restoreProtectedHyphens } from './markdown';
import { fillPlaceholders, placeholderKey, type PersonalisationValues } from './placeholders';
import { analysePostalAddress, postalAddressFromPersonalisation } from './postal-address';
import { QR_CODE_MAX_BYTES } from './recipient-sheet';
import { doNiceTypography, nl2br, replaceHyphensWithNonBreakingHyphens, utf8ByteLength } from './typography';
import { ENGLISH_MONTH_NAMES } from '../month-names';

export type LetterLanguage = 'english' | 'welsh';

export interface LetterTemplateInput {
  subject: string;
  body: string;
  contactBlock?: string;
  values?: PersonalisationValues;
  /** The address as lines of text; by default it comes from the address placeholders in `values`. */
  address?: string;
  /** When the letter is dated; defaults to now. */
  date?: Date;
  language?: LetterLanguage;
  /** The Welsh heading and body of a bilingual letter, used when `language` is `welsh`. */
  welshSubject?: string;
  welshBody?: string;
  redactMissingPersonalisation?: boolean;
}

export interface RenderedLetter {
  heading: string;
  bodyHtml: string;
  /** One entry per printed address line (HTML). */
  addressLines: string[];
  contactBlockHtml: string;
  date: string;
}

export interface QrCodeTooLong {
  data: string;
  numBytes: number;
  maxBytes: number;
}

const ENGLISH_MONTHS = ENGLISH_MONTH_NAMES;
const WELSH_MONTHS = [
  'Ionawr',
  'Chwefror',
  'Mawrth',
  'Ebrill',
  'Mai',
  'Mehefin',
  'Gorffennaf',
  'Awst',
  'Medi',
  'Hydref',
  'Tachwedd',
  'Rhagfyr',
];
const londonDateParts = londonFormatter({ day: 'numeric', month: 'numeric', year: 'numeric' });
const ADDRESS_PLACEHOLDERS = Array.from({ length: 7 }, (_, index) => `((address line ${index + 1}))`).join('\n');

/** The date as printed on a letter, in London: `1 January 2001`, or `1 Ionawr 2001` in Welsh. */
export function formatLetterDate(date: Date, language: LetterLanguage = 'english'): string {
  const parts = londonDateParts().formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((candidate) => candidate.type === type)?.value ?? '';
  const months = language === 'welsh' ? WELSH_MONTHS : ENGLISH_MONTHS;
  return `${Number(part('day'))} ${months[Number(part('month')) - 1] ?? ''} ${part('year')}`;
}

function fillOptions(input: LetterTemplateInput, markdownLists: boolean) {
  return { html: true, markdownLists, ...(input.redactMissingPersonalisation ? { redactMissing: true } : {}) };
}

export function letterBodyHtml(input: LetterTemplateInput, content: string): string {
  const filled = fillPlaceholders(content, input.values, fillOptions(input, true));
  const html = doNiceTypography(notifyMarkdownToLetterHtmlWithProtectedHyphens(`${filled}\n`));
  return restoreProtectedHyphens(replaceHyphensWithNonBreakingHyphens(html));
}

function letterHeading(input: LetterTemplateInput, subject: string): string {
  return normaliseWhitespace(doNiceTypography(fillPlaceholders(subject, input.values, fillOptions(input, false))));
}

/** The normalised address when it has 3 to 7 lines, otherwise the address placeholders as they stand. */
export function letterAddressLines(input: Pick<LetterTemplateInput, 'values' | 'address'>): string[] {
  const values = input.values ?? {};
  const rawAddress = input.address ?? postalAddressFromPersonalisation({ ...values }, { insensitiveKeys: true });
  const analysis = analysePostalAddress(rawAddress);
  if (analysis.hasEnoughLines && !analysis.hasTooManyLines) return analysis.normalisedLines;
  if (input.address !== undefined) return pythonSplitLines(fillPlaceholders(input.address, undefined, { html: true }));
  const keys = new Set(Object.keys(values).map(placeholderKey));
  const withPostcodeAsLastLine =
    !keys.has(placeholderKey('address line 7')) && keys.has('postcode')
      ? { ...values, 'address line 7': Object.entries(values).find(([key]) => placeholderKey(key) === 'postcode')?.[1] }
      : values;
  return pythonSplitLines(
    fillPlaceholders(ADDRESS_PLACEHOLDERS, withPostcodeAsLastLine, { html: true, withBrackets: false }),
  );
}

export function letterContactBlockHtml(input: LetterTemplateInput): string {
  const contactBlock = pythonStrip(input.contactBlock ?? '')
    .split('\n')
    .map(pythonStrip)
    .join('\n');
  const filled = fillPlaceholders(contactBlock, input.values, fillOptions(input, false));
  return nl2br(removeWhitespaceBeforePunctuation(filled));
}

/** Everything an A4 preview of the letter needs. */
export function renderLetter(input: LetterTemplateInput): RenderedLetter {
  const language = input.language ?? 'english';
  const welsh = language === 'welsh';
  return {
    heading: letterHeading(input, welsh && input.welshSubject !== undefined ? input.welshSubject : input.subject),
    bodyHtml: letterBodyHtml(input, welsh && input.welshBody !== undefined ? input.welshBody : input.body),
    addressLines: letterAddressLines(input),
    contactBlockHtml: letterContactBlockHtml(input),
    date: formatLetterDate(input.date ?? new Date(), language),
  };
}

/** The first QR code in the letter's filled-in body that holds too much data, or null when there is none. */
export function findQrCodeTooLong(input: Pick<LetterTemplateInput, 'body' | 'values'>): QrCodeTooLong | null {
  const content = input.values
    ? fillPlaceholders(input.body, input.values, { html: true, markdownLists: true })
    : input.body;
  for (const data of letterQrCodeData(content)) {
    const numBytes = utf8ByteLength(data);
    if (numBytes > QR_CODE_MAX_BYTES) return { data, numBytes, maxBytes: QR_CODE_MAX_BYTES };
  }
  return null;
}
