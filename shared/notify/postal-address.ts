// Postal addresses as Notify reads and checks them: notifications_utils PostalAddress for the reading, and
// notifications-api validate_address for which problem is reported, in its order and with its words.
import { findCountry, UNITED_KINGDOM, type Country, type PostageZone } from './countries';
import {
  insensitiveKey,
  normaliseWhitespace,
  pythonSplitLines,
  pythonString,
  removeWhitespaceBeforePunctuation,
} from './formatters';
import { formatPostcodeOrNull } from './postcode';

export {
  formatPostcodeForPrinting,
  formatPostcodeOrNull,
  isRealUkPostcode,
  normalisePostcode,
  UK_POSTCODE_ZONES,
} from './postcode';

export const MIN_ADDRESS_LINES = 3;
export const MAX_ADDRESS_LINES = 7;

export const ADDRESS_LINE_1_TO_6_KEYS = [
  'address_line_1',
  'address_line_2',
  'address_line_3',
  'address_line_4',
  'address_line_5',
  'address_line_6',
] as const;
export const ADDRESS_LINE_7_KEY = 'address_line_7';
export const POSTCODE_KEY = 'postcode';

export const ADDRESS_ERRORS = {
  tooFewLines: `Address must be at least ${MIN_ADDRESS_LINES} lines`,
  tooManyLines: `Address must be no more than ${MAX_ADDRESS_LINES} lines`,
  noAlphanumericInFirstTwoLines:
    'The first 2 lines of the address must both include at least one alphanumeric character',
  countryInBfpoAddress: 'The last line of a BFPO address must not be a country.',
  notUkPostcodeOrCountry: 'Last line of address must be a real UK postcode or another country',
  notUkPostcode: 'Must be a real UK postcode',
  invalidFirstCharacter:
    'Address lines must not start with any of the following characters: @ ( ) = [ ] \u201D \\ / , < >',
  noFixedAbode: 'Must be a real address',
} as const;

/** Characters an address line must not start with (Notify's check, after stripping the line). */
export const INVALID_FIRST_CHARACTERS = '@()=[]"\\/,<>~';
const BFPO_LINE = /^\s*bfpo\s*(?:c\/o)?(?:\s*([0-9]+))?\s*$/;
const NO_FIXED_ABODE = /no fixed (abode|address)/i;
const ALPHANUMERIC = /[\p{L}\p{N}]/u;
const TRAILING_SPACES_AND_COMMAS = /[ ,]+$/;

export interface PostalAddressOptions {
  allowInternational?: boolean;
}

/** Everything Notify works out about an address. */
export interface PostalAddressAnalysis {
  normalisedLines: string[];
  lineCount: number;
  hasEnoughLines: boolean;
  hasTooManyLines: boolean;
  postcode: string | null;
  hasValidPostcode: boolean;
  hasValidLastLine: boolean;
  country: string;
  postage: PostageZone;
  international: boolean;
  hasInvalidCharacters: boolean;
  hasNoFixedAbodeAddress: boolean;
  bfpoNumber: number | null;
  isBfpoAddress: boolean;
  hasInvalidCountryForBfpoAddress: boolean;
  hasAlphanumericCharacterInLines1And2: boolean;
  valid: boolean;
  /** The notifications-api message for the first problem found, or null when Notify would accept the address. */
  error: string | null;
}

export interface PostalAddressResult {
  valid: boolean;
  error: string | null;
  lines: string[];
  postcode: string | null;
  country: string;
  postage: PostageZone;
  bfpoNumber: number | null;
}

function readLines(rawAddress: string): string[] {
  const lines: string[] = [];
  for (const line of pythonSplitLines(rawAddress)) {
    const trimmed = normaliseWhitespace(line).replace(TRAILING_SPACES_AND_COMMAS, '');
    if (trimmed !== '') lines.push(removeWhitespaceBeforePunctuation(trimmed));
  }
  return lines.length > 0 ? lines : [''];
}

function bfpoNumberOf(line: string): string | undefined {
  return BFPO_LINE.exec(line.toLowerCase())?.[1];
}

