/** Python's repr() of a parsed JSON value, as jsonschema puts it into its error messages. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pythonNumberRepr(value);
  if (typeof value === 'string') return value.includes("'") && !value.includes('"') ? `"${value}"` : `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([key, item]) => `${pythonRepr(key)}: ${pythonRepr(item)}`).join(', ')}}`;
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- no object gets here (TypeScript cannot narrow `unknown` by it)
  return String(value);
}

function pythonNumberRepr(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  // Python writes exponents with at least two digits (1e-07) where JavaScript writes 1e-7.
  return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
}
