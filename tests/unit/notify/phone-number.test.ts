import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatPhoneNumberHumanReadable,
  inspectPhoneNumber,
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

describe('phone number vectors (notifications-utils 127.0.0)', () => {
  it.each(vectors.cases.map((vector) => [JSON.stringify(vector.input), JSON.stringify(vector.options), vector] as const))(
    '%s with %s',
    (_input, _options, vector) => {
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
    },
  );
});
