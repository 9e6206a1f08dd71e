import { badRequest } from './api-error';
import type { SimulatorContext } from './context';
import { isPlainObject, parseJsonBody } from './json-body';
import { checkPostalAddress } from './notify-rules';
import { stampNotification } from './persist';
import { POST_LETTER_REQUEST, POST_PRECOMPILED_LETTER_REQUEST } from './request-schemas';
import { validateAgainstSchema, validationErrorFor } from './schema';
import { SEEDED_TEMPLATE_IDS } from './seed-data';
import { checkServiceMaySend } from './service';
import { hasFileValue, templateForSend } from './template-checks';
import type { KeyType, Postage } from './types';
import { canonicalUuid } from './uuid';

interface LetterRequest {
  template_id: string;
  personalisation: Record<string, unknown>;
  reference?: string;
}

interface PrecompiledLetterRequest {
  reference: string;
  content: string;
  postage?: 'first' | 'second' | 'economy';
}

const ADDRESS_LINE_KEYS = [
  'address_line_1',
  'address_line_2',
  'address_line_3',
  'address_line_4',
  'address_line_5',
  'address_line_6',
];
const PDF_MAGIC = Buffer.from('%PDF');

function checkLetterLimits(context: SimulatorContext, keyType: KeyType): void {
  context.rateLimiter.check(keyType);
  context.dailyLimits.check(keyType, 'letter');
}

/** Team keys never send letters; a trial service sends them only with a test key. Both are 403. */
function checkMaySendLetters(context: SimulatorContext, keyType: KeyType): void {
  if (keyType === 'team') throw badRequest('Cannot send letters with a team api key', 403);
  if (context.service.trialMode && keyType !== 'test') {
    throw badRequest('Cannot send letters when service is in trial mode', 403);
  }
}

const asLine = (value: unknown): string | null =>
  value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);

/**
 * POST /v2/notifications/letter. The precompiled handler runs the limits first and hands bodies without
 * `content` over to the templated handler, which runs them again: a templated letter takes two tokens.
 */
export function sendLetter(context: SimulatorContext, keyType: KeyType, rawBody: Buffer): Record<string, unknown> {
  checkLetterLimits(context, keyType);
  const body = parseJsonBody(rawBody);
  if (isPlainObject(body) && 'content' in body) return sendPrecompiledLetter(context, keyType, body);

  checkLetterLimits(context, keyType);
  validateAgainstSchema(body, POST_LETTER_REQUEST);
  const request = body as LetterRequest;
  checkServiceMaySend(context.service, 'letter');
  const personalisation = request.personalisation;
  const template = templateForSend(context, request.template_id, 'letter', personalisation);
  const renderedBody = template.compiled.body(personalisation);
  const renderedSubject = template.compiled.subject(personalisation);
  if (hasFileValue(personalisation)) throw badRequest('Can only send a file by email');

  checkMaySendLetters(context, keyType);
  const address = checkPostalAddress(personalisation, {
    allowInternational: context.service.permissions.has('international_letters'),
  });
  if (!address.valid) throw validationErrorFor(address.message);

  const postage: Postage = address.postage ?? template.postage ?? 'second';
  const templateId = canonicalUuid(request.template_id);
  const notification = stampNotification(context, {
    keyType,
    type: 'letter',
    reference: request.reference ?? null,
    templateId,
    templateVersion: template.version,
    personalisation,
    recipient: null,
    addressLines: ADDRESS_LINE_KEYS.map((key) => asLine(personalisation[key])),
    postcode: asLine(personalisation['postcode']),
    body: renderedBody,
    subject: renderedSubject,
    postage,
    oneClickUnsubscribeUrl: null,
    precompiled: false,
    billableUnits: 1,
    international: address.postage !== null,
    rateMultiplier: 1,
    finalStatus: 'delivered',
    pdf: null,
  });
  context.store.add(notification);
  context.dailyLimits.record(keyType, 'letter');
  const { apiRoot, serviceId } = context.location;
  return {
    id: notification.id,
    reference: notification.reference,
    uri: `${apiRoot}/v2/notifications/${notification.id}`,
    template: {
      id: templateId,
      version: template.version,
      uri: `${apiRoot}/services/${serviceId}/templates/${templateId}`,
    },
    scheduled_for: null,
    content: { body: renderedBody, subject: renderedSubject },
  };
}

/** Python's non-strict b64decode: characters outside the alphabet are dropped, then the padding must be right. */
function decodeBase64(content: string): Buffer | undefined {
  const kept = content.replace(/[^A-Za-z0-9+/=]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(kept) || kept.length % 4 !== 0) return undefined;
  return Buffer.from(kept, 'base64');
}

function sendPrecompiledLetter(
  context: SimulatorContext,
  keyType: KeyType,
  body: Record<string, unknown>,
): Record<string, unknown> {
  validateAgainstSchema(body, POST_PRECOMPILED_LETTER_REQUEST);
  const request = body as unknown as PrecompiledLetterRequest;
  checkServiceMaySend(context.service, 'letter');
  checkMaySendLetters(context, keyType);
  const pdf = decodeBase64(request.content);
  if (!pdf) throw badRequest('Cannot decode letter content (invalid base64 encoding)');

  const postage: Postage = request.postage ?? 'second';
  const notification = stampNotification(context, {
    keyType,
    type: 'letter',
    reference: request.reference,
    templateId: SEEDED_TEMPLATE_IDS.precompiledLetter,
    templateVersion: 1,
    personalisation: { address_line_1: 'Provided as PDF' },
    recipient: null,
    addressLines: ['Provided as PDF'],
    postcode: null,
    body: '',
    subject: 'Pre-compiled PDF',
    postage,
    oneClickUnsubscribeUrl: null,
    precompiled: true,
    billableUnits: 1,
    international: false,
    rateMultiplier: 1,
    // The virus scan and validation stand-in: anything that is not a PDF fails validation.
    finalStatus: pdf.subarray(0, 4).equals(PDF_MAGIC) ? 'delivered' : 'validation-failed',
    pdf,
  });
  // A PDF that fails validation fails as its virus check ends, without going to print.
  if (notification.finalStatus === 'validation-failed') notification.completedAtMs = notification.sendingAtMs;
  context.store.add(notification);
  context.dailyLimits.record(keyType, 'letter');
  return { id: notification.id, reference: notification.reference, postage };
}
