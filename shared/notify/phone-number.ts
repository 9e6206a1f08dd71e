// Notify's phone number rules (notifications_utils PhoneNumber, plus the v2 API's use of it): parse, check
// the service's permissions, and describe the number (normalised form, country prefix, billing).
import { parsePhoneNumberWithError, type PhoneNumberType } from 'libphonenumber-js/max';
import { pythonString } from './formatters';
import { INTERNATIONAL_BILLING_RATES } from './international-billing-rates';
import {
  LEGACY_V2_API_PHONE_NUMBER_ERROR_MESSAGES,
  PHONE_NUMBER_ERROR_MESSAGES,
  type PhoneNumberErrorCode,
} from './phone-number-errors';
import { formatInternational } from './phone-number-metadata';
import { parseNotifyPhoneNumber, type ParsedPhoneNumber } from './phone-number-parsing';

export * from './phone-number-errors';
export {
  parseNotifyPhoneNumber,
  parseNotifyPhoneNumberWithoutShortcut,
  type ParsedPhoneNumber,
  type PhoneNumberParseResult,
} from './phone-number-parsing';

export interface PhoneNumberPermissions {
  readonly allowInternational?: boolean;
  readonly allowLandline?: boolean;
}

export interface PhoneNumberInspectionOptions extends PhoneNumberPermissions {
  /** A service's own contact number, where 3-digit numbers other than 999 and 112 are accepted. */
  readonly isServiceContactNumber?: boolean;
}

export type PhoneNumberValidation =
  | {
      valid: true;
      normalised: string;
      international: boolean;
      crownDependency: boolean;
      countryPrefix: string;
      rateMultiplier: number;
    }
  | { valid: false; error: string };

/** Everything Notify knows about a number that passed, or why and where it failed. */
export type PhoneNumberInspection =
  | {
      valid: true;
      normalised: string;
      humanReadable: string;
      isUkPhoneNumber: boolean;
      international: boolean;
      crownDependency: boolean;
      countryPrefix: string;
      rateMultiplier: number;
      shouldUseNumericSender: boolean;
    }
  | {
      valid: false;
      stage: 'parse';
      code: PhoneNumberErrorCode;
      error: string;
      legacyV2Error: string;
    }
  | {
      valid: false;
      stage: 'validate';
      code: PhoneNumberErrorCode;
      error: string;
      legacyV2Error: string;
      /** The normalised form of the number that parsed but may not be sent to. */
      parsedAs: string;
      isUkPhoneNumber: boolean;
    };

export type ApiPhoneNumberValidation =
  | { valid: true; normalised: string; international: boolean }
  | { valid: false; errorName: 'ValidationError' | 'BadRequestError' | 'InvalidPhoneError'; message: string };

const UK_CALLING_CODE = '44';
const NORTH_AMERICAN_CALLING_CODE = '1';
const LANDLINE_TYPES: ReadonlySet<PhoneNumberType> = new Set<PhoneNumberType>([
  'FIXED_LINE',
  'FIXED_LINE_OR_MOBILE',
  'UAN',
]);

function normalisedForm(number: ParsedPhoneNumber): string {
  return number.countryCallingCode + number.nationalNumber;
}

/** The billing table key: the calling code, or for +1 the first four digits when they name a country. */
function countryPrefix(number: ParsedPhoneNumber): string {
  if (number.countryCallingCode === NORTH_AMERICAN_CALLING_CODE) {
    const countryAndAreaCode = normalisedForm(number).slice(0, 4);
    if (INTERNATIONAL_BILLING_RATES.has(countryAndAreaCode)) return countryAndAreaCode;
  }
  return number.countryCallingCode;
}

function isInternational(number: ParsedPhoneNumber): boolean {
  return number.region !== 'GB' && !number.isTvNumber;
}

function isCrownDependency(number: ParsedPhoneNumber): boolean {
  return !number.isTvNumber && number.countryCallingCode === UK_CALLING_CODE && number.region !== 'GB';
}

function rateMultiplier(number: ParsedPhoneNumber): number {
  if (!isInternational(number)) return 1;
  return INTERNATIONAL_BILLING_RATES.get(countryPrefix(number))?.rateMultiplier ?? 1;
}

function humanReadable(number: ParsedPhoneNumber): string {
  if (number.countryCallingCode === UK_CALLING_CODE) {
    return parsePhoneNumberWithError(`+${normalisedForm(number)}`).format('NATIONAL');
  }
  return formatInternational(number.countryCallingCode, number.nationalNumber);
}

/** PhoneNumber.validate(allow_international_number, allow_uk_landline): the service permission checks. */
function permissionError(
  number: ParsedPhoneNumber,
  permissions: PhoneNumberPermissions,
): PhoneNumberErrorCode | undefined {
  const isUk = number.countryCallingCode === UK_CALLING_CODE;
  if (!permissions.allowInternational && !isUk) return 'not_a_uk_mobile';
  if (isUk && !permissions.allowLandline && number.type !== undefined && LANDLINE_TYPES.has(number.type)) {
    return 'not_a_uk_mobile';
  }
  if (!INTERNATIONAL_BILLING_RATES.has(number.countryCallingCode)) return 'unsupported_country_code';
  return undefined;
}

