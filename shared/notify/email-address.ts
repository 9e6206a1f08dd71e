// Notify's email address rules (notifications_utils validate_email_address and
// validate_and_format_email_address), down to Python's regular expression and IDNA semantics.
import { stripAndRemoveObscureWhitespace } from './formatters';
import { domainToAscii } from './idna';

export const INVALID_EMAIL_ADDRESS_MESSAGE = 'Not a valid email address';

export type EmailAddressValidation = { valid: true; normalised: string } | { valid: false; error: string };

// Python's \s in a str pattern: every character for which str.isspace() is true.
const PYTHON_WHITESPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
// Python's `$` also matches just before a final newline.
const EMAIL_ADDRESS = new RegExp(`^[a-zA-Z0-9.!#$%&'*+/=?^_\`{|}~\\-]+@([^.@][^@${PYTHON_WHITESPACE}]+)\\n?$`);
const HOSTNAME_LABEL = /^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$/i;
const TOP_LEVEL_DOMAIN = /^([a-z]{2,63}|xn--([a-z0-9]+-)*[a-z0-9]+)$/i;
const LONGEST_EMAIL_ADDRESS = 320;
const LONGEST_HOSTNAME = 253;
const LONGEST_LABEL = 63;

function invalid(): EmailAddressValidation {
  return { valid: false, error: INVALID_EMAIL_ADDRESS_MESSAGE };
}

function isValidHostname(hostname: string): boolean {
  const asciiHostname = domainToAscii(hostname);
  if (asciiHostname === undefined) return false;
  const labels = asciiHostname.split('.');
  if (asciiHostname.length > LONGEST_HOSTNAME || labels.length < 2) return false;
  if (!labels.every((label) => label !== '' && label.length <= LONGEST_LABEL && HOSTNAME_LABEL.test(label)))
    return false;
  return TOP_LEVEL_DOMAIN.test(labels[labels.length - 1] ?? '');
}

/**
 * Notify's verdict on an email address. `normalised` is the address with zero-width and no-break spaces
 * removed and surrounding whitespace trimmed, lower-cased as Notify sends and stores it.
 */
export function validateEmailAddress(input: string): EmailAddressValidation {
  const address = stripAndRemoveObscureWhitespace(input);
  const match = EMAIL_ADDRESS.exec(address);
  const hostname = match?.[1];
  if (hostname === undefined) return invalid();
  if ([...address].length > LONGEST_EMAIL_ADDRESS || address.includes('..')) return invalid();
  if (!isValidHostname(hostname)) return invalid();
  return { valid: true, normalised: address.toLowerCase() };
}

/** validate_email_address: the cleaned address with its case kept, or undefined when Notify rejects it. */
export function cleanEmailAddress(input: string): string | undefined {
  const address = stripAndRemoveObscureWhitespace(input);
  return validateEmailAddress(address).valid ? address : undefined;
}
