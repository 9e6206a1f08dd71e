// A text message as the Notify admin previews it (SMSPreviewTemplate and sms_preview_template.jinja2).
import { downgradeToGsm } from './character-downgrade';
import {
  addPrefix,
  escapeHtml,
  normaliseMultipleNewlines,
  normaliseWhitespaceAndNewlines,
  removeWhitespaceBeforePunctuation,
} from './formatters';
import { fillPlaceholders, type PersonalisationValues } from './placeholders';
import { autolinkUrls, nl2br } from './typography';

export interface SmsPreviewOptions {
  body: string;
  values?: PersonalisationValues;
  prefix?: string;
  showPrefix?: boolean;
  sender?: string;
  showSender?: boolean;
  showRecipient?: boolean;
  /** Show characters as the phone will receive them (default true). */
  downgradeNonSmsCharacters?: boolean;
  redactMissingPersonalisation?: boolean;
}

const PREVIEW_LINK_CLASSES = 'govuk-link govuk-link--no-visited-state';

function previewBody(options: SmsPreviewOptions): string {
  const filled = fillPlaceholders(options.body, options.values, {
    html: true,
    ...(options.redactMissingPersonalisation ? { redactMissing: true } : {}),
  });
  const showPrefix = options.showPrefix ?? true;
  const prefix = showPrefix && options.prefix ? escapeHtml(options.prefix) : undefined;
  const withPrefix = addPrefix(filled, prefix || undefined);
  const encoded = options.downgradeNonSmsCharacters === false ? withPrefix : downgradeToGsm(withPrefix);
  const tidied = normaliseMultipleNewlines(normaliseWhitespaceAndNewlines(removeWhitespaceBeforePunctuation(encoded)));
  return autolinkUrls(nl2br(tidied), { classes: PREVIEW_LINK_CLASSES });
}

/** The preview HTML: optional sender and recipient lines, then the message in its wrapper. */
export function renderSmsPreview(options: SmsPreviewOptions): string {
  const sender = options.showSender
    ? `\n  <p class="sms-message-sender">\n    From: ${options.sender ?? ''}\n  </p>\n`
    : '';
  const recipient = options.showRecipient
    ? `\n  <p class="sms-message-recipient">\n    To: ${fillPlaceholders('((phone number))', options.values, { html: true, withBrackets: false })}\n  </p>\n`
    : '';
  return `${sender}\n${recipient}\n<div class="sms-message-wrapper" dir="auto">\n  ${previewBody(options)}\n</div>`;
}
