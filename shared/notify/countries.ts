// Country and territory names as Notify recognises them on the last line of a postal address, and the postage
// zone each one is sent at (notifications_utils/countries).
import { downgradeToAscii } from './character-downgrade';
import countryData from './countries-data.json';

export type PostageZone = 'united-kingdom' | 'europe' | 'rest-of-world';

export interface Country {
  /** Notify's canonical name, e.g. `United Kingdom` for `Wales` or `Jersey`. */
  name: string;
  postage: PostageZone;
}

export const UNITED_KINGDOM = countryData.unitedKingdom;

const CHARACTERS_IGNORED_IN_NAMES = new Set(" _-'’,.()");
const PREFIXES_TRIED = ['', 'the ', 'yr ', 'y '];
// Python's str.isdigit(): decimal digits plus superscript, subscript and circled digits.
const ANY_DIGIT = /[\p{Nd}¹²³⁰⁴-⁹₀-₉①-⑨⑴-⑼⒈-⒐⓵-⓽❶-❾➀-➈➊-➒]/u;

const royalMailEurope: ReadonlySet<string> = new Set(countryData.royalMailEurope);

/** Notify's lookup key: `&`/`+` read as `and`, spacing and punctuation dropped, lower-cased, accents stripped. */
export function countryLookupKey(name: string): string {
  const spelledOut = name.replaceAll('&', 'and').replaceAll('+', 'and');
  let key = '';
  for (const character of spelledOut) {
    if (!CHARACTERS_IGNORED_IN_NAMES.has(character)) key += character.toLowerCase();
  }
  const ascii = downgradeToAscii(key);
  return ascii.includes('?') ? key : ascii;
}

function buildCanonicalNamesByKey(): Map<string, string> {
  const ukIslands = new Set(countryData.ukIslands);
  const pairs: [string, string][] = [
    ...countryData.canonicalNames.map((name): [string, string] => [name, ukIslands.has(name) ? UNITED_KINGDOM : name]),
    ...Object.entries(countryData.locationSynonyms),
    ...countryData.ukIslands.map((island): [string, string] => [island, UNITED_KINGDOM]),
    ...countryData.europeanIslands.map((island): [string, string] => [island, island]),
    ...Object.entries(countryData.welshNames),
    ...Object.entries(countryData.additionalSynonyms),
  ];
  // Later entries win, as they do in Notify's table.
  return new Map(pairs.map(([name, canonical]) => [countryLookupKey(name), canonical]));
}

// Built on first use (about 20 ms): most commands never read an address.
let canonicalNamesByKeyBuilt: Map<string, string> | undefined;
const canonicalNamesByKey = (): Map<string, string> => (canonicalNamesByKeyBuilt ??= buildCanonicalNamesByKey());

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
  if (ANY_DIGIT.test(name)) return null;
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