/** Parses, checks permissions and describes a number, with every field Notify derives from it. */
export function inspectPhoneNumber(input: string, options: PhoneNumberInspectionOptions = {}): PhoneNumberInspection {
  const parsed = parseNotifyPhoneNumber(input, options.isServiceContactNumber ?? false);
  if (!parsed.ok) {
    return {
      valid: false,
      stage: 'parse',
      code: parsed.code,
      error: PHONE_NUMBER_ERROR_MESSAGES[parsed.code],
      legacyV2Error: LEGACY_V2_API_PHONE_NUMBER_ERROR_MESSAGES[parsed.code],
    };
  }
  const number = parsed.number;
  const refusal = permissionError(number, options);
  if (refusal !== undefined) {
    return {
      valid: false,
      stage: 'validate',
      code: refusal,
      error: PHONE_NUMBER_ERROR_MESSAGES[refusal],
      legacyV2Error: LEGACY_V2_API_PHONE_NUMBER_ERROR_MESSAGES[refusal],
      parsedAs: normalisedForm(number),
      isUkPhoneNumber: number.countryCallingCode === UK_CALLING_CODE,
    };
  }
  const prefix = countryPrefix(number);
  return {
    valid: true,
    normalised: normalisedForm(number),
    humanReadable: humanReadable(number),
    isUkPhoneNumber: number.countryCallingCode === UK_CALLING_CODE,
    international: isInternational(number),
    crownDependency: isCrownDependency(number),
    countryPrefix: prefix,
    rateMultiplier: rateMultiplier(number),
    shouldUseNumericSender: INTERNATIONAL_BILLING_RATES.get(prefix)?.alphanumericSenders === 'NO',
  };
}

/** Notify's verdict on a phone number for a service with these permissions (admin/CSV error texts). */
export function validatePhoneNumber(input: string, options: PhoneNumberPermissions = {}): PhoneNumberValidation {
  const parsed = parseNotifyPhoneNumber(input);
  if (!parsed.ok) return { valid: false, error: PHONE_NUMBER_ERROR_MESSAGES[parsed.code] };
  const number = parsed.number;
  const refusal = permissionError(number, options);
  if (refusal !== undefined) return { valid: false, error: PHONE_NUMBER_ERROR_MESSAGES[refusal] };
  return {
    valid: true,
    normalised: normalisedForm(number),
    international: isInternational(number),
    crownDependency: isCrownDependency(number),
    countryPrefix: countryPrefix(number),
    rateMultiplier: rateMultiplier(number),
  };
}

/** The E.164 form without `+` when the text parses as a phone number at all (permissions aside). */
export function normalisePhoneNumber(input: string): string | undefined {
  const parsed = parseNotifyPhoneNumber(input);
  return parsed.ok ? normalisedForm(parsed.number) : undefined;
}

/** National format for +44 numbers, international format otherwise; text that does not parse is shown as is. */
export function formatPhoneNumberHumanReadable(input: string): string {
  const parsed = parseNotifyPhoneNumber(input);
  return parsed.ok ? humanReadable(parsed.number) : input;
}

/**
 * What notifications-api v2 answers for a `phone_number` field: the JSON-schema format check (legacy texts
 * prefixed `phone_number `), then the service's international and landline permissions.
 */
export function validatePhoneNumberForApi(
  input: unknown,
  permissions: { allowInternational: boolean; allowLandline: boolean },
): ApiPhoneNumberValidation {
  if (typeof input !== 'string') {
    const shown = pythonString(input).replaceAll("'", '');
    return { valid: false, errorName: 'ValidationError', message: `phone_number ${shown} is not of type string` };
  }
  const parsed = parseNotifyPhoneNumber(input);
  if (!parsed.ok) {
    return {
      valid: false,
      errorName: 'ValidationError',
      message: `phone_number ${LEGACY_V2_API_PHONE_NUMBER_ERROR_MESSAGES[parsed.code]}`,
    };
  }
  const number = parsed.number;
  const schemaRefusal = permissionError(number, { allowInternational: true, allowLandline: true });
  if (schemaRefusal !== undefined) {
    return {
      valid: false,
      errorName: 'ValidationError',
      message: `phone_number ${LEGACY_V2_API_PHONE_NUMBER_ERROR_MESSAGES[schemaRefusal]}`,
    };
  }
  const refusal = permissionError(number, permissions);
  if (refusal !== undefined) {
    if (refusal === 'not_a_uk_mobile' && isInternational(number)) {
      return { valid: false, errorName: 'BadRequestError', message: 'Cannot send to international mobile numbers' };
    }
    return {
      valid: false,
      errorName: 'InvalidPhoneError',
      message: LEGACY_V2_API_PHONE_NUMBER_ERROR_MESSAGES[refusal],
    };
  }
  return { valid: true, normalised: normalisedForm(number), international: isInternational(number) };
}
