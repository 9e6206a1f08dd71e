import { describe, expect, it } from 'vitest';
import { INTERNATIONAL_BILLING_RATES } from '../../../shared/notify/international-billing-rates';
import { inspectPhoneNumber, type PhoneNumberInspection } from '../../../shared/notify/phone-number';

const anyPermissions = { allowInternational: true, allowLandline: true };

function billingOf(
  input: string,
): Pick<
  Extract<PhoneNumberInspection, { valid: true }>,
  'countryPrefix' | 'rateMultiplier' | 'shouldUseNumericSender'
> {
  const inspection = inspectPhoneNumber(input, anyPermissions);
  if (!inspection.valid) throw new Error(`${input} should be valid: ${inspection.error}`);
  return {
    countryPrefix: inspection.countryPrefix,
    rateMultiplier: inspection.rateMultiplier,
    shouldUseNumericSender: inspection.shouldUseNumericSender,
  };
}

describe("Notify's international billing table (notifications-utils 127.0.0)", () => {
  it('lists the 223 prefixes Notify sends to, none with a plus, multipliers from 1 to 12', () => {
    expect(INTERNATIONAL_BILLING_RATES.size).toBe(223);
    for (const [prefix, rate] of INTERNATIONAL_BILLING_RATES) {
      expect(prefix).toMatch(/^[1-9]\d*$/);
      expect(rate.rateMultiplier).toBeGreaterThanOrEqual(1);
      expect(rate.rateMultiplier).toBeLessThanOrEqual(12);
    }
    expect(INTERNATIONAL_BILLING_RATES.has('999')).toBe(false);
  });

  it('gives the Dominican Republic its three prefixes under +1, each costing 3 text messages', () => {
    for (const prefix of ['1809', '1829', '1849']) {
      expect(INTERNATIONAL_BILLING_RATES.get(prefix)).toEqual({ rateMultiplier: 3, alphanumericSenders: 'NO' });
    }
    expect(billingOf('+1 809 234 5678')).toEqual({
      countryPrefix: '1809',
      rateMultiplier: 3,
      shouldUseNumericSender: true,
    });
    expect(billingOf('+1 829 234 5678')).toMatchObject({ countryPrefix: '1829', rateMultiplier: 3 });
    expect(billingOf('+1 849 234 5678')).toMatchObject({ countryPrefix: '1849', rateMultiplier: 3 });
  });

  // The prefixes and multipliers notifications-utils' own tests pin.
  it.each([
    ['07797800123', '44', 2],
    ['20-12-1234-1234', '20', 7],
    ['00201212341234', '20', 7],
    ['16644913789', '1664', 6],
    ['77234567890', '7', 10],
    ['1-202-555-0104', '1', 1],
  ])('%s: prefix %s, multiplier %i', (input, countryPrefix, rateMultiplier) => {
    expect(billingOf(input)).toMatchObject({ countryPrefix, rateMultiplier });
  });

  it.each([
    ['48122014001', false],
    ['1-416-869-3457', true],
    ['40213120301', false],
    ['+60123451345', true],
  ])('%s uses a numeric sender: %s', (input, numeric) => {
    expect(billingOf(input).shouldUseNumericSender).toBe(numeric);
  });
});
