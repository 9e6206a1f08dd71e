import type { Channel, Personalisation } from '../../../../shared/contract';
import type { FieldError } from '../../components/ErrorSummary';
import { ADDRESS_ERRORS, INVALID_FIRST_CHARACTERS } from '../../../../shared/notify/postal-address';

export const addressLineCount = 7;
export const phoneFieldId = 'recipient-phone-number';
export const emailFieldId = 'recipient-email-address';
export const addressFieldId = (line: number): string => `recipient-address-line-${line}`;
export const valueFieldId = (index: number): string => `placeholder-${index}`;

/** Notify matches placeholder names ignoring case, spaces, dashes and underscores. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, '');
}

const recipientPlaceholders = new Set([
  'phonenumber',
  'emailaddress',
  'postcode',
  ...Array.from({ length: addressLineCount }, (_, index) => `addressline${index + 1}`),
]);

/** Placeholders that are filled from the recipient fields rather than asked for one by one. */
export function isRecipientPlaceholder(name: string): boolean {
  return recipientPlaceholders.has(normalise(name));
}

export interface RecipientDraft {
  phoneNumber: string;
  emailAddress: string;
  addressLines: string[];
}

export function emptyRecipient(): RecipientDraft {
  return { phoneNumber: '', emailAddress: '', addressLines: Array.from({ length: addressLineCount }, () => '') };
}

/** What messages.send takes as `to`: letters put one address line per line. */
export function recipientText(type: Channel, recipient: RecipientDraft): string {
  if (type === 'sms') return recipient.phoneNumber.trim();
  if (type === 'email') return recipient.emailAddress.trim();
  return recipient.addressLines
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

/** The recipient as placeholder values, so the preview shows the address or number. */
export function recipientValues(type: Channel, recipient: RecipientDraft): Personalisation {
  if (type === 'sms') return { 'phone number': recipient.phoneNumber };
  if (type === 'email') return { 'email address': recipient.emailAddress };
  return Object.fromEntries(recipient.addressLines.map((line, index) => [`address line ${index + 1}`, line]));
}

export function recipientFieldId(type: Channel): string {
  if (type === 'sms') return phoneFieldId;
  if (type === 'email') return emailFieldId;
  return addressFieldId(1);
}

export function validateRecipient(type: Channel, recipient: RecipientDraft): FieldError[] {
  if (type === 'sms' && !recipient.phoneNumber.trim())
    return [{ fieldId: phoneFieldId, message: 'Enter a phone number' }];
  if (type === 'email' && !recipient.emailAddress.trim())
    return [{ fieldId: emailFieldId, message: 'Enter an email address' }];
  if (type === 'letter') {
    const filled = recipient.addressLines.filter((line) => line.trim()).length;
    if (filled < 3) return [{ fieldId: addressFieldId(1), message: 'Enter at least 3 lines of the address' }];
  }
  return [];
}

/**
 * Where to show a refusal from the core: under the placeholder it names; for a letter, on the address line it is
 * about (the postcode's, or the line that starts with a character Notify refuses); otherwise under the recipient.
 */
export function fieldForRefusal(
  message: string,
  type: Channel,
  placeholders: string[],
  recipient?: RecipientDraft,
): string {
  const lower = message.toLowerCase();
  const named = placeholders.findIndex(
    (placeholder) => lower.includes(placeholder.toLowerCase()) && !isRecipientPlaceholder(placeholder),
  );
  if (named >= 0) return valueFieldId(named);
  if (type === 'letter' && recipient) {
    const line = addressLineForRefusal(message, recipient.addressLines);
    if (line !== null) return addressFieldId(line);
  }
  return recipientFieldId(type);
}

/** The address line (from 1) a refusal is about, judged by Notify's own words for address problems. */
function addressLineForRefusal(message: string, lines: readonly string[]): number | null {
  const filled = lines.flatMap((line, index) => (line.trim() ? [index + 1] : []));
  const lastFilled = filled.at(-1) ?? null;
  if (
    message === ADDRESS_ERRORS.notUkPostcodeOrCountry ||
    message === ADDRESS_ERRORS.notUkPostcode ||
    message === ADDRESS_ERRORS.countryInBfpoAddress
  ) {
    return lastFilled;
  }
  if (message === ADDRESS_ERRORS.invalidFirstCharacter) {
    const startsBadly = lines.findIndex((line) => INVALID_FIRST_CHARACTERS.includes(line.trim().charAt(0) || '\n'));
    return startsBadly >= 0 ? startsBadly + 1 : null;
  }
  return null;
}
