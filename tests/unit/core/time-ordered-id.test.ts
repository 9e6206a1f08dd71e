import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { TimeOrderedIdGenerator } from '../../../electron/core/time-ordered-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('time-ordered ids', () => {
  it('are version 7 UUIDs carrying the time they were made', () => {
    const ms = Date.UTC(2026, 10, 22, 9, 30);
    const id = new TimeOrderedIdGenerator(() => ms).next();
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(ms);
  });

  it('sort in the order they were made, within one millisecond and across them, and never repeat', () => {
    let ms = 1_700_000_000_000;
    let calls = 0;
    const generator = new TimeOrderedIdGenerator(() => (calls++ % 3000 === 0 ? ++ms : ms));
    const ids = Array.from({ length: 20_000 }, () => generator.next());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stay in order when many are made in one millisecond or the clock goes back', () => {
    let ms = 1_700_000_000_000;
    const generator = new TimeOrderedIdGenerator(() => ms);
    const burst = Array.from({ length: 20_000 }, () => generator.next());
    ms -= 5_000;
    const afterClockWentBack = Array.from({ length: 10 }, () => generator.next());
    const ids = [...burst, ...afterClockWentBack];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    ids.forEach((id) => expect(id).toMatch(UUID_V7));
  });

  it('are what the uuid package makes of the time, the count and the random bytes', () => {
    const id = new TimeOrderedIdGenerator(() => 0x0123456789ab).next();
    expect(id.slice(0, 15)).toBe('01234567-89ab-7');
    expect(validate(id) && version(id)).toBe(7);
  });
});
