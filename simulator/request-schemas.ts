import { REFERENCE_MAX_LENGTH } from './constants';
import { checkEmailAddress, checkPhoneNumber, type PhonePermissions } from './notify-rules';
import type { FormatCheck, ObjectSchema, PropertyRule } from './schema';

const SCHEDULED_FOR_FORMAT_MESSAGE =
  'datetime format is invalid. It must be a valid ISO8601 date time format, https://en.wikipedia.org/wiki/ISO_8601';
const ISO_8601_DATE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;

/**
 * The schema's phone_number format: only ValidationError refusals count here (permission refusals come later,
 * in Notify's order). Checked with the service's permissions so that the later check is the same (cached) answer.
 */
const phoneNumberFormat =
  (permissions: PhonePermissions): FormatCheck =>
  (value) => {
    const checked = checkPhoneNumber(value, permissions);
    return checked.valid || checked.errorName !== 'ValidationError'
      ? undefined
      : checked.message.replace(/^phone_number /, '');
  };

const emailAddressFormat: FormatCheck = (value) =>
  checkEmailAddress(value).valid ? undefined : 'Not a valid email address';

/** scheduled_for is validated (parseable, not past, at most 24 hours ahead) and then ignored, as Notify does. */
const scheduledForFormat: FormatCheck = (value) => {
  const trimmed = value.trim();
  if (!ISO_8601_DATE_TIME.test(trimmed)) return SCHEDULED_FOR_FORMAT_MESSAGE;
  const hasZone = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(trimmed) && /[T ]/.test(trimmed);
  const parsed = Date.parse(
    hasZone ? trimmed.replace(' ', 'T') : `${trimmed.replace(' ', 'T')}${trimmed.length > 10 ? 'Z' : 'T00:00Z'}`,
  );
  if (Number.isNaN(parsed)) return SCHEDULED_FOR_FORMAT_MESSAGE;
  const now = Date.now();
  if (parsed < now) return 'datetime can not be in the past';
  if (parsed > now + 24 * 3_600_000) return 'datetime can only be 24 hours in the future';
  return undefined;
};

const uuid: PropertyRule = { kind: 'uuid' };
const reference: PropertyRule = { kind: 'typed', types: ['string'], maxLength: REFERENCE_MAX_LENGTH };
const personalisation: PropertyRule = { kind: 'typed', types: ['object'] };
const scheduledFor: PropertyRule = { kind: 'typed', types: ['string', 'null'], format: scheduledForFormat };

export const postSmsRequest = (permissions: PhonePermissions): ObjectSchema => ({
  properties: [
    ['reference', reference],
    ['phone_number', { kind: 'typed', types: ['string'], format: phoneNumberFormat(permissions) }],
    ['template_id', uuid],
    ['personalisation', personalisation],
    ['scheduled_for', scheduledFor],
    ['sms_sender_id', uuid],
  ],
  required: ['phone_number', 'template_id'],
  additionalProperties: false,
});

export const POST_EMAIL_REQUEST: ObjectSchema = {
  properties: [
    ['reference', reference],
    ['email_address', { kind: 'typed', types: ['string'], format: emailAddressFormat }],
    ['template_id', uuid],
    ['personalisation', personalisation],
    ['scheduled_for', scheduledFor],
    ['email_reply_to_id', uuid],
    [
      'one_click_unsubscribe_url',
      {
        kind: 'typed',
        types: ['string'],
        format: (value) => (value.startsWith('https') ? undefined : 'is not a valid https url'),
      },
    ],
    ['sanitise_content_for', { kind: 'typed', types: ['array', 'null'] }],
  ],
  required: ['email_address', 'template_id'],
  additionalProperties: false,
};

export const POST_LETTER_REQUEST: ObjectSchema = {
  properties: [
    ['reference', reference],
    ['template_id', uuid],
    ['personalisation', personalisation],
  ],
  required: ['template_id', 'personalisation'],
  additionalProperties: false,
};

export const POST_PRECOMPILED_LETTER_REQUEST: ObjectSchema = {
  properties: [
    ['reference', { kind: 'typed', types: ['string'] }],
    ['content', { kind: 'typed', types: ['string'] }],
    [
      'postage',
      {
        kind: 'enum',
        values: ['first', 'second', 'economy'],
        validationMessage: 'invalid. It must be either first, second or economy.',
      },
    ],
  ],
  required: ['reference', 'content'],
  additionalProperties: false,
};

export const NOTIFICATION_STATUS_FILTER_VALUES = [
  'cancelled',
  'created',
  'sending',
  'sent',
  'delivered',
  'pending',
  'failed',
  'technical-failure',
  'temporary-failure',
  'permanent-failure',
  'pending-virus-check',
  'validation-failed',
  'virus-scan-failed',
  'returned-letter',
  'accepted',
  'received',
] as const;

export const TEMPLATE_TYPES = ['sms', 'email', 'letter'] as const;

export const GET_NOTIFICATIONS_REQUEST: ObjectSchema = {
  properties: [
    ['template_type', { kind: 'enumArray', values: TEMPLATE_TYPES }],
    ['status', { kind: 'enumArray', values: NOTIFICATION_STATUS_FILTER_VALUES }],
    ['reference', { kind: 'typed', types: ['string'] }],
    ['older_than', uuid],
    ['include_jobs', { kind: 'enum', values: ['true', 'True'] }],
  ],
  additionalProperties: false,
};

export const GET_TEMPLATES_REQUEST: ObjectSchema = {
  properties: [['type', { kind: 'enum', values: TEMPLATE_TYPES }]],
  additionalProperties: false,
};

export const GET_RECEIVED_TEXTS_REQUEST: ObjectSchema = {
  properties: [['older_than', uuid]],
  additionalProperties: false,
};
