// Notify's smoke-test ("simulated") recipients: a send to them is validated and answered 201 with an id, but Notify
// keeps nothing, so the notification can never be looked up or listed (notifications-api, simulated recipients).

/** Phone numbers, normalised as Notify stores them (any format that normalises to these). */
export const SMOKE_TEST_PHONE_NUMBERS: ReadonlySet<string> = new Set(['447700900000', '447700900111', '447700900222']);
/** Email addresses, compared lower-cased. */
export const SMOKE_TEST_EMAIL_ADDRESSES: ReadonlySet<string> = new Set([
  'simulate-delivered@notifications.service.gov.uk',
  'simulate-delivered-2@notifications.service.gov.uk',
  'simulate-delivered-3@notifications.service.gov.uk',
]);

/** Whether Notify keeps no record of a message to this recipient (a normalised phone number or an email address). */
export function isSmokeTestRecipient(type: 'sms' | 'email' | 'letter', recipient: string): boolean {
  if (type === 'sms') return SMOKE_TEST_PHONE_NUMBERS.has(recipient.replace(/^\+/, ''));
  if (type === 'email') return SMOKE_TEST_EMAIL_ADDRESSES.has(recipient.toLowerCase());
  return false;
}
