import {
  DEFAULT_DAILY_LIMITS,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  SIMULATOR_SERVICE_NAME,
  SIMULATOR_SMS_SENDER,
} from './constants';
import type { ReceivedTextSeed, RecipientsSeed, SenderSeed, ServicePermission, TemplateSeed } from './seed-file';
import type { DailyLimitType } from './types';

/** Fixed ids, so apps can keep template ids across simulator restarts. */
export const SEEDED_TEMPLATE_IDS = {
  appointmentReminderSms: 'a1f4c0de-0001-4e5a-9c01-5d1e0a7b0001',
  applicationReceivedEmail: 'a1f4c0de-0002-4e5a-9c01-5d1e0a7b0002',
  councilTaxLetter: 'a1f4c0de-0003-4e5a-9c01-5d1e0a7b0003',
  passThroughSms: 'a1f4c0de-0004-4e5a-9c01-5d1e0a7b0004',
  passThroughEmail: 'a1f4c0de-0005-4e5a-9c01-5d1e0a7b0005',
  passThroughLetter: 'a1f4c0de-0006-4e5a-9c01-5d1e0a7b0006',
  archivedSms: 'a1f4c0de-0007-4e5a-9c01-5d1e0a7b0007',
  precompiledLetter: 'a1f4c0de-0008-4e5a-9c01-5d1e0a7b0008',
} as const;

export const SEEDED_TEMPLATES: TemplateSeed[] = [
  {
    id: SEEDED_TEMPLATE_IDS.appointmentReminderSms,
    type: 'sms',
    versions: [
      { name: 'Appointment reminder', body: 'Hello ((name)), this is a reminder of your appointment on ((date)).' },
      {
        name: 'Appointment reminder',
        body: 'Hello ((name)), your appointment is on ((date)) at ((time)).((directions?? Directions are on your letter.))',
      },
    ],
  },
  {
    id: SEEDED_TEMPLATE_IDS.applicationReceivedEmail,
    type: 'email',
    versions: [
      {
        name: 'Application received',
        subject: 'We have received your application ((reference number))',
        body: 'Dear ((name)),\r\n\r\nThank you for your application, which we received on ((date)).\r\n\r\n((documents needed??We will write to you if we need more documents.))\r\n\r\nThe Benefits Team',
      },
    ],
  },
  {
    id: SEEDED_TEMPLATE_IDS.councilTaxLetter,
    type: 'letter',
    postage: 'second',
    versions: [
      {
        name: 'Council tax reminder',
        subject: 'Your council tax for ((year))',
        body: 'Dear ((name)),\r\n\r\nYou owe ((amount)) in council tax for ((year)). Please pay by ((due date)).\r\n\r\nRevenues Team',
        letterContactBlock: 'Revenues Team\nTown Hall\nHigh Street\nAnytown\nAN1 1AA',
      },
    ],
  },
  {
    id: SEEDED_TEMPLATE_IDS.passThroughSms,
    type: 'sms',
    versions: [{ name: 'Pass-through text message', body: '((body))' }],
  },
  {
    id: SEEDED_TEMPLATE_IDS.passThroughEmail,
    type: 'email',
    versions: [{ name: 'Pass-through email', subject: '((subject))', body: '((body))' }],
  },
  {
    id: SEEDED_TEMPLATE_IDS.passThroughLetter,
    type: 'letter',
    postage: 'second',
    versions: [{ name: 'Pass-through letter', subject: '((subject))', body: '((body))' }],
  },
  {
    id: SEEDED_TEMPLATE_IDS.archivedSms,
    type: 'sms',
    archived: true,
    versions: [{ name: 'Old appointment reminder (archived)', body: 'Your appointment is on ((date)).' }],
  },
];

/** The per-service "Pre-compiled PDF" template Notify files precompiled letters under: kept whatever a seed says. */
export const PRECOMPILED_LETTER_TEMPLATE: TemplateSeed = {
  id: SEEDED_TEMPLATE_IDS.precompiledLetter,
  type: 'letter',
  postage: 'second',
  hidden: true,
  versions: [{ name: 'Pre-compiled PDF', subject: 'Pre-compiled PDF', body: '' }],
};

/** Team members and the guest list: who a team key (or a live key in trial mode) may send to. */
export const SEEDED_TEAM_EMAIL_ADDRESSES = ['team.member@notify-desk.test', 'another.member@notify-desk.test'];
export const SEEDED_TEAM_PHONE_NUMBERS = ['07700900123', '07700900456'];
export const SEEDED_GUEST_LIST_EMAIL_ADDRESSES = ['guest@notify-desk.test'];
export const SEEDED_GUEST_LIST_PHONE_NUMBERS = ['07700900789'];

export const SEEDED_RECEIVED_TEXTS: ReceivedTextSeed[] = [
  { userNumber: '447700900601', content: 'Yes, I can make the appointment', minutesAgo: 90 },
  { userNumber: '447700900602', content: 'Please call me back', minutesAgo: 45 },
  { userNumber: '447700900603', content: 'STOP', minutesAgo: 10 },
];

export const SEEDED_SMS_SENDER_ID = 'c0ffee00-5e4d-4e5a-9c01-000000000001';
export const SEEDED_EMAIL_REPLY_TO_ID = 'c0ffee00-5e4d-4e5a-9c01-000000000002';

/** Everything the simulated service holds, as a seed file gives it with every field filled in. */
export interface ServiceData {
  name: string;
  trialMode: boolean;
  permissions: ServicePermission[];
  rateLimitPerMinute: number;
  dailyLimits: Record<DailyLimitType, number>;
  templates: TemplateSeed[];
  team: RecipientsSeed;
  guestList: RecipientsSeed;
  smsSenders: SenderSeed[];
  emailReplyTos: SenderSeed[];
  receivedTexts: ReceivedTextSeed[];
}

/** The built-in data: what the simulator holds without a seed file. */
export const BUILT_IN_SERVICE_DATA: ServiceData = {
  name: SIMULATOR_SERVICE_NAME,
  trialMode: false,
  permissions: ['sms', 'email', 'letter', 'international_sms', 'international_letters'],
  rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE,
  dailyLimits: { ...DEFAULT_DAILY_LIMITS },
  templates: SEEDED_TEMPLATES,
  team: { emailAddresses: SEEDED_TEAM_EMAIL_ADDRESSES, phoneNumbers: SEEDED_TEAM_PHONE_NUMBERS },
  guestList: { emailAddresses: SEEDED_GUEST_LIST_EMAIL_ADDRESSES, phoneNumbers: SEEDED_GUEST_LIST_PHONE_NUMBERS },
  smsSenders: [{ id: SEEDED_SMS_SENDER_ID, value: SIMULATOR_SMS_SENDER, isDefault: true }],
  emailReplyTos: [{ id: SEEDED_EMAIL_REPLY_TO_ID, value: 'replies@notify-desk.test', isDefault: true }],
  receivedTexts: SEEDED_RECEIVED_TEXTS,
};
