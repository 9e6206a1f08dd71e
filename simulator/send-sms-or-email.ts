import { randomUUID } from 'node:crypto';
import { ApiError, badRequest } from './api-error';
import { EMAIL_BYTE_LIMIT, SMOKE_TEST_EMAIL_ADDRESSES, SMOKE_TEST_PHONE_NUMBERS } from './constants';
import type { SimulatorContext } from './context';
import { parseJsonBody } from './json-body';
import { checkEmailAddress, checkPhoneNumber, smsRateMultiplier, strippedRecipient } from './notify-rules';
import { simulatedFinalStatus, stampNotification } from './persist';
import { uploadDocuments } from './document-uploads';
import { POST_EMAIL_REQUEST } from './request-schemas';
import { validateAgainstSchema } from './schema';
import { checkServiceMaySend, type Sender } from './service';
import { sanitisePersonalisation } from './sanitise-content';
import { hasFileValue, templateForSend } from './template-checks';
import type { KeyType } from './types';
import { canonicalUuid } from './uuid';

const TEAM_KEY_RECIPIENT_MESSAGE = 'Can’t send to this recipient using a team-only API key';
const TRIAL_MODE_RECIPIENT_MESSAGE =
  'Can’t send to this recipient when service is in trial mode – see https://www.notifications.service.gov.uk/trial-mode';

interface SmsRequest {
  phone_number: string;
  template_id: string;
  personalisation?: Record<string, unknown>;
  reference?: string;
  sms_sender_id?: string;
}

interface EmailRequest {
  email_address: string;
  template_id: string;
  personalisation?: Record<string, unknown>;
  reference?: string;
  email_reply_to_id?: string;
  one_click_unsubscribe_url?: string;
  sanitise_content_for?: unknown[] | null;
}

/** Step 2 of §3.5, before the body is even parsed. */
function checkSendLimits(context: SimulatorContext, keyType: KeyType, type: 'sms' | 'email'): void {
  context.rateLimiter.check(keyType);
  context.dailyLimits.check(keyType, type);
}

function senderById(senders: readonly Sender[], id: string, field: string, serviceId: string): Sender {
  const sender = senders.find((candidate) => candidate.id === canonicalUuid(id));
  if (!sender) throw badRequest(`${field} ${id} does not exist in database for service id ${serviceId}`);
  return sender;
}

/** Step 9's first check: team keys, and live keys of a trial service, only reach the team and guest list. */
function checkRecipientAllowed(context: SimulatorContext, keyType: KeyType, normalisedRecipient: string): void {
  if (keyType === 'test' || context.service.allowedRecipients.has(normalisedRecipient)) return;
  if (keyType === 'team') throw badRequest(TEAM_KEY_RECIPIENT_MESSAGE);
  if (context.service.trialMode) throw badRequest(TRIAL_MODE_RECIPIENT_MESSAGE);
}

function templateResponse(context: SimulatorContext, templateId: string, version: number): Record<string, unknown> {
  const { apiRoot, serviceId } = context.location;
  return { id: templateId, version, uri: `${apiRoot}/services/${serviceId}/templates/${templateId}` };
}

/** POST /v2/notifications/sms, in Notify's order of checks (§3.5). */
export function sendSms(context: SimulatorContext, keyType: KeyType, rawBody: Buffer): Record<string, unknown> {
  checkSendLimits(context, keyType, 'sms');
  const body = parseJsonBody(rawBody);
  validateAgainstSchema(body, context.smsRequestSchema);
  const request = body as SmsRequest;
  checkServiceMaySend(context.service, 'sms');
  const personalisation = request.personalisation ?? {};

  const template = templateForSend(context, request.template_id, 'sms', personalisation);
  const rendered = template.compiled.sms(personalisation);
  if (rendered.empty) throw badRequest('Your message is empty.');
  if (hasFileValue(personalisation)) throw badRequest('Can only send a file by email');

  const sender = request.sms_sender_id
    ? senderById(context.service.smsSenders, request.sms_sender_id, 'sms_sender_id', context.service.id).value
    : context.service.defaultSmsSender;

  const phoneNumber = strippedRecipient(request.phone_number);
  const permitted = checkPhoneNumber(phoneNumber, context.service.phonePermissions);
  if (!permitted.valid) {
    // The team / trial restriction comes before the permission refusal, so it needs the number itself.
    const parsed = checkPhoneNumber(phoneNumber, { allowInternational: true, allowLandline: true });
    if (parsed.valid) checkRecipientAllowed(context, keyType, parsed.normalised);
    throw ApiError.single(400, permitted.errorName, permitted.message);
  }
  checkRecipientAllowed(context, keyType, permitted.normalised);
  if (permitted.international) context.dailyLimits.check(keyType, 'international_sms');

  const isSmokeTest = SMOKE_TEST_PHONE_NUMBERS.has(permitted.normalised);
  if (rendered.tooLong) {
    throw badRequest(
      `Your message is too long. Text messages cannot be longer than 918 characters. Your message is ${rendered.characterCountWithoutPrefix} characters long.`,
    );
  }

  const reference = request.reference ?? null;
  const response = (id: string): Record<string, unknown> => ({
    id,
    reference,
    content: { body: rendered.rendered, from_number: sender },
    uri: `${context.location.apiRoot}/v2/notifications/${id}`,
    template: templateResponse(context, canonicalUuid(request.template_id), template.version),
    scheduled_for: null,
  });
  if (isSmokeTest) return response(randomUUID());

  const notification = stampNotification(context, {
    keyType,
    type: 'sms',
    reference,
    templateId: canonicalUuid(request.template_id),
    templateVersion: template.version,
    personalisation,
    recipient: phoneNumber,
    addressLines: [],
    postcode: null,
    body: rendered.rendered,
    subject: null,
    postage: null,
    oneClickUnsubscribeUrl: null,
    precompiled: false,
    billableUnits: rendered.fragmentCount,
    international: permitted.international,
    rateMultiplier: permitted.international ? smsRateMultiplier(permitted.normalised) : 1,
    finalStatus: simulatedFinalStatus(keyType, permitted.normalised),
    pdf: null,
  });
  context.store.add(notification);
  context.dailyLimits.record(keyType, 'sms');
  if (permitted.international) context.dailyLimits.record(keyType, 'international_sms');
  return response(notification.id);
}

