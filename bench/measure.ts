import { resourceUsage } from 'node:process';

export interface Measurement {
  seconds: number;
  perSecond: number;
}

/** Runs `work` over `count` items after a warm-up, best of `rounds`. */
export function measure(count: number, work: () => void, rounds = 3): Measurement {
  work();
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round += 1) {
    const start = process.hrtime.bigint();
    work();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { seconds: best, perSecond: count / best };
}

export const peakMemoryMb = (): number => resourceUsage().maxRSS / 1024;

export const formatRate = (perSecond: number): string => `${Math.round(perSecond).toLocaleString('en-GB')}/s`;
