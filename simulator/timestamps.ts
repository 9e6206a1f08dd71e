/** Microseconds since the epoch; safe as a JS number until the year 2255. */
export type Micros = number;

let lastIssuedMicros: Micros = 0;

/** A strictly increasing creation time, so ordering by it is total and `older_than` is exact. */
export function nextCreationMicros(nowMs: number = Date.now()): Micros {
  lastIssuedMicros = Math.max(nowMs * 1000, lastIssuedMicros + 1);
  return lastIssuedMicros;
}

/** Notify's `%Y-%m-%dT%H:%M:%S.%fZ`. */
export function formatMicros(micros: Micros): string {
  const wholeMs = Math.floor(micros / 1000);
  const iso = new Date(wholeMs).toISOString(); // 2026-08-20T12:56:47.123Z
  const subMs = String(Math.floor(micros - wholeMs * 1000)).padStart(3, '0');
  return `${iso.slice(0, 23)}${subMs}Z`;
}

export function formatMs(ms: number): string {
  return formatMicros(ms * 1000);
}

/** The UTC calendar date, which Notify's daily-limit counters are keyed on. */
export function utcDate(nowMs: number = Date.now()): string {
  const day = Math.floor(nowMs / 86_400_000);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
  }
  return cachedDate;
}

let cachedDay = -1;
let cachedDate = '';
