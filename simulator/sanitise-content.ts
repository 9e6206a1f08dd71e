import { placeholderKey } from '../shared/notify/placeholders';

// A URL with or without a scheme: a dotted host with a letter-only top-level domain, then any port and path.
const URL_PATTERN =
  /(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}(?::\d+)?(?:[/?#][^\s<>()[\]{}"']*)?/gi;
const BARE_HOST = /^[A-Za-z0-9.-]+$/;
const MARKDOWN_CHARACTERS = /[`*_(){}[\]<>#+\-.!|\\]/g;

export interface SanitisedValue {
  unsanitised: string;
  sanitised: string;
}

/** Step 1 and 2 of notify-api.md §4.2: URLs broken up or removed, then markdown characters escaped. */
export function sanitiseValue(value: string): string {
  const withoutUrls = value.replace(URL_PATTERN, (url) => (BARE_HOST.test(url) ? url.replaceAll('.', '. ') : ''));
  return withoutUrls.replace(MARKDOWN_CHARACTERS, (character) => `\\${character}`);
}

/**
 * Sanitises the string values of the listed personalisation keys (matched like placeholders: ignoring case,
 * spaces, _ and -). Returns the personalisation to render and what changed, keyed as the caller wrote them.
 */
export function sanitisePersonalisation(
  personalisation: Record<string, unknown>,
  keysToSanitise: readonly unknown[],
): { personalisation: Record<string, unknown>; changes: Record<string, SanitisedValue> } {
  const wanted = new Set(keysToSanitise.filter((key): key is string => typeof key === 'string').map(placeholderKey));
  if (wanted.size === 0) return { personalisation, changes: {} };
  const sanitised: Record<string, unknown> = { ...personalisation };
  const changes: Record<string, SanitisedValue> = {};
  for (const [key, value] of Object.entries(personalisation)) {
    if (typeof value !== 'string' || !wanted.has(placeholderKey(key))) continue;
    const cleaned = sanitiseValue(value);
    if (cleaned === value) continue;
    sanitised[key] = cleaned;
    changes[key] = { unsanitised: value, sanitised: cleaned };
  }
  return { personalisation: sanitised, changes };
}
