// How Notify compares country names (notifications_utils/countries): the key both its table and a lookup use.
import { downgradeToAscii } from './character-downgrade';

const CHARACTERS_IGNORED_IN_NAMES = new Set(" _-'’,.()");
// Python's str.isdigit(): decimal digits plus superscript, subscript and circled digits.
const ANY_DIGIT = /[\p{Nd}¹²³⁰⁴-⁹₀-₉①-⑨⑴-⑼⒈-⒐⓵-⓽❶-❾➀-➈➊-➒]/u;

/** Whether a name has a digit in it: Notify never reads such a name as a country (it is probably a postcode). */
export function hasDigit(name: string): boolean {
  return ANY_DIGIT.test(name);
}

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
