// Parsing a phone number the way notifications_utils' PhoneNumber constructor does, before any service
// permission is considered: character check, libphonenumber parse with GB as the default region, emergency
// numbers for service contact numbers, the Excel re-read as an international number, validity and type
// checks, Ofcom TV numbers, and one retry after stripping pluses and leading zeros.
import { parsePhoneNumberWithError, type PhoneNumber, type PhoneNumberType } from 'libphonenumber-js/max';
import { downgradeToAscii } from './character-downgrade';
import { ALL_WHITESPACE } from './formatters';
import type { PhoneNumberErrorCode } from './phone-number-errors';
import { LOCAL_ONLY_LENGTHS_BY_CALLING_CODE } from './phone-number-local-only-lengths';
import {
  isInvalidInEveryUkRegion,
  isUnambiguousUkMobile,
  possibleLengthsForCallingCode,
} from './phone-number-metadata';

export interface ParsedPhoneNumber {
  readonly countryCallingCode: string;
  /** The national significant number, as libphonenumber keeps it (Italian leading zeros included). */
  readonly nationalNumber: string;
  /** Python's region_code_for_number: only known for valid numbers. */
  readonly region: string | undefined;
  /** Python's number_type: only known for valid numbers. */
  readonly type: PhoneNumberType | undefined;
  /** Ofcom's drama range, checked on every number as upstream does (it makes a number count as UK). */
  readonly isTvNumber: boolean;
}

export type PhoneNumberParseResult =
  | { readonly ok: true; readonly number: ParsedPhoneNumber }
  | { readonly ok: false; readonly code: PhoneNumberErrorCode };

type LengthCheck =
  'IS_POSSIBLE' | 'IS_POSSIBLE_LOCAL_ONLY' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH' | 'INVALID_COUNTRY_CODE';

const ALLOWED_CHARACTERS: ReadonlySet<string> = new Set([...ALL_WHITESPACE, ...'()-+0123456789']);
const ALLOWED_TYPES: ReadonlySet<PhoneNumberType> = new Set<PhoneNumberType>([
  'FIXED_LINE',
  'MOBILE',
  'FIXED_LINE_OR_MOBILE',
  'UAN',
  'PERSONAL_NUMBER',
]);
const EMERGENCY_THREE_DIGIT_NUMBERS: ReadonlySet<string> = new Set(['999', '112']);
// Upstream writes 7700[900000-900999], a character class, so any digit after 7700 passes.
const TV_NUMBER = /^7700\d/;
// Inputs whose digits alone decide that they are the UK number 7xxxxxxxxx (see fastUkMobileNationalNumber).
const UK_MOBILE_SHAPE = /^(?:\+44|0044|44|0)?(7\d{9})$/;
const DIGITS_SPACES_AND_PLUSES = /^[0-9 +]{10,40}$/;
const PHONE_NUMBER_START = /[+0-9]/;

function hasOnlyAllowedCharacters(value: string): boolean {
  for (const character of value) {
    if (!ALLOWED_CHARACTERS.has(character)) return false;
  }
  return true;
}

/** Python's phonenumbers accepts several leading pluses where libphonenumber-js accepts one; both then read one. */
function collapseLeadingPluses(value: string): string {
  const start = value.search(PHONE_NUMBER_START);
  if (start < 0 || value.charAt(start) !== '+' || value.charAt(start + 1) !== '+') return value;
  let end = start;
  while (value.charAt(end) === '+') end += 1;
  return `${value.slice(0, start)}+${value.slice(end)}`;
}

/** V8's (Node, Chromium, Electron) limit on the frames an error collects; elsewhere a harmless extra property. */
const errorWithStackTraceLimit = Error as ErrorConstructor & { stackTraceLimit?: number };

