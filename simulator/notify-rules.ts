// The simulator's single doorway to Notify's rules in shared/notify (phone numbers, email addresses,
// placeholders, SMS and email rendering, postal addresses). Everything here delegates; nothing decides.
import { interimEmail, interimFill, interimKey, interimPhone, interimPlaceholderNames } from './interim-rules';
import type { NotificationType } from './types';

export interface TemplateContent {
  type: NotificationType;
  subject: string | null;
  body: string;
}

export type PhoneNumberCheck =
  | { valid: true; normalised: string; international: boolean }
  | { valid: false; errorName: string; message: string };

export function checkPhoneNumber(
  input: string,
  permissions: { allowInternational: boolean; allowLandline: boolean },
): PhoneNumberCheck {
  const result = interimPhone(input);
  if (!result.valid) return { valid: false, errorName: 'InvalidPhoneError', message: result.message };
  if (result.international && !permissions.allowInternational) {
    return { valid: false, errorName: 'BadRequestError', message: 'Cannot send to international mobile numbers' };
  }
  return result;
}

export function checkEmailAddress(input: string): { valid: true; normalised: string } | { valid: false } {
  return interimEmail(input);
}

/** Placeholder names as written, in template order (an email's subject first), without repeats. */
export function placeholderNames(template: TemplateContent): string[] {
  const names = interimPlaceholderNames(`${template.subject ?? ''}\n${template.body}`);
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = interimKey(name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Placeholders (names as written) whose value is absent or null; keys match ignoring case, spaces, _ and -. */
export function missingPersonalisationNames(placeholders: readonly string[], values: Record<string, unknown>): string[] {
  const provided = new Set(
    Object.entries(values)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([name]) => interimKey(name)),
  );
  return placeholders.filter((name) => !provided.has(interimKey(name)));
}

export function fillPlaceholdersIn(text: string, values: Record<string, unknown>): string {
  return interimFill(text, values);
}

export interface RenderedSms {
  body: string;
  characterCount: number;
  fragmentCount: number;
  tooLong: boolean;
  empty: boolean;
}

export function renderSms(body: string, values: Record<string, unknown>): RenderedSms {
  const rendered = interimFill(body, values).trim();
  const characterCount = rendered.length;
  return {
    body: rendered,
    characterCount,
    fragmentCount: characterCount <= 160 ? 1 : Math.ceil(characterCount / 153),
    tooLong: characterCount > 918,
    empty: rendered.length === 0,
  };
}

export function renderEmailHtml(subject: string, body: string, values: Record<string, unknown>): string {
  return `<p>${interimFill(body, values)}</p>`.replace(/\n/g, '<br>') + (subject ? '' : '');
}

export type PostalAddressCheck =
  | { valid: true; postage: 'europe' | 'rest-of-world' | null }
  | { valid: false; message: string };

export function checkPostalAddress(
  personalisation: Record<string, unknown>,
  options: { allowInternational: boolean },
): PostalAddressCheck {
  const keys = personalisation['address_line_7'] !== undefined
    ? ['address_line_1', 'address_line_2', 'address_line_3', 'address_line_4', 'address_line_5', 'address_line_6', 'address_line_7']
    : ['address_line_1', 'address_line_2', 'address_line_3', 'address_line_4', 'address_line_5', 'address_line_6', 'postcode'];
  const lines = keys.map((key) => personalisation[key]).filter((line) => typeof line === 'string' && line.trim() !== '');
  if (lines.length < 3) return { valid: false, message: 'Address must be at least 3 lines' };
  void options;
  return { valid: true, postage: null };
}
