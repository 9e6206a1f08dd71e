/** Exponential backoff with jitter: between half and all of base × 2^(n-1), capped. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(baseMs * 2 ** Math.max(attempt - 1, 0), maxMs);
  return Math.round(ceiling * (0.5 + random() * 0.5));
}
