import { SIMULATOR_FROM_EMAIL, SIMULATOR_SERVICE_ID, SIMULATOR_SMS_SENDER } from './constants';
import { checkEmailAddress, checkPhoneNumber, type PhonePermissions } from './notify-rules';
import {
  SEEDED_GUEST_LIST_EMAIL_ADDRESSES,
  SEEDED_GUEST_LIST_PHONE_NUMBERS,
  SEEDED_TEAM_EMAIL_ADDRESSES,
  SEEDED_TEAM_PHONE_NUMBERS,
} from './seed-data';

export type ServicePermission = 'sms' | 'email' | 'letter' | 'international_sms' | 'international_letters' | 'sms_to_uk_landlines';

export interface Sender {
  id: string;
  value: string;
}

/** The one simulated service: its permissions, senders and who its team and guest list are. */
export interface ServiceSettings {
  id: string;
  trialMode: boolean;
  permissions: ReadonlySet<ServicePermission>;
  smsSenders: readonly Sender[];
  emailReplyTos: readonly Sender[];
  defaultSmsSender: string;
  fromEmail: string;
  phonePermissions: PhonePermissions;
  /** Normalised phone numbers and lower-cased email addresses of the team and the guest list. */
  allowedRecipients: ReadonlySet<string>;
}

export const SEEDED_SMS_SENDER_ID = 'c0ffee00-5e4d-4e5a-9c01-000000000001';
export const SEEDED_EMAIL_REPLY_TO_ID = 'c0ffee00-5e4d-4e5a-9c01-000000000002';

function normalisedTeamRecipients(): Set<string> {
  const recipients = new Set<string>();
  for (const phoneNumber of [...SEEDED_TEAM_PHONE_NUMBERS, ...SEEDED_GUEST_LIST_PHONE_NUMBERS]) {
    const checked = checkPhoneNumber(phoneNumber, { allowInternational: true, allowLandline: true });
    if (checked.valid) recipients.add(checked.normalised);
  }
  for (const emailAddress of [...SEEDED_TEAM_EMAIL_ADDRESSES, ...SEEDED_GUEST_LIST_EMAIL_ADDRESSES]) {
    const checked = checkEmailAddress(emailAddress);
    if (checked.valid) recipients.add(checked.normalised.toLowerCase());
  }
  return recipients;
}

export function simulatedService(trialMode: boolean): ServiceSettings {
  const permissions = new Set<ServicePermission>(['sms', 'email', 'letter', 'international_sms', 'international_letters']);
  return {
    id: SIMULATOR_SERVICE_ID,
    trialMode,
    permissions,
    phonePermissions: {
      allowInternational: permissions.has('international_sms'),
      allowLandline: permissions.has('sms_to_uk_landlines'),
    },
    smsSenders: [{ id: SEEDED_SMS_SENDER_ID, value: SIMULATOR_SMS_SENDER }],
    emailReplyTos: [{ id: SEEDED_EMAIL_REPLY_TO_ID, value: 'replies@notify-desk.test' }],
    defaultSmsSender: SIMULATOR_SMS_SENDER,
    fromEmail: SIMULATOR_FROM_EMAIL,
    allowedRecipients: normalisedTeamRecipients(),
  };
}
