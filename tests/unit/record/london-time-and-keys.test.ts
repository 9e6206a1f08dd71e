import { describe, expect, it } from 'vitest';
import { recipientSearchKey, recipientSearchKeys } from '../../../electron/core/database/record-functions';
import { newReference, parseDeskReference } from '../../../electron/core/outbox/desk-reference';
import { formatLondonReportTime, londonDate, londonMidnight } from '../../../shared/notify/london-time';

/** An independent reading of London time: the platform's formatter, field by field, for every instant. */
const byIntl = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
function intlReportTime(ms: number): string {
  const parts = Object.fromEntries(byIntl.formatToParts(ms).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

describe('London time as Notify reports it', () => {
  it('agrees with the platform’s time zone data every 97 minutes for three years, both sides of every clock change', () => {
    const start = Date.UTC(2025, 0, 1);
    for (let ms = start; ms < Date.UTC(2028, 0, 1); ms += 97 * 60_000 + 1_234) {
      const iso = new Date(ms).toISOString();
      expect(formatLondonReportTime(iso)).toBe(intlReportTime(ms));
    }
  });

  it('moves on at 01:00 UTC on the last Sundays of March and October', () => {
    expect(formatLondonReportTime('2026-03-29T00:59:59.000Z')).toBe('2026-03-29 00:59:59');
    expect(formatLondonReportTime('2026-03-29T01:00:00.000Z')).toBe('2026-03-29 02:00:00');
    expect(formatLondonReportTime('2026-10-25T00:59:59.000Z')).toBe('2026-10-25 01:59:59');
    expect(formatLondonReportTime('2026-10-25T01:00:00.000Z')).toBe('2026-10-25 01:00:00');
    expect(formatLondonReportTime('2026-06-30T23:30:00.000Z')).toBe('2026-07-01 00:30:00');
    expect(londonDate('2026-06-30T23:30:00.000Z')).toBe('2026-07-01');
    expect(londonMidnight('2026-07-01')).toBe('2026-06-30T23:00:00.000Z');
    expect(londonMidnight('2026-12-01')).toBe('2026-12-01T00:00:00.000Z');
    expect(londonMidnight('2026-03-29')).toBe('2026-03-29T00:00:00.000Z');
    expect(londonMidnight('2026-10-25')).toBe('2026-10-24T23:00:00.000Z');
  });
});

describe('finding a recipient however it was written', () => {
  it('gives every way of writing one phone number the same key, Notify’s human-readable form', () => {
    const keys = ['07700 900123', '+447700900123', '447700900123', '+44 (0)7700 900 123', '07700900123'].map((typed) =>
      recipientSearchKey('sms', typed),
    );
    expect(new Set(keys)).toEqual(new Set(['07700 900123']));
    expect(recipientSearchKey('sms', '+1 202 555 0123')).toBe('+1 202-555-0123');
    expect(recipientSearchKeys('447700900123')).toContain('07700 900123');
  });

  it('compares email addresses without regard to case, and letters by their first line', () => {
    expect(recipientSearchKey('email', 'Ann.Person@Example.COM')).toBe(
      recipientSearchKey('email', 'ann.person@example.com'),
    );
    expect(recipientSearchKeys('ANN.PERSON@example.com')).toContain('ann.person@example.com');
    expect(recipientSearchKey('letter', 'Ms A Person\n1 High Street\nSW1A 1AA')).toBe('ms a person');
  });
});

describe('the reference the desk gives each message', () => {
  it('carries the desk user, any name, and reads back; other references are not the desk’s', () => {
    const id = '0193a0b2-7c4d-7e5f-8a9b-0c1d2e3f4a5b';
    for (const user of ['ann', 'Siân O’Neil', 'DOMAIN\\bob-by-', '100%']) {
      expect(parseDeskReference(newReference(id, user))).toEqual({ messageId: id, user });
    }
    expect(parseDeskReference(`notify-desk-${id}`)).toEqual({ messageId: id, user: null });
    expect(parseDeskReference('case-42')).toBeNull();
    expect(parseDeskReference('notify-desk-not-an-id')).toBeNull();
  });
});
