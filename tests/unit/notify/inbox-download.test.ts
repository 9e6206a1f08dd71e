import { describe, expect, it } from 'vitest';
import {
  inboxDownloadFileName,
  inboxDownloadRow,
  stripLeadingFormulaCharacters,
} from '../../../shared/notify/inbox-download';
import { formatUkDateTimeNumeric, nextUkTimeOfDay } from '../../../shared/notify/uk-time';

describe("Notify's inbox download", () => {
  it('takes leading = + - @ off a text as Python’s lstrip does, and nothing else', () => {
    expect(stripLeadingFormulaCharacters('=HYPERLINK("x")')).toBe('HYPERLINK("x")');
    expect(stripLeadingFormulaCharacters('+-@=+1 call me')).toBe('1 call me');
    expect(stripLeadingFormulaCharacters('-5 apples')).toBe('5 apples');
    expect(stripLeadingFormulaCharacters(' =not leading')).toBe(' =not leading');
    expect(stripLeadingFormulaCharacters('a=b+c')).toBe('a=b+c');
    expect(stripLeadingFormulaCharacters('\t=tab first')).toBe('\t=tab first');
    expect(stripLeadingFormulaCharacters('===')).toBe('');
  });

  it('writes a row as Notify does: the number human-readable, the text stripped, the time in the UK to the minute', () => {
    expect(
      inboxDownloadRow({ userNumber: '447700900123', content: '@STOP', receivedAt: '2026-07-01T08:05:59.999Z' }),
    ).toEqual(['07700 900123', 'STOP', '2026-07-01 09:05']);
    expect(
      inboxDownloadRow({ userNumber: '12025550123', content: 'Yes', receivedAt: '2026-01-15T23:59:00.000Z' }),
    ).toEqual(['+1 202-555-0123', 'Yes', '2026-01-15 23:59']);
  });

  it('gives UK times on both sides of each clock change', () => {
    expect(formatUkDateTimeNumeric('2026-03-29T00:59:00Z')).toBe('2026-03-29 00:59');
    expect(formatUkDateTimeNumeric('2026-03-29T01:00:00Z')).toBe('2026-03-29 02:00');
    expect(formatUkDateTimeNumeric('2026-10-25T00:59:00Z')).toBe('2026-10-25 01:59');
    expect(formatUkDateTimeNumeric('2026-10-25T01:00:00Z')).toBe('2026-10-25 01:00');
    expect(formatUkDateTimeNumeric('not a time')).toBe('');
    expect(inboxDownloadFileName(new Date('2026-06-30T23:30:00Z'))).toBe('Received text messages 2026-07-01.csv');
  });

  it('finds the next time the UK clock shows a time of day, across a clock change', () => {
    expect(nextUkTimeOfDay('09:30', new Date('2026-07-01T07:00:00Z')).toISOString()).toBe('2026-07-01T08:30:00.000Z');
    expect(nextUkTimeOfDay('09:30', new Date('2026-07-01T08:30:00Z')).toISOString()).toBe('2026-07-02T08:30:00.000Z');
    expect(nextUkTimeOfDay('09:30', new Date('2026-01-10T12:00:00Z')).toISOString()).toBe('2026-01-11T09:30:00.000Z');
    // Saturday 28 March 2026 at noon: Sunday's 09:30 is already summer time.
    expect(nextUkTimeOfDay('09:30', new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-29T08:30:00.000Z');
    // 01:30 does not exist on 29 March 2026: it lands an hour later, at 02:30 BST.
    expect(nextUkTimeOfDay('01:30', new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(() => nextUkTimeOfDay('25:00')).toThrow();
  });
});
