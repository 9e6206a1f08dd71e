import { normalisePhoneNumber } from '../../../shared/notify/phone-number';

/**
 * The conversation a number belongs to: the number in Notify's normalised form (`447700900123`), which is how the
 * outbox stores the recipient of every text it queues, so replies and sent texts meet on it. Text that is not a
 * phone number (a short code, say) stands for itself.
 */
export function phoneKeyOf(number: string): string {
  return normalisePhoneNumber(number) ?? number.trim();
}
