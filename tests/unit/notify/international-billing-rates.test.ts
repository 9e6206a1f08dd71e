import { describe, expect, it } from 'vitest';
import { INTERNATIONAL_BILLING_RATES } from '../../../shared/notify/international-billing-rates';

// Entries as alphagov/notifications-utils has them in notifications_utils/international_billing_rates.yml at
// 4825b66 (billable_units and attributes.alpha), the newest version of that file that could be found.
const fromNotifyTable: [prefix: string, rateMultiplier: number, alphanumericSenders: string][] = [
  ['1', 1, 'NO'],
  ['27', 2, 'NO'],
  ['30', 2, 'YES'],
  ['31', 3, 'YES'],
  ['32', 3, 'NO'],
  ['36', 3, 'NO'],
  ['51', 2, 'NO'],
  ['56', 1, 'NO'],
  ['60', 1, 'NO'],
  ['63', 1, 'REG'],
  ['64', 3, 'NO'],
  ['66', 2, 'REG'],
  ['81', 3, 'NO'],
  ['82', 2, 'NO'],
  ['86', 2, 'NO'],
  ['91', 3, 'REG'],
  ['93', 3, 'REG'],
];

describe("Notify's international billing table", () => {
  it.each(fromNotifyTable)('+%s costs %i text messages, alphanumeric senders %s', (prefix, rateMultiplier, alphanumericSenders) => {
    expect(INTERNATIONAL_BILLING_RATES.get(prefix)).toEqual({ rateMultiplier, alphanumericSenders });
  });

  it('keeps the multipliers notifications-utils 127.0.0 pins in its own tests over the older file', () => {
    expect(INTERNATIONAL_BILLING_RATES.get('7')?.rateMultiplier).toBe(10);
    expect(INTERNATIONAL_BILLING_RATES.get('20')?.rateMultiplier).toBe(7);
    expect(INTERNATIONAL_BILLING_RATES.get('44')?.rateMultiplier).toBe(2);
  });

  it('has no prefix Notify does not list', () => {
    expect(INTERNATIONAL_BILLING_RATES.has('999')).toBe(false);
    expect(INTERNATIONAL_BILLING_RATES.has('0')).toBe(false);
  });
});
