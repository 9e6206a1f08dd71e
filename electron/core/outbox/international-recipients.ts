import { validatePhoneNumberForApi } from '../../../shared/notify';
import type { Db } from '../database/open-database';

/** SQL function name: 1 when a text message recipient counts against Notify's `international_sms` daily limit. */
export const IS_INTERNATIONAL_SMS_RECIPIENT = 'notify_desk_is_international_sms_recipient';

const registered = new WeakSet<Db>();

/**
 * Makes `notify_desk_is_international_sms_recipient(recipient)` available on this connection. It judges the number as
 * Notify does: not a UK number, and also the Channel Islands and the Isle of Man, whose numbers start with 44 too.
 */
export function registerInternationalRecipientFunction(db: Db): void {
  if (registered.has(db)) return;
  db.function(IS_INTERNATIONAL_SMS_RECIPIENT, { deterministic: true }, (recipient: unknown) => {
    const checked = validatePhoneNumberForApi(recipient, { allowInternational: true, allowLandline: true });
    return checked.valid && checked.international ? 1 : 0;
  });
  registered.add(db);
}
