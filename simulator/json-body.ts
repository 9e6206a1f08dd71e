import { badRequest } from './api-error';

/** Notify parses the body as JSON whatever the Content-Type; JSON null counts as {}. */
export function parseJsonBody(raw: Buffer, { emptyIsObject = false } = {}): unknown {
  if (raw.length === 0 && emptyIsObject) return {};
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return parsed === null ? {} : parsed;
  } catch {
    throw badRequest('Invalid JSON supplied in POST data');
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
