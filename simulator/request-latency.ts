// How long each kind of API request takes before it is answered, where Notify's own timings differ from one kind
// to another (a precompiled letter is uploaded and stored before Notify answers; a text is only queued).
import { isPlainObject } from './json-body';

export const REQUEST_KINDS = [
  'sms',
  'email',
  'letter',
  'precompiled-letter',
  'notification',
  'notifications',
  'letter-pdf',
  'template',
  'templates',
  'template-preview',
  'received-texts',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/**
 * Added delay by kind, in milliseconds. Chosen to give the order of Notify's timings (a precompiled letter is
 * answered after its PDF is stored, a letter's PDF is fetched from storage), not measured against Notify.
 */
export const DEFAULT_REQUEST_LATENCY_MS: Readonly<Record<RequestKind, number>> = {
  sms: 0,
  email: 0,
  letter: 0,
  'precompiled-letter': 1500,
  notification: 0,
  notifications: 0,
  'letter-pdf': 300,
  template: 0,
  templates: 0,
  'template-preview': 0,
  'received-texts': 0,
};

/** The letter route takes templated and precompiled letters: a body with `content` is precompiled. */
export function letterRequestKind(body: Buffer): RequestKind {
  // Cheap look before parsing: base64 content is most of a precompiled letter's body.
  if (!body.includes('"content"')) return 'letter';
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return isPlainObject(parsed) && 'content' in parsed ? 'precompiled-letter' : 'letter';
  } catch {
    return 'letter';
  }
}