function extractBfpo(lines: string[]): { bfpoNumber: number | null; remaining: string[] } {
  const numberLine = lines.find((line) => bfpoNumberOf(line) !== undefined);
  if (numberLine === undefined) return { bfpoNumber: null, remaining: lines };
  return {
    bfpoNumber: Number(bfpoNumberOf(numberLine)),
    remaining: lines.filter((line) => !BFPO_LINE.test(line.toLowerCase())),
  };
}

/** UK country lines counted from the end; lines that are not countries are passed over, another country stops it. */
function countTrailingUkCountries(lines: readonly string[]): number {
  let count = 0;
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const country = findCountry(lines[index] ?? '');
    if (country === null) continue;
    if (country.name !== UNITED_KINGDOM) break;
    count += 1;
  }
  return count;
}

function splitOffCountry(lines: string[]): { country: Country; lines: string[] } {
  const lastLine = lines[lines.length - 1];
  const country = lastLine === undefined ? null : findCountry(lastLine);
  if (country === null) return { country: { name: UNITED_KINGDOM, postage: 'united-kingdom' }, lines };
  const linesToDrop = countTrailingUkCountries(lines) || 1;
  return { country, lines: lines.slice(0, Math.max(0, lines.length - linesToDrop)) };
}

function hasAlphanumericInFirstTwoLines(lines: readonly string[]): boolean {
  const firstTwo = lines.slice(0, 2);
  return firstTwo.length === 2 && firstTwo.every((line) => ALPHANUMERIC.test(line));
}

/** Reads an address the way Notify does: one line per line break, country and BFPO lines recognised. */
export function analysePostalAddress(rawAddress: string, options: PostalAddressOptions = {}): PostalAddressAnalysis {
  const allowInternational = options.allowInternational ?? false;
  const { bfpoNumber, remaining } = extractBfpo(readLines(rawAddress));
  const { country, lines } = splitOffCountry(remaining);
  const international = country.postage !== 'united-kingdom';
  const isBfpoAddress = bfpoNumber !== null;
  const lastLine = lines[lines.length - 1];
  const postcode = international || lastLine === undefined ? null : formatPostcodeOrNull(lastLine);

  const normalisedLines = [...lines];
  if (postcode !== null) normalisedLines.splice(-1, 1, postcode);
  if (isBfpoAddress) normalisedLines.push(`BFPO ${bfpoNumber}`);
  if (international) normalisedLines.push(country.name);

  const normalised = normalisedLines.join('\n');
  const lineCount = pythonSplitLines(normalised).length;
  const hasEnoughLines = lineCount >= MIN_ADDRESS_LINES;
  const hasTooManyLines = lineCount > MAX_ADDRESS_LINES;
  const hasInvalidCountryForBfpoAddress = international && isBfpoAddress;
  const hasValidPostcode = postcode !== null;
  const hasValidLastLine =
    (allowInternational && international && !isBfpoAddress) ||
    hasValidPostcode ||
    (isBfpoAddress && !hasInvalidCountryForBfpoAddress);
  const hasInvalidCharacters = normalisedLines.some(
    (line) => line !== '' && INVALID_FIRST_CHARACTERS.includes(line.charAt(0)),
  );
  const hasNoFixedAbodeAddress =
    normalisedLines.some((line) => line.toLowerCase() === 'nfa') || NO_FIXED_ABODE.test(normalised);
  const hasAlphanumericCharacterInLines1And2 = hasAlphanumericInFirstTwoLines(normalisedLines);

  const valid =
    hasValidLastLine &&
    hasEnoughLines &&
    !hasTooManyLines &&
    !hasInvalidCharacters &&
    !hasInvalidCountryForBfpoAddress &&
    !hasNoFixedAbodeAddress &&
    hasAlphanumericCharacterInLines1And2;

  let error: string | null = null;
  if (!hasEnoughLines) error = ADDRESS_ERRORS.tooFewLines;
  else if (hasTooManyLines) error = ADDRESS_ERRORS.tooManyLines;
  else if (!hasAlphanumericCharacterInLines1And2) error = ADDRESS_ERRORS.noAlphanumericInFirstTwoLines;
  else if (hasInvalidCountryForBfpoAddress) error = ADDRESS_ERRORS.countryInBfpoAddress;
  else if (!hasValidLastLine) {
    error = allowInternational ? ADDRESS_ERRORS.notUkPostcodeOrCountry : ADDRESS_ERRORS.notUkPostcode;
  } else if (hasInvalidCharacters) error = ADDRESS_ERRORS.invalidFirstCharacter;
  else if (hasNoFixedAbodeAddress) error = ADDRESS_ERRORS.noFixedAbode;

  return {
    normalisedLines,
    lineCount,
    hasEnoughLines,
    hasTooManyLines,
    postcode,
    hasValidPostcode,
    hasValidLastLine,
    country: country.name,
    postage: country.postage,
    international,
    hasInvalidCharacters,
    hasNoFixedAbodeAddress,
    bfpoNumber,
    isBfpoAddress,
    hasInvalidCountryForBfpoAddress,
    hasAlphanumericCharacterInLines1And2,
    valid,
    error,
  };
}

