import type { Channel, MessagePreview, Personalisation } from '../../../shared/contract';
import {
  missingPersonalisation,
  renderEmail,
  renderLetter,
  smsMessageWhileFilling,
  templatePlaceholders,
  fillPlaceholders,
  validateEmailAddress,
  validatePhoneNumber,
  validatePostalAddress,
} from '../../../shared/notify';

export interface TemplateForComposing {
  type: Channel;
  subject: string | null;
  body: string;
  letterContactBlock: string | null;
}

export interface RecipientPermissions {
  allowInternationalSms: boolean;
  allowLandline: boolean;
  allowInternationalLetters: boolean;
}

export const defaultPermissions: RecipientPermissions = {
  allowInternationalSms: true,
  allowLandline: false,
  allowInternationalLetters: true,
};

/** A message ready for the outbox: what the recipient gets, and what Notify needs to send it. */
export interface ComposedMessage {
  recipient: string;
  personalisation: Record<string, string>;
  renderedBody: string;
  renderedSubject: string | null;
}

export type ComposeResult =
  | { ok: true; message: ComposedMessage; preview: MessagePreview }
  | { ok: false; preview: MessagePreview; recipientError: string | null; errors: string[] };

const addressLineKeys = [
  'address_line_1',
  'address_line_2',
  'address_line_3',
  'address_line_4',
  'address_line_5',
  'address_line_6',
];

/** The letter address typed as lines, as the personalisation keys Notify reads it from. */
export function addressPersonalisation(lines: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  if (lines.length === 7) {
    lines.forEach((line, index) => (values[`address_line_${index + 1}`] = line));
    return values;
  }
  lines.forEach((line, index) => {
    const key = addressLineKeys[index];
    if (key) values[key] = line;
  });
  return values;
}

/** Renders the template with the values as the recipient will see it, with Notify's problems listed. */
export function previewMessage(
  template: TemplateForComposing,
  values: Readonly<Record<string, string | readonly string[]>>,
): MessagePreview {
  const subject = template.subject ?? undefined;
  const placeholders = templatePlaceholders({ type: template.type, body: template.body, subject });
  const provided = Object.keys(values).length > 0;
  const missing = missingPersonalisation(
    { type: template.type, body: template.body, subject, contactBlock: template.letterContactBlock ?? undefined },
    values,
  );
  const errors: string[] = [];
  if (template.type === 'sms') {
    const sms = smsMessageWhileFilling(template.body, values);
    if (sms.tooLong) {
      errors.push(
        `Your message is too long. Text messages cannot be longer than 918 characters. Your message is ${sms.characterCount} characters long.`,
      );
    }
    if (sms.empty && missing.length === 0) errors.push('Your message is empty.');
    return {
      type: 'sms',
      // As Notify's preview does, an unfilled placeholder is shown as ((name)); it counts as no characters.
      body: missing.length > 0 ? fillPlaceholders(template.body, values, {}).trim() : sms.rendered,
      subject: null,
      html: null,
      placeholders,
      missing,
      sms: {
        characterCount: sms.characterCount,
        fragmentCount: sms.fragmentCount,
        encoding: sms.encoding,
        tooLong: sms.tooLong,
      },
      errors,
    };
  }
  if (template.type === 'email') {
    const email = renderEmail({
      subject: template.subject ?? '',
      body: template.body,
      values: provided ? values : undefined,
    });
    if (email.tooLong) {
      errors.push(
        `Your message is too long. Emails cannot be longer than 2000000 bytes. Your message is ${email.byteCount} bytes.`,
      );
    }
    // Notify's plain subject marks an unfilled placeholder up as HTML; the preview shows it as ((name)) instead.
    const subjectShown = missing.length > 0 ? fillPlaceholders(template.subject ?? '', values, {}) : email.subject;
    return {
      type: 'email',
      body: email.plainText,
      subject: subjectShown,
      html: email.html,
      placeholders,
      missing,
      sms: null,
      errors,
    };
  }
  const letter = renderLetter({
    subject: template.subject ?? '',
    body: template.body,
    contactBlock: template.letterContactBlock ?? undefined,
    values: provided ? values : undefined,
  });
  const body = fillPlaceholders(template.body, provided ? values : {}, {}).trim();
  return {
    type: 'letter',
    body,
    subject: letter.heading,
    html: letter.bodyHtml,
    placeholders,
    missing,
    sms: null,
    errors,
  };
}

function recipientProblem(
  type: Channel,
  to: string,
  permissions: RecipientPermissions,
): { error: string } | { recipient: string; lines?: string[] } {
  if (type === 'sms') {
    const phone = validatePhoneNumber(to, {
      allowInternational: permissions.allowInternationalSms,
      allowLandline: permissions.allowLandline,
    });
    return phone.valid ? { recipient: phone.normalised } : { error: phone.error };
  }
  if (type === 'email') {
    const email = validateEmailAddress(to);
    return email.valid ? { recipient: email.normalised } : { error: email.error };
  }
  const address = validatePostalAddress(to, { allowInternational: permissions.allowInternationalLetters });
  if (!address.valid) return { error: address.error ?? 'Enter a real address' };
  return { recipient: address.lines.join(', '), lines: address.lines };
}

/** Validates the recipient and the values exactly as Notify would, and renders the message for the outbox. */
export function composeMessage(
  template: TemplateForComposing,
  to: string,
  values: Personalisation,
  permissions: RecipientPermissions = defaultPermissions,
): ComposeResult {
  const recipient = recipientProblem(template.type, to, permissions);
  const withAddress =
    'lines' in recipient && recipient.lines ? { ...values, ...addressPersonalisation(recipient.lines) } : values;
  const preview = previewMessage(template, withAddress);
  const errors = [...preview.errors];
  if (preview.missing.length > 0) errors.unshift(`Missing personalisation: ${preview.missing.join(', ')}`);
  if ('error' in recipient || errors.length > 0) {
    return { ok: false, preview, recipientError: 'error' in recipient ? recipient.error : null, errors };
  }
  const renderedBody = template.type === 'sms' ? preview.body : fillPlaceholders(template.body, withAddress, {}).trim();
  const renderedSubject = template.subject === null ? null : fillPlaceholders(template.subject, withAddress, {});
  return {
    ok: true,
    preview,
    message: { recipient: recipient.recipient, personalisation: withAddress, renderedBody, renderedSubject },
  };
}
