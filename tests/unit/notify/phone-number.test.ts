import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatPhoneNumberHumanReadable,
  inspectPhoneNumber,
  parseNotifyPhoneNumber,
  parseNotifyPhoneNumberWithoutShortcut,
  validatePhoneNumber,
  validatePhoneNumberForApi,
  type PhoneNumberInspection,
} from '../../../shared/notify/phone-number';

interface PhoneVectorCase {
  input: string;
  options: { allow_international_number?: boolean; allow_uk_landline?: boolean; is_service_contact_number?: boolean };
  expected: Record<string, unknown> & { valid: boolean };
  note?: string;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../fixtures/notify-vectors/phone_numbers.json', import.meta.url), 'utf8'),
) as { cases: PhoneVectorCase[] };

function asVector(inspection: PhoneNumberInspection): Record<string, unknown> {
  if (inspection.valid) {
    return {
      valid: true,
      normalised: inspection.normalised,
      human_readable: inspection.humanReadable,
      is_uk_phone_number: inspection.isUkPhoneNumber,
      international: inspection.international,
      crown_dependency: inspection.crownDependency,
      country_prefix: inspection.countryPrefix,
      rate_multiplier: inspection.rateMultiplier,
      should_use_numeric_sender: inspection.shouldUseNumericSender,
    };
  }
  const failure: Record<string, unknown> = {
    valid: false,
    stage: inspection.stage,
    error: inspection.error,
    code: inspection.code,
    legacy_v2_error: inspection.legacyV2Error,
  };
  if (inspection.stage === 'validate') {
    failure['parsed_as'] = inspection.parsedAs;
    failure['is_uk_phone_number'] = inspection.isUkPhoneNumber;
  }
  return failure;
}

function checkVector(vector: PhoneVectorCase): void {
  const options = {
    allowInternational: vector.options.allow_international_number ?? false,
    allowLandline: vector.options.allow_uk_landline ?? false,
    isServiceContactNumber: vector.options.is_service_contact_number ?? false,
  };
  expect(asVector(inspectPhoneNumber(vector.input, options))).toEqual(vector.expected);
  const validation = validatePhoneNumber(vector.input, options);
  if (vector.options.is_service_contact_number) return;
  if (vector.expected.valid) {
    expect(validation).toEqual({
      valid: true,
      normalised: vector.expected['normalised'],
      international: vector.expected['international'],
      crownDependency: vector.expected['crown_dependency'],
      countryPrefix: vector.expected['country_prefix'],
      rateMultiplier: vector.expected['rate_multiplier'],
    });
  } else {
    expect(validation).toEqual({ valid: false, error: vector.expected['error'] });
  }
}

describe('phone number vectors (notifications-utils 127.0.0)', () => {
  const cases = vectors.cases.map(
    (vector) => [JSON.stringify(vector.input), JSON.stringify(vector.options), vector] as const,
  );

  it.each(cases)('%s with %s', (_input, _options, vector) => checkVector(vector));
});

describe('the retry as an international number', () => {
  const anyPermissions = { allowInternational: true, allowLandline: true };
  const codeOf = (input: string): string | undefined => {
    const inspection = inspectPhoneNumber(input, anyPermissions);
    return inspection.valid ? undefined : inspection.code;
  };

  it('counts lengths possible only when dialled locally as possible, so such numbers are not valid', () => {
    // +44 then 4, 6 and 8 national digits: too short for a UK number, but possible locally.
    expect(codeOf('+447700')).toBe('invalid_number');
    expect(codeOf('441234')).toBe('invalid_number');
    expect(codeOf('4412345678')).toBe('invalid_number');
    // +1 then 7 digits, possible locally in the US.
    expect(codeOf('12025550')).toBe('invalid_number');
  });

  it('keeps "too short" when the number is no length the country knows, even locally', () => {
    expect(codeOf('44123')).toBe('too_short');
    expect(codeOf('+4412')).toBe('too_short');
    expect(codeOf('123')).toBe('too_short');
  });

  it('still reads a number that is possible as international after the retry', () => {
    // 8 digits are possible only locally in the UK, so 24741111 is re-read as +247 41111 (Ascension), which
    // Notify's billing table does not list.
    expect(inspectPhoneNumber('24741111', anyPermissions)).toMatchObject({
      valid: false,
      stage: 'validate',
      code: 'unsupported_country_code',
      parsedAs: '24741111',
    });
  });
});

