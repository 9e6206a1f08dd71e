// Country and territory names as Notify recognises them on the last line of a postal address, and the postage
// zone each one is sent at (notifications_utils/countries).
import { countryLookupKey, hasDigit } from './country-lookup-key';
import countryData from './countries-data.json';

export { countryLookupKey } from './country-lookup-key';

export type PostageZone = 'united-kingdom' | 'europe' | 'rest-of-world';

export interface Country {
  /** Notify's canonical name, e.g. `United Kingdom` for `Wales` or `Jersey`. */
  name: string;
  postage: PostageZone;
}

export const UNITED_KINGDOM = countryData.unitedKingdom;

const PREFIXES_TRIED = ['', 'the ', 'yr ', 'y '];

const royalMailEurope: ReadonlySet<string> = new Set(countryData.royalMailEurope);

// Generated from Notify's data files by scripts/generate-notify-tables.ts; made into a map on first use, since most
// commands never read an address.
let canonicalNamesByKeyBuilt: ReadonlyMap<string, string> | undefined;
const canonicalNamesByKey = (): ReadonlyMap<string, string> =>
  (canonicalNamesByKeyBuilt ??= new Map(Object.entries(countryData.canonicalNamesByKey)));

export function postageZoneOf(canonicalName: string): PostageZone {
  if (canonicalName === UNITED_KINGDOM) return 'united-kingdom';
  if (royalMailEurope.has(canonicalName)) return 'europe';
  return 'rest-of-world';
}

/**
 * The country or territory a name stands for, or null when Notify would not recognise it. Tries the name as given,
 * then with `the`, `yr` and `y` in front. A name with a digit in it is never a country (it is probably a postcode).
 */
export function findCountry(name: string): Country | null {
  if (hasDigit(name)) return null;
  for (const prefix of PREFIXES_TRIED) {
    const canonical = canonicalNamesByKey().get(countryLookupKey(prefix + name));
    if (canonical !== undefined) return { name: canonical, postage: postageZoneOf(canonical) };
  }
  return null;
}

/** The message Notify gives for a name it does not recognise. */
export function unknownCountryMessage(name: string): string {
  return `Not a known country or territory (${name})`;
}

/** The number of distinct lookup keys (Notify's own table has 1,709). */
export function countryLookupKeyCount(): number {
  return canonicalNamesByKey().size;
}
