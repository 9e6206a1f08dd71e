// The simulator's single doorway to Notify's rules in shared/notify (phone numbers, email addresses,
// placeholders, SMS and email rendering, postal addresses). Everything here delegates; nothing decides.
import { validateEmailAddress } from '../shared/notify/email-address';
import { renderEmail } from '../shared/notify/email-template';
import { pythonStrip, stripAndRemoveObscureWhitespace } from '../shared/notify/formatters';
import {
  validatePhoneNumber,
  validatePhoneNumberForApi,
  type ApiPhoneNumberValidation,
} from '../shared/notify/phone-number';
import { compileField, insensitiveValues, placeholderKey, templatePlaceholders } from '../shared/notify/placeholders';
import { validatePostalAddress } from '../shared/notify/postal-address';
import { compileSmsTemplate, isMessageEmpty, type SmsMessage } from '../shared/notify/sms';
import type { NotificationType } from './types';

export interface TemplateContent {
  type: NotificationType;
  subject: string | null;
  body: string;
  letterContactBlock?: string | null;
}

export type PhoneNumberCheck = ApiPhoneNumberValidation;
export interface PhonePermissions {
  allowInternational: boolean;
  allowLandline: boolean;
}

// Parsing a number with full metadata costs a few hundred microseconds; a request asks twice (schema, then
// recipient checks) and benchmarks reuse numbers, so answers are remembered (bounded, cleared when full).
const PHONE_CHECK_CACHE_LIMIT = 20_000;
const phoneCheckCache = new Map<string, PhoneNumberCheck>();

/** The v2 API's phone_number check: schema format (legacy texts, prefixed `phone_number `), then permissions. */
export function checkPhoneNumber(input: string, permissions: PhonePermissions): PhoneNumberCheck {
  const cacheKey = `${permissions.allowInternational ? 'i' : '-'}${permissions.allowLandline ? 'l' : '-'}${input}`;
  const cached = phoneCheckCache.get(cacheKey);
  if (cached) return cached;
  const checked = validatePhoneNumberForApi(input, permissions);
  if (phoneCheckCache.size >= PHONE_CHECK_CACHE_LIMIT) phoneCheckCache.clear();
  phoneCheckCache.set(cacheKey, checked);
  return checked;
}

/** Notify's international rate multiplier for a number that passed checkPhoneNumber. */
export function smsRateMultiplier(normalised: string): number {
  const checked = validatePhoneNumber(`+${normalised}`, { allowInternational: true, allowLandline: true });
  return checked.valid ? checked.rateMultiplier : 1;
}

/** A recipient as Notify stores it: surrounding and obscure whitespace removed. */
export const strippedRecipient = (input: string): string => stripAndRemoveObscureWhitespace(input);

/** Notify's email address rules; `normalised` is stripped and lower-cased. */
export function checkEmailAddress(input: string): { valid: true; normalised: string } | { valid: false } {
  return validateEmailAddress(input);
}

/** A template version parsed once: its placeholders and fillers, reused for every send. */
export interface CompiledTemplate {
  /** Names as written, in Notify's order (an email's subject first; a letter's contact block first). */
  placeholders: string[];
  missing(values: Record<string, unknown>): string[];
  sms(values: Record<string, unknown>): SmsMessage;
  /** Email and letter body: values filled in (lists as markdown bullets), ends stripped. */
  body(values: Record<string, unknown>): string;
  subject(values: Record<string, unknown>): string;
  isEmpty(values: Record<string, unknown>): boolean;
}

export function compileTemplate(template: TemplateContent): CompiledTemplate {
  const fields = {
    type: template.type,
    body: template.body,
    ...(template.subject === null ? {} : { subject: template.subject }),
    ...(template.letterContactBlock ? { contactBlock: template.letterContactBlock } : {}),
  };
  const placeholders = templatePlaceholders(fields);
  const placeholderKeys = placeholders.map((name) => [name, placeholderKey(name)] as const);
  const renderSms = template.type === 'sms' ? compileSmsTemplate(template.body) : undefined;
  const fillBody = compileField(template.body, { markdownLists: true });
  const fillSubject = compileField(template.subject ?? '');
  return {
    placeholders,
    missing: (values) => {
      const byKey = insensitiveValues(values);
      return placeholderKeys
        .filter(([, key]) => {
          const value = byKey.get(key);
          return value === null || value === undefined;
        })
        .map(([name]) => name);
    },
    sms: (values) => {
      if (!renderSms) throw new Error('not a text message template');
      return renderSms(values);
    },
    body: (values) => pythonStrip(fillBody(values)),
    subject: (values) => pythonStrip(fillSubject(values)),
    isEmpty: (values) => (renderSms ? renderSms(values).empty : isMessageEmpty(fields, values)),
  };
}

/** The email body's HTML, as the preview endpoint returns it. */
export function renderEmailHtml(subject: string, body: string, values: Record<string, unknown>): string {
  return renderEmail({ subject, body, values }).html;
}

export type PostalAddressCheck =
  { valid: true; postage: 'europe' | 'rest-of-world' | null } | { valid: false; message: string };

/** The address from personalisation address_line_1..7 / postcode (exact keys), as Notify validates it. */
export function checkPostalAddress(
  personalisation: Record<string, unknown>,
  options: { allowInternational: boolean },
): PostalAddressCheck {
  const address = Object.fromEntries(
    Object.entries(personalisation).filter(([key]) => key.startsWith('address_line_') || key === 'postcode'),
  ) as Record<string, string>;
  const result = validatePostalAddress(address, options);
  if (!result.valid) return { valid: false, message: result.error ?? 'Address must be at least 3 lines' };
  return { valid: true, postage: result.postage === 'united-kingdom' ? null : result.postage };
}
