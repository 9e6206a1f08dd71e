import { badRequest } from './api-error';
import { SIMULATOR_SERVICE_ID, SIMULATOR_SMS_SENDER } from './constants';
import { checkEmailAddress, checkPhoneNumber, type PhonePermissions } from './notify-rules';
import type { ServiceData } from './seed-data';
import type { SenderSeed, ServicePermission } from './seed-file';

export type { ServicePermission } from './seed-file';
export { SEEDED_EMAIL_REPLY_TO_ID, SEEDED_SMS_SENDER_ID } from './seed-data';

export interface Sender {
  id: string;
  value: string;
}

/** The one simulated service: its permissions, senders and who its team and guest list are. */
export interface ServiceSettings {
  id: string;
  name: string;
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

const ANY_NUMBER = { allowInternational: true, allowLandline: true };

function normalisedRecipients(data: ServiceData): Set<string> {
  const recipients = new Set<string>();
  for (const phoneNumber of [...data.team.phoneNumbers, ...data.guestList.phoneNumbers]) {
    const checked = checkPhoneNumber(phoneNumber, ANY_NUMBER);
    if (checked.valid) recipients.add(checked.normalised);
  }
  for (const emailAddress of [...data.team.emailAddresses, ...data.guestList.emailAddresses]) {
    const checked = checkEmailAddress(emailAddress);
    if (checked.valid) recipients.add(checked.normalised.toLowerCase());
  }
  return recipients;
}

/** Notify's make_string_safe_for_email_local_part: how a service's name becomes its emails' sender address. */
export function emailLocalPartFor(serviceName: string): string {
  const withoutAccents = [...serviceName.normalize('NFD')].filter((character) => !/\p{Mn}/u.test(character)).join('');
  const kept = [...withoutAccents.trim().replace(/\s+/gu, '.')]
    .map((character) => (character === '.' || /^[\p{L}\p{N}]$/u.test(character) ? character.toLowerCase() : ''))
    .join('');
  return kept.replace(/\.{2,}/g, '.').replace(/^\.+|\.+$/g, '');
}

/** A sender that is a phone number is shown as Notify stores it (447…); any other text as it is. */
function senderText(value: string): string {
  if (!/^[\d\s()+-]+$/.test(value)) return value;
  const checked = checkPhoneNumber(value, ANY_NUMBER);
  return checked.valid ? checked.normalised : value;
}

const asSenders = (senders: readonly SenderSeed[]): Sender[] => senders.map(({ id, value }) => ({ id, value }));

export function simulatedService(data: ServiceData): ServiceSettings {
  const permissions = new Set<ServicePermission>(data.permissions);
  const defaultSender = data.smsSenders.find((sender) => sender.isDefault) ?? data.smsSenders[0];
  return {
    id: SIMULATOR_SERVICE_ID,
    name: data.name,
    trialMode: data.trialMode,
    permissions,
    phonePermissions: {
      allowInternational: permissions.has('international_sms'),
      allowLandline: permissions.has('sms_to_uk_landlines'),
    },
    smsSenders: asSenders(data.smsSenders).map((sender) => ({ ...sender, value: senderText(sender.value) })),
    emailReplyTos: asSenders(data.emailReplyTos),
    defaultSmsSender: defaultSender ? senderText(defaultSender.value) : SIMULATOR_SMS_SENDER,
    fromEmail: `${emailLocalPartFor(data.name)}@notifications.service.gov.uk`,
    allowedRecipients: normalisedRecipients(data),
  };
}

const CHANNEL_NAMES = { sms: 'text messages', email: 'emails', letter: 'letters' } as const;

/** Step 5 of Notify's checks: the service has the permission for this kind of message. */
export function checkServiceMaySend(service: ServiceSettings, type: keyof typeof CHANNEL_NAMES): void {
  if (!service.permissions.has(type)) throw badRequest(`Service is not allowed to send ${CHANNEL_NAMES[type]}`);
}