describe('validatePhoneNumberForApi', () => {
  const noPermissions = { allowInternational: false, allowLandline: false };

  it('answers schema failures with the legacy text after the field name', () => {
    expect(validatePhoneNumberForApi('07700 900abc', noPermissions)).toEqual({
      valid: false,
      errorName: 'ValidationError',
      message: 'phone_number Must not contain letters or symbols',
    });
    expect(validatePhoneNumberForApi('', noPermissions)).toEqual({
      valid: false,
      errorName: 'ValidationError',
      message: 'phone_number Not enough digits',
    });
    expect(validatePhoneNumberForApi('0772345678910', noPermissions)).toEqual({
      valid: false,
      errorName: 'ValidationError',
      message: 'phone_number Too many digits',
    });
    expect(validatePhoneNumberForApi('08515111111', noPermissions)).toEqual({
      valid: false,
      errorName: 'ValidationError',
      message: 'phone_number Number is not valid – double check the phone number you entered',
    });
  });

  it('says what Python would print for values that are not strings', () => {
    expect(validatePhoneNumberForApi(7700900001, noPermissions)).toMatchObject({
      message: 'phone_number 7700900001 is not of type string',
    });
    expect(validatePhoneNumberForApi(null, noPermissions)).toMatchObject({
      message: 'phone_number None is not of type string',
    });
    expect(validatePhoneNumberForApi([], noPermissions)).toMatchObject({
      message: 'phone_number [] is not of type string',
    });
  });

  it('refuses international numbers and landlines the service may not send to', () => {
    expect(validatePhoneNumberForApi('+1 202-555-0104', noPermissions)).toEqual({
      valid: false,
      errorName: 'BadRequestError',
      message: 'Cannot send to international mobile numbers',
    });
    expect(validatePhoneNumberForApi('0117 496 0860', noPermissions)).toEqual({
      valid: false,
      errorName: 'InvalidPhoneError',
      message: 'Not a UK mobile number',
    });
    expect(validatePhoneNumberForApi('0117 496 0860', { allowInternational: false, allowLandline: true })).toEqual({
      valid: true,
      normalised: '441174960860',
      international: false,
    });
  });

  it('refuses a country Notify cannot send to even with every permission', () => {
    expect(validatePhoneNumberForApi('24741111', { allowInternational: true, allowLandline: true })).toEqual({
      valid: false,
      errorName: 'ValidationError',
      message: 'phone_number Not a valid country prefix',
    });
    expect(validatePhoneNumber('24741111', { allowInternational: true })).toEqual({
      valid: false,
      error: 'Country code not found - double check the mobile number you entered',
    });
  });
});

