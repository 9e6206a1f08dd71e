import type { TemplateSeed } from './templates';

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
    name: 'Appointment reminder',
    type: 'sms',
    bodies: [
      'Hello ((name)), this is a reminder of your appointment on ((date)).',
      'Hello ((name)), your appointment is on ((date)) at ((time)).((directions?? Directions are on your letter.))',
    ],
  },
  {
    id: SEEDED_TEMPLATE_IDS.applicationReceivedEmail,
    name: 'Application received',
    type: 'email',
    subject: 'We have received your application ((reference number))',
    bodies: [
      'Dear ((name)),\r\n\r\nThank you for your application, which we received on ((date)).\r\n\r\n((documents needed??We will write to you if we need more documents.))\r\n\r\nThe Benefits Team',
    ],
  },
  {
    id: SEEDED_TEMPLATE_IDS.councilTaxLetter,
    name: 'Council tax reminder',
    type: 'letter',
    subject: 'Your council tax for ((year))',
    bodies: [
      'Dear ((name)),\r\n\r\nYou owe ((amount)) in council tax for ((year)). Please pay by ((due date)).\r\n\r\nRevenues Team',
    ],
    postage: 'second',
    letterContactBlock: 'Revenues Team\nTown Hall\nHigh Street\nAnytown\nAN1 1AA',
  },
  {
    id: SEEDED_TEMPLATE_IDS.passThroughSms,
    name: 'Pass-through text message',
    type: 'sms',
    bodies: ['((body))'],
  },
  {
    id: SEEDED_TEMPLATE_IDS.passThroughEmail,
    name: 'Pass-through email',
    type: 'email',
    subject: '((subject))',
    bodies: ['((body))'],
  },
  {
    id: SEEDED_TEMPLATE_IDS.passThroughLetter,
    name: 'Pass-through letter',
    type: 'letter',
    subject: '((subject))',
    bodies: ['((body))'],
    postage: 'second',
  },
  {
    id: SEEDED_TEMPLATE_IDS.archivedSms,
    name: 'Old appointment reminder (archived)',
    type: 'sms',
    bodies: ['Your appointment is on ((date)).'],
    archived: true,
  },
  {
    id: SEEDED_TEMPLATE_IDS.precompiledLetter,
    name: 'Pre-compiled PDF',
    type: 'letter',
    subject: 'Pre-compiled PDF',
    bodies: [''],
    postage: 'second',
    hidden: true,
  },
];

/** Team members and the guest list: who a team key (or a live key in trial mode) may send to. */
export const SEEDED_TEAM_EMAIL_ADDRESSES = ['team.member@notify-desk.test', 'another.member@notify-desk.test'];
export const SEEDED_TEAM_PHONE_NUMBERS = ['07700900123', '07700900456'];
export const SEEDED_GUEST_LIST_EMAIL_ADDRESSES = ['guest@notify-desk.test'];
export const SEEDED_GUEST_LIST_PHONE_NUMBERS = ['07700900789'];

export interface ReceivedTextSeed {
  userNumber: string;
  content: string;
  minutesAgo: number;
}

export const SEEDED_RECEIVED_TEXTS: ReceivedTextSeed[] = [
  { userNumber: '447700900601', content: 'Yes, I can make the appointment', minutesAgo: 90 },
  { userNumber: '447700900602', content: 'Please call me back', minutesAgo: 45 },
  { userNumber: '447700900603', content: 'STOP', minutesAgo: 10 },
];
