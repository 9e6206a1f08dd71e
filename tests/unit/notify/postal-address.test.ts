import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analysePostalAddress,
  postalAddressAsPersonalisation,
  postalAddressFromPersonalisation,
  validatePostalAddress,
} from '../../../shared/notify/postal-address';
import {
  formatPostcodeForPrinting,
  formatPostcodeOrNull,
  isRealUkPostcode,
  normalisePostcode,
} from '../../../shared/notify/postcode';

interface AddressExpectation {
  valid: boolean;
  normalised_lines: string[];
  line_count: number;
  has_enough_lines: boolean;
  has_too_many_lines: boolean;
  postcode: string | null;
  has_valid_postcode: boolean;
  has_valid_last_line: boolean;
  country: string;
  postage: string;
  international: boolean;
  has_invalid_characters: boolean;
  has_no_fixed_abode_address: boolean;
  is_bfpo_address: boolean;
  bfpo_number: number | null;
  has_invalid_country_for_bfpo_address: boolean;
  has_alphanumeric_character_in_address_lines_1_and_2: boolean;
  as_personalisation: Record<string, string>;
  api_validate_address_error: string | null;
}

interface VectorCase {
  function: string;
  input: unknown;
  options: { allow_international_letters?: boolean; insensitive_keys?: boolean };
  expected: unknown;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../fixtures/notify-vectors/postal_addresses.json', import.meta.url), 'utf8'),
) as { cases: VectorCase[] };

function casesOf(name: string): VectorCase[] {
  return vectors.cases.filter((vector) => vector.function === name);
}

function rawAddressOf(vector: VectorCase): string {
  if (vector.function === 'postal_address') return vector.input as string;
  return postalAddressFromPersonalisation(vector.input as Record<string, unknown>, {
    insensitiveKeys: vector.options.insensitive_keys ?? false,
  });
}

const addressCases = [...casesOf('postal_address'), ...casesOf('postal_address_from_personalisation')];

describe('postal addresses (Notify vectors)', () => {
  it.each(addressCases.map((vector) => [JSON.stringify(vector.input), vector.options, vector] as const))(
    '%s %j',
    (_label, options, vector) => {
      const expected = vector.expected as AddressExpectation;
      const analysis = analysePostalAddress(rawAddressOf(vector), {
        allowInternational: options.allow_international_letters ?? false,
      });
      expect({
        valid: analysis.valid,
        normalised_lines: analysis.normalisedLines,
        line_count: analysis.lineCount,
        has_enough_lines: analysis.hasEnoughLines,
        has_too_many_lines: analysis.hasTooManyLines,
        postcode: analysis.postcode,
        has_valid_postcode: analysis.hasValidPostcode,
        has_valid_last_line: analysis.hasValidLastLine,
        country: analysis.country,
        postage: analysis.postage,
        international: analysis.international,
        has_invalid_characters: analysis.hasInvalidCharacters,
        has_no_fixed_abode_address: analysis.hasNoFixedAbodeAddress,
        is_bfpo_address: analysis.isBfpoAddress,
        bfpo_number: analysis.bfpoNumber,
        has_invalid_country_for_bfpo_address: analysis.hasInvalidCountryForBfpoAddress,
        has_alphanumeric_character_in_address_lines_1_and_2: analysis.hasAlphanumericCharacterInLines1And2,
        api_validate_address_error: analysis.error,
      }).toEqual({
        valid: expected.valid,
        normalised_lines: expected.normalised_lines,
        line_count: expected.line_count,
        has_enough_lines: expected.has_enough_lines,
        has_too_many_lines: expected.has_too_many_lines,
        postcode: expected.postcode,
        has_valid_postcode: expected.has_valid_postcode,
        has_valid_last_line: expected.has_valid_last_line,
        country: expected.country,
        postage: expected.postage,
        international: expected.international,
        has_invalid_characters: expected.has_invalid_characters,
        has_no_fixed_abode_address: expected.has_no_fixed_abode_address,
        is_bfpo_address: expected.is_bfpo_address,
        bfpo_number: expected.bfpo_number,
        has_invalid_country_for_bfpo_address: expected.has_invalid_country_for_bfpo_address,
        has_alphanumeric_character_in_address_lines_1_and_2:
          expected.has_alphanumeric_character_in_address_lines_1_and_2,
        api_validate_address_error: expected.api_validate_address_error,
      });
      if (!('raises' in expected.as_personalisation)) {
        expect(postalAddressAsPersonalisation(analysis)).toEqual(expected.as_personalisation);
      }
    },
  );
});

describe('UK postcodes (Notify vectors)', () => {
  it.each(casesOf('uk_postcode').map((vector) => [vector.input as string, vector.expected] as const))(
    '%s',
    (input, expected) => {
      expect({
        is_a_real_uk_postcode: isRealUkPostcode(input),
        normalised: normalisePostcode(input),
        formatted_or_none: formatPostcodeOrNull(input),
      }).toEqual(expected);
    },
  );

  it.each(casesOf('normalise_postcode').map((vector) => [vector.input as string, vector.expected] as const))(
    'normalises %s',
    (input, expected) => {
      expect(normalisePostcode(input)).toBe(expected);
    },
  );

  it.each(casesOf('format_postcode_for_printing').map((vector) => [vector.input as string, vector.expected] as const))(
    'formats %s for printing',
    (input, expected) => {
      expect(formatPostcodeForPrinting(input)).toBe(expected);
    },
  );

  it('rejects GIR 0AA, Gibraltar and unknown areas', () => {
    expect(isRealUkPostcode('GIR 0AA')).toBe(false);
    expect(isRealUkPostcode('GX11 1AA')).toBe(false);
    expect(isRealUkPostcode('QQ1 1AA')).toBe(false);
    expect(isRealUkPostcode('je2 3ab')).toBe(true);
  });
});

