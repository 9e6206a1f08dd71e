/** OWASP's list (ASVS 5.0 V1.2.10, CWE-1236): a CSV cell starting with one of these may be run as a formula. */
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r', '\0']);

/** A CSV cell no spreadsheet will treat as a formula: a leading apostrophe where OWASP says, otherwise as it is. */
export function formulaSafe(value: string): string {
  return value !== '' && FORMULA_STARTS.has(value[0] as string) ? `'${value}` : value;
}
