import { describe, expect, it } from 'vitest';
import { formatDeskDateTime, formatDeskTime, parseDeskDateTime, readSendTime } from '../../../shared/desk-time';

// A winter afternoon in the UK: UK time is UTC.
const now = new Date('2026-12-04T15:00:00Z');

describe('the desk’s dates and times', () => {
  it('shows an instant in UK time, the GOV.UK way, whatever the machine’s zone', () => {
    expect(formatDeskDateTime('2026-12-05T09:00:00Z')).toBe('5 December 2026 at 9:00am');
    // British Summer Time: 08:00 UTC is 9:00am in the UK.
    expect(formatDeskDateTime('2026-06-05T08:00:00Z')).toBe('5 June 2026 at 9:00am');
    expect(formatDeskDateTime('2026-06-05T23:00:00Z')).toBe('6 June 2026 at midnight');
    expect(formatDeskTime('2026-06-05T11:00:00Z')).toBe('midday');
    expect(formatDeskTime('2026-01-05T14:05:00Z')).toBe('2:05pm');
  });

  it('reads the forms a person types, as UK time', () => {
    const read = (text: string) => parseDeskDateTime(text, now);
    for (const text of [
      '2026-12-05 09:00',
      '2026-12-05T09:00',
      '2026-12-05 at 9am',
      'tomorrow 9am',
      'Tomorrow at 9:00am',
      '5 December 2026 at 9:00am',
      '5 Dec 2026 9am',
      '05/12/2026 09:00',
    ]) {
      expect(read(text), text).toEqual({ ok: true, iso: '2026-12-05T09:00:00.000Z', offsetGiven: false });
    }
    expect(read('2026-06-05 09:00')).toMatchObject({ ok: true, iso: '2026-06-05T08:00:00.000Z' });
    expect(read('today at midday')).toMatchObject({ ok: true, iso: '2026-12-04T12:00:00.000Z' });
    expect(read('2026-12-05T09:00:00+01:00')).toEqual({ ok: true, iso: '2026-12-05T08:00:00.000Z', offsetGiven: true });
  });

  it('says what it can read when it cannot, and refuses the hour the clocks skip', () => {
    expect(parseDeskDateTime('next week', now)).toEqual({
      ok: false,
      message:
        '“next week” is not a date and time the desk can read. Enter one like 5 December 2026 at 9:00am, 2026-12-05 09:00 or tomorrow 9am (UK time).',
    });
    expect(parseDeskDateTime('2026-12-05', now)).toMatchObject({
      ok: false,
      message: 'Add a time to 2026-12-05, for example 2026-12-05 at 9:00am (UK time).',
    });
    expect(parseDeskDateTime('31 February 2026 9am', now).ok).toBe(false);
    expect(parseDeskDateTime('2026-12-05 13pm', now).ok).toBe(false);
    expect(parseDeskDateTime('2026-03-29 01:30', now)).toMatchObject({
      ok: false,
      message: expect.stringContaining('does not exist in UK time'),
    });
  });

  it('takes a send time only in the next 7 days', () => {
    expect(readSendTime('tomorrow 9am', now)).toMatchObject({ ok: true });
    expect(readSendTime('2026-12-01 09:00', now)).toMatchObject({
      ok: false,
      message: '1 December 2026 at 9:00am has already passed. Choose a time in the future, within the next 7 days.',
    });
    expect(readSendTime('2026-12-25 09:00', now)).toMatchObject({
      ok: false,
      message: 'Choose a time within the next 7 days: 25 December 2026 at 9:00am is too far ahead.',
    });
  });
});