/** POST /v2/notifications/email, in Notify's order of checks (§3.5). */
export function sendEmail(context: SimulatorContext, keyType: KeyType, rawBody: Buffer): Record<string, unknown> {
  checkSendLimits(context, keyType, 'email');
  const body = parseJsonBody(rawBody);
  validateAgainstSchema(body, POST_EMAIL_REQUEST);
  const request = body as EmailRequest;
  checkServiceMaySend(context.service, 'email');
  const { personalisation, changes: sanitisedContent } = sanitisePersonalisation(
    request.personalisation ?? {},
    request.sanitise_content_for ?? [],
  );

  const template = templateForSend(context, request.template_id, 'email', personalisation);
  if (template.compiled.isEmpty(personalisation)) throw badRequest('Your message is empty.');

  if (request.email_reply_to_id) {
    senderById(context.service.emailReplyTos, request.email_reply_to_id, 'email_reply_to_id', context.service.id);
  }

  const emailAddress = strippedRecipient(request.email_address);
  const checked = checkEmailAddress(emailAddress);
  const normalised = checked.valid ? checked.normalised.toLowerCase() : emailAddress.toLowerCase();
  checkRecipientAllowed(context, keyType, normalised);

  const isSmokeTest = SMOKE_TEST_EMAIL_ADDRESSES.has(normalised);
  const withDocumentLinks = uploadDocuments(personalisation, context.service.id, isSmokeTest);
  const renderedBody = template.compiled.body(withDocumentLinks);
  const renderedSubject = template.compiled.subject(withDocumentLinks);
  const byteLength = Buffer.byteLength(renderedBody, 'utf8');
  if (byteLength > EMAIL_BYTE_LIMIT) {
    throw badRequest(
      `Your message is too long. Emails cannot be longer than ${EMAIL_BYTE_LIMIT} bytes. Your message is ${byteLength} bytes.`,
    );
  }

  const reference = request.reference ?? null;
  const oneClickUnsubscribeUrl = request.one_click_unsubscribe_url ?? null;
  const response = (id: string): Record<string, unknown> => ({
    id,
    reference,
    uri: `${context.location.apiRoot}/v2/notifications/${id}`,
    template: templateResponse(context, canonicalUuid(request.template_id), template.version),
    scheduled_for: null,
    content: {
      from_email: context.service.fromEmail,
      body: renderedBody,
      subject: renderedSubject,
      one_click_unsubscribe_url: oneClickUnsubscribeUrl,
    },
    sanitised_content: sanitisedContent,
  });
  if (isSmokeTest) return response(randomUUID());

  const notification = stampNotification(context, {
    keyType,
    type: 'email',
    reference,
    templateId: canonicalUuid(request.template_id),
    templateVersion: template.version,
    personalisation: withDocumentLinks,
    recipient: emailAddress,
    addressLines: [],
    postcode: null,
    body: renderedBody,
    subject: renderedSubject,
    postage: null,
    oneClickUnsubscribeUrl,
    precompiled: false,
    billableUnits: 0,
    international: false,
    rateMultiplier: 1,
    finalStatus: simulatedFinalStatus(keyType, normalised),
    pdf: null,
  });
  context.store.add(notification);
  context.dailyLimits.record(keyType, 'email');
  return response(notification.id);
}