describe('phone number details', () => {
  it('formats +44 numbers nationally and others internationally, leaving unparseable text alone', () => {
    expect(formatPhoneNumberHumanReadable('447900900123')).toBe('07900 900123');
    expect(formatPhoneNumberHumanReadable('00201212341234')).toBe('+20 12 12341234');
    expect(formatPhoneNumberHumanReadable('7 499 1231212')).toBe('+7 499 123-12-12');
    expect(formatPhoneNumberHumanReadable('+2304031001')).toBe('+230 403 1001');
    expect(formatPhoneNumberHumanReadable('not a number')).toBe('not a number');
  });

  it('counts crown dependencies as UK for permissions but bills them as international', () => {
    expect(validatePhoneNumber('07797800123')).toEqual({
      valid: true,
      normalised: '447797800123',
      international: true,
      crownDependency: true,
      countryPrefix: '44',
      rateMultiplier: 2,
    });
  });

  it('accepts Ofcom drama numbers as UK mobiles', () => {
    expect(validatePhoneNumber('07700900010')).toMatchObject({
      valid: true,
      normalised: '447700900010',
      international: false,
    });
  });

  it('retries numbers with stray pluses, zeros and unicode dashes', () => {
    expect(validatePhoneNumber('0+44(0)7779123456')).toMatchObject({ valid: true, normalised: '447779123456' });
    expect(validatePhoneNumber('1‑202–555—010−4', { allowInternational: true })).toMatchObject({
      valid: true,
      normalised: '12025550104',
    });
  });

  it('accepts 100,000 generated UK mobile numbers (the speed is measured by npm run bench rules)', () => {
    const prefixes = ['71', '73', '74', '75', '77', '78', '79'];
    const numbers = Array.from({ length: 100_000 }, (_, index) => {
      const digits = `${prefixes[index % prefixes.length]}${String((index * 7_919) % 100_000_000).padStart(8, '0')}`;
      return index % 2 === 0 ? `0${digits.slice(0, 4)} ${digits.slice(4)}` : `+44${digits}`;
    });
    const valid = numbers.filter((number) => validatePhoneNumber(number).valid).length;
    expect(valid).toBeGreaterThan(99_000);
  });
});

describe('a UK number whose trunk 0 leaves too few digits', () => {
  it('is judged on the digits after the 0, as phonenumbers does (not accepted as a TV number)', () => {
    expect(validatePhoneNumber('0770090')).toEqual({ valid: false, error: 'Mobile number is too short' });
    expect(validatePhoneNumber('07700 900 1')).toEqual({
      valid: false,
      error: 'Number is not valid – double check the phone number you entered',
    });
  });
});

describe('the UK mobile shortcut', () => {
  // A small deterministic generator, so a failure names numbers that can be tried again.
  function* pseudoRandomDigits(seed: number, count: number, length: number): Generator<string> {
    let state = seed;
    for (let index = 0; index < count; index += 1) {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      yield String(state % 10 ** length).padStart(length, '0');
    }
  }
  const shapes = [
    (national: string) => `0${national}`,
    (national: string) => `+44${national}`,
    (national: string) => `44${national}`,
    (national: string) => `0044${national}`,
    (national: string) => `0${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`,
    (national: string) => `+44 ${national.slice(0, 4)} ${national.slice(4)}`,
  ];
  const agreeWithTheLibrary = (nationals: Iterable<string>): void => {
    let index = 0;
    for (const national of nationals) {
      const input = shapes[index % shapes.length]!(national);
      index += 1;
      expect({ input, result: parseNotifyPhoneNumber(input) }).toEqual({
        input,
        result: parseNotifyPhoneNumberWithoutShortcut(input),
      });
    }
  };

  it('gives what libphonenumber gives for all of Ofcom drama range 07700 900000 to 900999', () => {
    agreeWithTheLibrary(Array.from({ length: 1_000 }, (_, index) => `7700900${String(index).padStart(3, '0')}`));
    expect(parseNotifyPhoneNumber('07700 900123')).toEqual({
      ok: true,
      number: {
        countryCallingCode: '44',
        nationalNumber: '7700900123',
        region: undefined,
        type: undefined,
        isTvNumber: true,
      },
    });
  });

  it('gives what libphonenumber gives for numbers near the drama range, Jersey 07700 3 numbers included', () => {
    agreeWithTheLibrary(
      [...pseudoRandomDigits(7, 1_500, 6)].map((digits, index) => `7700${index % 10}${digits.slice(1)}`),
    );
    // A Jersey mobile by libphonenumber, which the shortcut must leave to the library.
    expect(parseNotifyPhoneNumber('07700 300123')).toMatchObject({
      ok: true,
      number: { region: 'JE', type: 'MOBILE', isTvNumber: true },
    });
  });

  it('gives what libphonenumber gives for random 07 numbers', () => {
    agreeWithTheLibrary([...pseudoRandomDigits(11, 3_000, 9)].map((digits) => `7${digits}`));
  });
});
