// UK postcodes as Notify checks and prints them (notifications_utils/recipient_validation/postal_address.py).
import countryData from './countries-data.json';
import { removeWhitespace } from './formatters';

/** The postcode areas Notify accepts, including BFPO (BF), Channel Islands (GY, JE), Isle of Man (IM) and ZE. */
export const UK_POSTCODE_ZONES: readonly string[] = countryData.ukPostcodeZones;

const REAL_UK_POSTCODE = new RegExp(`^(?:${UK_POSTCODE_ZONES.join('|')})[0-9][0-9A-Z]?[0-9][ABD-HJLNP-UW-Z]{2}$`);

/** All whitespace removed and upper-cased: `sw1a 1aa` becomes `SW1A1AA`. */
export function normalisePostcode(postcode: string): string {
  return removeWhitespace(postcode).toUpperCase();
}

/** Whether the text, once normalised, has the shape of a postcode in one of Notify's UK postcode areas. */
export function isRealUkPostcode(postcode: string): boolean {
  return REAL_UK_POSTCODE.test(normalisePostcode(postcode));
}

/** The postcode as Royal Mail sorts it: outward code, one space, the last three characters (`N5 3EF`). */
export function formatPostcodeForPrinting(postcode: string): string {
  const normalised = normalisePostcode(postcode);
  return `${normalised.slice(0, -3)} ${normalised.slice(-3)}`;
}

/** The printable form of a real UK postcode, or null when the text is not one. */
export function formatPostcodeOrNull(postcode: string): string | null {
  return isRealUkPostcode(postcode) ? formatPostcodeForPrinting(postcode) : null;
}