function libraryParse(value: string, defaultCountry: 'GB' | undefined): PhoneNumber | undefined {
  // The library reports a number it cannot read by throwing; the error is dropped here, so its stack trace, most of
  // the cost of a bad number in a spreadsheet of thousands, is not collected.
  const stackTraceLimit = errorWithStackTraceLimit.stackTraceLimit;
  errorWithStackTraceLimit.stackTraceLimit = 0;
  try {
    return parsePhoneNumberWithError(
      collapseLeadingPluses(value),
      defaultCountry === undefined ? {} : { defaultCountry },
    );
  } catch {
    return undefined;
  } finally {
    errorWithStackTraceLimit.stackTraceLimit = stackTraceLimit;
  }
}

/** Python's national_number is an integer, so leading zeros drop out of its string form. */
function nationalNumberAsInteger(nationalNumber: string): string {
  const withoutZeros = nationalNumber.replace(/^0+/, '');
  return withoutZeros === '' ? '0' : withoutZeros;
}

/**
 * phonenumbers' is_possible_number_with_reason, judged on the main region of the calling code. A length possible
 * only when dialled locally is asked about first, so it wins over too short.
 */
function checkLength(callingCode: string, nationalNumber: string): LengthCheck {
  const lengths = possibleLengthsForCallingCode(callingCode);
  const shortest = lengths[0];
  const longest = lengths[lengths.length - 1];
  if (shortest === undefined || longest === undefined) return 'INVALID_COUNTRY_CODE';
  const length = nationalNumber.length;
  if (LOCAL_ONLY_LENGTHS_BY_CALLING_CODE.get(callingCode)?.includes(length)) return 'IS_POSSIBLE_LOCAL_ONLY';
  if (length === shortest) return 'IS_POSSIBLE';
  if (length < shortest) return 'TOO_SHORT';
  if (length > longest) return 'TOO_LONG';
  return lengths.includes(length) ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
}

function errorForLengthCheck(check: Exclude<LengthCheck, 'IS_POSSIBLE'>): PhoneNumberErrorCode {
  switch (check) {
    case 'TOO_LONG':
      return 'too_long';
    case 'TOO_SHORT':
    case 'IS_POSSIBLE_LOCAL_ONLY':
      return 'too_short';
    case 'INVALID_COUNTRY_CODE':
      return 'unsupported_country_code';
    case 'INVALID_LENGTH':
      return 'invalid_number';
  }
}

/**
 * The national number of an input made only of digits, spaces and one leading plus whose digits read
 * `[+44|0044|44|0]7xxxxxxxxx`: phonenumbers reads every such input as +44 7xxxxxxxxx.
 */
function fastUkMobileNationalNumber(input: string): string | undefined {
  if (!DIGITS_SPACES_AND_PLUSES.test(input)) return undefined;
  return UK_MOBILE_SHAPE.exec(input.includes(' ') ? input.replaceAll(' ', '') : input)?.[1];
}

function isTvNumber(nationalNumber: string): boolean {
  return TV_NUMBER.test(nationalNumberAsInteger(nationalNumber));
}

function describe(number: PhoneNumber, valid: boolean, type: PhoneNumberType | undefined): ParsedPhoneNumber {
  return {
    countryCallingCode: number.countryCallingCode,
    nationalNumber: number.nationalNumber,
    region: valid ? number.country : undefined,
    type: valid ? type : undefined,
    isTvNumber: isTvNumber(number.nationalNumber),
  };
}

function failure(code: PhoneNumberErrorCode): PhoneNumberParseResult {
  return { ok: false, code };
}

function success(number: ParsedPhoneNumber): PhoneNumberParseResult {
  return { ok: true, number };
}

/**
 * The answer for `[+44|0044|44|0]7xxxxxxxxx` inputs that needs no parse: a number that is a GB mobile beyond
 * doubt, or a number in Ofcom's drama range that no region under +44 knows (libphonenumber calls it invalid and
 * upstream lets it through as a TV number). Anything else goes through the library.
 */
