// Notify's recipient comparison (notifications_utils.recipients format_recipient and allowed_to_send_to):
// phone numbers and email addresses are compared in their normalised forms.
import { validateEmailAddress } from './email-address';
import { normalisePhoneNumber } from './phone-number';

/**
 * A recipient in the form Notify compares: the normalised phone number when the text parses as one, the
 * lower-cased address when it is a valid email address, the text unchanged otherwise, and `""` for
 * anything that is not text.
 */
export function formatRecipient(value: unknown): string {
  if (typeof value !== 'string') return '';
  const phoneNumber = normalisePhoneNumber(value);
  if (phoneNumber !== undefined) return phoneNumber;
  const email = validateEmailAddress(value);
  return email.valid ? email.normalised : value;
}

/** Whether the recipient is on the list (a team or guest list), comparing normalised forms. */
export function allowedToSendTo(recipient: unknown, allowList: Iterable<unknown>): boolean {
  const formattedRecipient = formatRecipient(recipient);
  for (const allowed of allowList) {
    if (formatRecipient(allowed) === formattedRecipient) return true;
  }
  return false;
}
