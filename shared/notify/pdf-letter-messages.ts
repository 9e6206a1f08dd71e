// Why Notify refuses an uploaded (precompiled) letter: template-preview's codes, in the words of Notify's upload page
// (notifications-admin LETTER_VALIDATION_MESSAGES), as plain text.
import { ADDRESS_ERRORS, analysePostalAddress, MAX_ADDRESS_LINES, MIN_ADDRESS_LINES } from './postal-address';
import { LETTER_MAX_PAGES } from './letter-layout';

export const pdfLetterProblemCodes = [
  'unable-to-read-the-file',
  'letter-too-long',
  'letter-not-a4-portrait-oriented',
  'content-outside-printable-area',
  'notify-tag-found-in-content',
  'address-is-empty',
  'not-enough-address-lines',
  'too-many-address-lines',
  'invalid-address-line-1-or-2',
  'has-country-for-bfpo-address',
  'not-a-real-uk-postcode',
  'not-a-real-uk-postcode-or-country',
  'cant-send-international-letters',
  'invalid-char-in-address',
  'no-fixed-abode-address',
] as const;
export type PdfLetterProblemCode = (typeof pdfLetterProblemCodes)[number];

const SPECIFICATION = 'Files must meet our letter specification.';
const ADDRESS_TITLE = 'There’s a problem with the address for this letter';

/** `page 2`, `pages 2 and 3`, `pages 1, 2 and 4` (Notify's formatted list of invalid pages). */
export function formatPageList(pages: readonly number[]): string {
  if (pages.length === 0) return '';
  if (pages.length === 1) return `page ${pages[0]}`;
  return `pages ${pages.slice(0, -1).join(', ')} and ${pages[pages.length - 1]}`;
}

const MESSAGES: Record<PdfLetterProblemCode, (pages: string, pageCount: number) => { title: string; detail: string }> =
  {
    'unable-to-read-the-file': () => ({
      title: 'There’s a problem with your file',
      detail: 'Notify cannot read this PDF. Save a new copy of your file and try again.',
    }),
    'letter-too-long': (_, pageCount) => ({
      title: 'Your letter is too long',
      detail: `Letters must be ${LETTER_MAX_PAGES} pages or less (${LETTER_MAX_PAGES / 2} double-sided sheets of paper). Your letter is ${pageCount} pages long.`,
    }),
    'letter-not-a4-portrait-oriented': (pages) => ({
      title: 'Your letter is not A4 portrait size',
      detail: `You need to change the size or orientation of ${pages}. ${SPECIFICATION}`,
    }),
    'content-outside-printable-area': (pages) => ({
      title: 'Your content is outside the printable area',
      detail: `You need to edit ${pages}. ${SPECIFICATION}`,
    }),
    'notify-tag-found-in-content': (pages) => ({
      title: 'There’s a problem with your letter',
      detail: `Your file includes a letter you’ve downloaded from Notify. You need to edit ${pages}.`,
    }),
    'address-is-empty': () => ({
      title: 'The address block is empty',
      detail: `You need to add a recipient address. ${SPECIFICATION}`,
    }),
    'not-enough-address-lines': () => ({
      title: ADDRESS_TITLE,
      detail: `The address must be at least ${MIN_ADDRESS_LINES} lines long.`,
    }),
    'too-many-address-lines': () => ({
      title: ADDRESS_TITLE,
      detail: `The address must be no more than ${MAX_ADDRESS_LINES} lines long.`,
    }),
    'invalid-address-line-1-or-2': () => ({
      title: ADDRESS_TITLE,
      detail: `${ADDRESS_ERRORS.noAlphanumericInFirstTwoLines}.`,
    }),
    'has-country-for-bfpo-address': () => ({
      title: ADDRESS_TITLE,
      detail: 'The last line of a BFPO address must not be a country.',
    }),
    'not-a-real-uk-postcode': () => ({
      title: ADDRESS_TITLE,
      detail: 'The last line of the address must be a real UK postcode.',
    }),
    'not-a-real-uk-postcode-or-country': () => ({
      title: ADDRESS_TITLE,
      detail: 'The last line of the address must be a UK postcode or another country.',
    }),
    'cant-send-international-letters': () => ({
      title: ADDRESS_TITLE,
      detail: 'You do not have permission to send letters to other countries.',
    }),
    'invalid-char-in-address': () => ({
      title: ADDRESS_TITLE,
      detail: 'Address lines must not start with any of the following characters: @ ( ) = [ ] ” \\ / , < > ~',
    }),
    'no-fixed-abode-address': () => ({ title: 'There is a problem', detail: 'Enter a real address.' }),
  };

export interface PdfLetterProblemText {
  code: PdfLetterProblemCode;
  title: string;
  detail: string;
  pages: number[];
}

export function pdfLetterProblem(
  code: PdfLetterProblemCode,
  pages: readonly number[] = [],
  pageCount = 0,
): PdfLetterProblemText {
  return { code, ...MESSAGES[code](formatPageList(pages), pageCount), pages: [...pages] };
}

/**
 * The first thing Notify finds wrong with the address it reads from an uploaded letter's envelope window, in
 * template-preview's order, or null when it would accept it.
 */
export function pdfLetterAddressProblem(
  addressText: string,
  options: { allowInternational: boolean },
): PdfLetterProblemCode | null {
  if (addressText.trim() === '') return 'address-is-empty';
  const address = analysePostalAddress(addressText, { allowInternational: options.allowInternational });
  if (!address.hasEnoughLines) return 'not-enough-address-lines';
  if (address.hasTooManyLines) return 'too-many-address-lines';
  if (!address.hasAlphanumericCharacterInLines1And2) return 'invalid-address-line-1-or-2';
  if (address.hasInvalidCountryForBfpoAddress) return 'has-country-for-bfpo-address';
  if (!address.hasValidLastLine) {
    if (options.allowInternational) return 'not-a-real-uk-postcode-or-country';
    return address.international ? 'cant-send-international-letters' : 'not-a-real-uk-postcode';
  }
  if (address.hasInvalidCharacters) return 'invalid-char-in-address';
  if (address.hasNoFixedAbodeAddress) return 'no-fixed-abode-address';
  return null;
}
