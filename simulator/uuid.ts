const HEX_32 = /^[0-9a-f]{32}$/i;

function pythonUuidHex(value: string): string {
  return value
    .replace('urn:', '')
    .replace('uuid:', '')
    .replace(/^[{}]+|[{}]+$/g, '')
    .replaceAll('-', '');
}

/** As Python's uuid.UUID() accepts it: 32 hex digits, hyphens anywhere, optional braces or urn:uuid: prefix. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && HEX_32.test(pythonUuidHex(value));
}

/** The canonical lower-case hyphenated form of a string that passed isUuid. */
export function canonicalUuid(value: string): string {
  const hex = pythonUuidHex(value).toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
