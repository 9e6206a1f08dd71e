import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../../electron/core/sync/backoff';
import { SendPacer } from '../../../electron/core/sync/send-pacer';
import { pollIntervalMs } from '../../../electron/core/sync/status-refresh';

describe('pacing, backoff and polling', () => {
  it('paces sends just under the service’s limit, with a one-second burst', () => {
    let now = 0;
    const pacer = new SendPacer(3_600, { now: () => now });
    let sent = 0;
    for (now = 0; now <= 10_000; now += 10) {
      const allowed = pacer.available();
      pacer.take(allowed);
      sent += allowed;
    }
    // 60 a second: the burst (about 59) plus 98% of 600 over 10 s.
    expect(sent).toBeGreaterThanOrEqual(58 + 585);
    expect(sent).toBeLessThanOrEqual(59 + 590);
  });

  it('halves its pace after a RateLimitError, at most once a second, then climbs back', () => {
    let now = 0;
    const pacer = new SendPacer(6_000, { now: () => now });
    const fullRate = pacer.effectiveRate();
    pacer.slowDown();
    pacer.slowDown();
    expect(pacer.available()).toBe(0);
    expect(pacer.effectiveRate()).toBeCloseTo(fullRate / 2);
    now = 60_000;
    pacer.available();
    now = 120_000;
    expect(pacer.effectiveRate()).toBeLessThanOrEqual(fullRate);
    pacer.available();
    expect(pacer.effectiveRate()).toBeCloseTo(fullRate);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, 1_000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1_000, 60_000, () => 1)).toBe(1_000);
    expect(backoffMs(4, 1_000, 60_000, () => 1)).toBe(8_000);
    expect(backoffMs(20, 1_000, 60_000, () => 1)).toBe(60_000);
  });

  it('checks statuses less often as messages age', () => {
    expect(pollIntervalMs(10_000, 5_000, 3_600_000)).toBe(5_000);
    expect(pollIntervalMs(600_000, 5_000, 3_600_000)).toBe(60_000);
    expect(pollIntervalMs(7 * 86_400_000, 5_000, 3_600_000)).toBe(3_600_000);
  });
});