export interface PersonalisationAddressOptions {
  /** Match keys the way a spreadsheet's columns match (`Address Line 1` is `address_line_1`). */
  insensitiveKeys?: boolean;
}

function isPythonFalsy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/**
 * The address text Notify builds from personalisation: `address_line_1` to `address_line_6` then `postcode`, or
 * `address_line_7` instead of `postcode` when an `address_line_7` key is present, one per line, missing ones empty.
 */
export function postalAddressFromPersonalisation(
  values: Record<string, unknown>,
  options: PersonalisationAddressOptions = {},
): string {
  const readable = options.insensitiveKeys
    ? new Map(Object.entries(values).map(([key, value]) => [insensitiveKey(key), value]))
    : new Map(Object.entries(values));
  const keyFor = (key: string): string => (options.insensitiveKeys ? insensitiveKey(key) : key);
  const lastKey = readable.has(keyFor(ADDRESS_LINE_7_KEY)) ? ADDRESS_LINE_7_KEY : POSTCODE_KEY;
  return [...ADDRESS_LINE_1_TO_6_KEYS, lastKey]
    .map((key) => {
      const value = readable.get(keyFor(key));
      return isPythonFalsy(value) ? '' : pythonString(value);
    })
    .join('\n');
}

/**
 * Checks an address as Notify does before it accepts a letter. A record is read like personalisation
 * (`address_line_1` … `address_line_7`, `postcode`): by exactly those keys, as Notify's API reads them, or with
 * `insensitiveKeys` as a spreadsheet's columns are read (`Address Line 1`, `ADDRESS_LINE_1`, `Post Code`).
 */
export function validatePostalAddress(
  address: string | Record<string, unknown>,
  options: PostalAddressOptions & PersonalisationAddressOptions = {},
): PostalAddressResult {
  const rawAddress =
    typeof address === 'string'
      ? address
      : postalAddressFromPersonalisation(address, { insensitiveKeys: options.insensitiveKeys ?? false });
  const analysis = analysePostalAddress(rawAddress, options);
  return {
    valid: analysis.valid,
    error: analysis.error,
    lines: analysis.normalisedLines,
    postcode: analysis.postcode,
    country: analysis.country,
    postage: analysis.postage,
    bfpoNumber: analysis.bfpoNumber,
  };
}

/** The address spread over Notify's personalisation keys, as a letter made from it would carry them. */
export function postalAddressAsPersonalisation(analysis: PostalAddressAnalysis): Record<string, string> {
  const lines = analysis.normalisedLines;
  const bfpoWithPostcode = analysis.postcode !== null && analysis.isBfpoAddress;
  const personalisation: Record<string, string> = {};
  ADDRESS_LINE_1_TO_6_KEYS.forEach((key, index) => {
    personalisation[key] = index < lines.length - (bfpoWithPostcode ? 2 : 1) ? (lines[index] ?? '') : '';
  });
  const lastLine = lines[lines.length - 1] ?? '';
  personalisation[POSTCODE_KEY] = lastLine;
  personalisation[ADDRESS_LINE_7_KEY] = lastLine;
  if (bfpoWithPostcode) {
    personalisation[POSTCODE_KEY] = analysis.postcode ?? '';
    personalisation.address_line_6 = analysis.postcode ?? '';
  } else if (analysis.isBfpoAddress) {
    personalisation[POSTCODE_KEY] = '';
  }
  return personalisation;
}
