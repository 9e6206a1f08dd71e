/** A count as people here write it: 100,000. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-GB');
}