function ukMobileShortcut(input: string): PhoneNumberParseResult | undefined {
  const nationalNumber = fastUkMobileNationalNumber(input);
  if (nationalNumber === undefined || checkLength('44', nationalNumber) !== 'IS_POSSIBLE') return undefined;
  const tvNumber = TV_NUMBER.test(nationalNumber);
  if (isUnambiguousUkMobile(nationalNumber)) {
    return success({ countryCallingCode: '44', nationalNumber, region: 'GB', type: 'MOBILE', isTvNumber: tvNumber });
  }
  if (tvNumber && isInvalidInEveryUkRegion(nationalNumber)) {
    return success({ countryCallingCode: '44', nationalNumber, region: undefined, type: undefined, isTvNumber: true });
  }
  return undefined;
}

function parseOnce(input: string, isServiceContactNumber: boolean, useShortcut: boolean): PhoneNumberParseResult {
  const shortcut = useShortcut ? ukMobileShortcut(input) : undefined;
  if (shortcut !== undefined) return shortcut;

  if (!hasOnlyAllowedCharacters(input)) return failure('unknown_character');
  if (input === '') return failure('too_short');

  let number = libraryParse(input, 'GB');
  if (number === undefined) return failure('invalid_number');

  const nationalNumber = nationalNumberAsInteger(number.nationalNumber);
  if (isServiceContactNumber && nationalNumber.length === 3) {
    if (EMERGENCY_THREE_DIGIT_NUMBERS.has(nationalNumber)) return failure('unsupported_emergency_number');
    const valid = number.isValid();
    return success(describe(number, valid, valid ? number.getType() : undefined));
  }

  // libphonenumber-js keeps a UK trunk 0 when dropping it would leave an impossible length; phonenumbers always drops it.
  const lengthCheck = checkLength(
    number.countryCallingCode,
    number.countryCallingCode === '44' ? nationalNumberAsInteger(number.nationalNumber) : number.nationalNumber,
  );
  if (lengthCheck !== 'IS_POSSIBLE') {
    // The retry asks phonenumbers' is_possible_number, for which a length possible only locally is possible.
    const forcedInternational = libraryParse(`+${input}`, undefined);
    const forcedCheck =
      forcedInternational && checkLength(forcedInternational.countryCallingCode, forcedInternational.nationalNumber);
    if (
      forcedInternational === undefined ||
      (forcedCheck !== 'IS_POSSIBLE' && forcedCheck !== 'IS_POSSIBLE_LOCAL_ONLY')
    ) {
      return failure(errorForLengthCheck(lengthCheck));
    }
    number = forcedInternational;
  }

  const valid = number.isValid();
  const type = valid ? number.getType() : undefined;
  if (!(valid && type !== undefined && ALLOWED_TYPES.has(type))) {
    if (isTvNumber(number.nationalNumber)) return success(describe(number, valid, type));
    return failure('invalid_number');
  }
  return success(describe(number, valid, type));
}

/** Parses as notifications_utils' PhoneNumber(input, is_service_contact_number) does. */
export function parseNotifyPhoneNumber(input: string, isServiceContactNumber = false): PhoneNumberParseResult {
  return parseWithRetry(input, isServiceContactNumber, true);
}

/** The same, always through libphonenumber: what the UK shortcut must agree with. */
export function parseNotifyPhoneNumberWithoutShortcut(
  input: string,
  isServiceContactNumber = false,
): PhoneNumberParseResult {
  return parseWithRetry(input, isServiceContactNumber, false);
}

function parseWithRetry(input: string, isServiceContactNumber: boolean, useShortcut: boolean): PhoneNumberParseResult {
  const firstAttempt = parseOnce(input, isServiceContactNumber, useShortcut);
  if (firstAttempt.ok) return firstAttempt;
  const thoroughlyNormalised = downgradeToAscii(input.replaceAll('+', '').replace(/^0+/, ''));
  return parseOnce(thoroughlyNormalised, isServiceContactNumber, useShortcut);
}