describe('validatePostalAddress', () => {
  it('returns the normalised lines, postcode and postage of a valid UK address', () => {
    expect(validatePostalAddress('Mr A,\n1 Street ,\n London , \nsw1a1aa,')).toEqual({
      valid: true,
      error: null,
      lines: ['Mr A', '1 Street', 'London', 'SW1A 1AA'],
      postcode: 'SW1A 1AA',
      country: 'United Kingdom',
      postage: 'united-kingdom',
      bfpoNumber: null,
    });
  });

  it('accepts another country only when the service can send international letters', () => {
    const address = 'Mr A\n1 Rue\nParis\nFrance';
    expect(validatePostalAddress(address).error).toBe('Must be a real UK postcode');
    const international = validatePostalAddress(address, { allowInternational: true });
    expect(international).toMatchObject({ valid: true, country: 'France', postage: 'europe', postcode: null });
  });

  it('reads a record like personalisation, with address_line_7 taking the place of postcode', () => {
    expect(
      validatePostalAddress({ address_line_1: 'A Person', address_line_2: '1 Street', postcode: 'sw1a 1aa' }).lines,
    ).toEqual(['A Person', '1 Street', 'SW1A 1AA']);
    expect(
      validatePostalAddress({
        address_line_1: 'A Person',
        address_line_2: '1 Street',
        postcode: 'SW1A 1AA',
        address_line_7: 'Nowhere',
      }).error,
    ).toBe('Must be a real UK postcode');
  });

  it('does not match personalisation keys insensitively unless asked to', () => {
    const values = { 'Address Line 1': 'A Person', 'address line 2': '1 Street', Postcode: 'SW1A 1AA' };
    expect(postalAddressFromPersonalisation(values)).toBe('\n\n\n\n\n\n');
    expect(postalAddressFromPersonalisation(values, { insensitiveKeys: true })).toBe(
      'A Person\n1 Street\n\n\n\n\nSW1A 1AA',
    );
  });

  it('validates an address from keys read insensitively when asked to, as a spreadsheet is read', () => {
    const spreadsheetRow = {
      'Address Line 1': 'A Person',
      ADDRESS_LINE_2: '1 Street',
      'address-line-3': 'Town',
      'Post Code': 'sw1a1aa',
    };
    expect(validatePostalAddress(spreadsheetRow)).toMatchObject({
      valid: false,
      error: 'Address must be at least 3 lines',
    });
    expect(validatePostalAddress(spreadsheetRow, { insensitiveKeys: true })).toMatchObject({
      valid: true,
      error: null,
      lines: ['A Person', '1 Street', 'Town', 'SW1A 1AA'],
      postcode: 'SW1A 1AA',
    });
    const withLine7 = {
      'ADDRESS LINE 1': 'A Person',
      Address_Line_2: '1 Rue',
      'Address Line 7': 'France',
      postcode: 'SW1A 1AA',
    };
    expect(validatePostalAddress(withLine7, { insensitiveKeys: true, allowInternational: true })).toMatchObject({
      valid: true,
      country: 'France',
      postage: 'europe',
    });
  });

  it('writes non-text values as Python would and leaves falsy ones empty', () => {
    expect(postalAddressFromPersonalisation({ address_line_1: 12, address_line_2: 0, postcode: null })).toBe(
      '12\n\n\n\n\n\n',
    );
  });

  it('reports problems in the order notifications-api checks them', () => {
    expect(validatePostalAddress('(Mr A\nNFA\nSW1A 1AA').error).toBe(
      'Address lines must not start with any of the following characters: @ ( ) = [ ] \u201D \\ / , < >',
    );
    expect(validatePostalAddress('Mr A\nNo Fixed Abode\nSW1A 1AA').error).toBe('Must be a real address');
    expect(validatePostalAddress('Mr A\n1 Street\nBFPO 12\nFrance', { allowInternational: true }).error).toBe(
      'The last line of a BFPO address must not be a country.',
    );
  });

  it('accepts an address ending in a home-nation code, as Notify does', () => {
    expect(validatePostalAddress('A Person\n1 Street\nsw1a 1aa\nENG')).toMatchObject({
      valid: true,
      lines: ['A Person', '1 Street', 'SW1A 1AA'],
      country: 'United Kingdom',
    });
  });

  it('drops every trailing UK country line and keeps the postcode', () => {
    expect(validatePostalAddress('Senedd\nCardiff\ncf99 1sn\nWales\nUnited Kingdom').lines).toEqual([
      'Senedd',
      'Cardiff',
      'CF99 1SN',
    ]);
  });
});
