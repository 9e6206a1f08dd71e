// Providers' own statuses in Notify's words, so the outbox, the delivery record and exports read the same whichever
// route a message took. Notify keeps a message `sending` until its provider reports a final status.

/** Notify's status for a message a provider has taken but not yet reported on. */
export const SENDING = 'sending';

/** Message states of SMPP 3.4's `message_state` TLV, as the `stat:` words of a delivery receipt (Appendix B). */
const SMPP_MESSAGE_STATES = [
  'SCHEDULED',
  'ENROUTE',
  'DELIVRD',
  'EXPIRED',
  'DELETED',
  'UNDELIV',
  'ACCEPTD',
  'UNKNOWN',
  'REJECTD',
];

/** The `stat:` word for a `message_state` value, or null for one SMPP 3.4 does not define. */
export const smppStateWord = (messageState: number): string | null => SMPP_MESSAGE_STATES[messageState] ?? null;

/**
 * Notify's status for an SMPP receipt's final state: delivered; expired is temporary (the phone was off too long);
 * undeliverable, rejected and deleted are permanent; unknown is a technical failure. En route and accepted are not final.
 */
export function notifyStatusForSmppReceipt(stat: string): string {
  switch (stat.toUpperCase()) {
    case 'DELIVRD':
      return 'delivered';
    case 'EXPIRED':
      return 'temporary-failure';
    case 'UNDELIV':
    case 'REJECTD':
    case 'DELETED':
      return 'permanent-failure';
    case 'UNKNOWN':
      return 'technical-failure';
    default:
      return SENDING;
  }
}

/** Twilio's error codes for a text that could not reach a phone for now (unreachable, carrier trouble). */
const TWILIO_TEMPORARY_ERRORS = new Set([30001, 30003, 30009]);
/** …for a number that cannot take texts (unknown, a landline, blocked or filtered). */
const TWILIO_PERMANENT_ERRORS = new Set([21211, 21610, 21614, 30004, 30005, 30006, 30007, 30034]);

/** Notify's status for a Twilio message status and its error code. Queued, accepted, sending and sent are not final. */
export function notifyStatusForTwilio(status: string, errorCode: number | null): string {
  switch (status) {
    case 'delivered':
    case 'read':
      return 'delivered';
    case 'undelivered':
      if (errorCode !== null && TWILIO_TEMPORARY_ERRORS.has(errorCode)) return 'temporary-failure';
      if (errorCode !== null && TWILIO_PERMANENT_ERRORS.has(errorCode)) return 'permanent-failure';
      return 'temporary-failure';
    case 'failed':
      return errorCode !== null && TWILIO_PERMANENT_ERRORS.has(errorCode) ? 'permanent-failure' : 'technical-failure';
    case 'canceled':
      return 'technical-failure';
    default:
      return SENDING;
  }
}

/** Whether a Twilio error code (on refusing a request) means the number itself cannot take texts. */
export const twilioNumberRefused = (errorCode: number | null): boolean =>
  errorCode !== null && TWILIO_PERMANENT_ERRORS.has(errorCode);

/**
 * A message's status from its parts' (a long text goes as several): the first failure any part reports; delivered
 * once every part is; sending until then.
 */
export function combinedPartStatus(statuses: readonly (string | null)[]): string {
  const failure = statuses.find((status) => status !== null && status !== SENDING && status !== 'delivered');
  if (failure) return failure;
  return statuses.length > 0 && statuses.every((status) => status === 'delivered') ? 'delivered' : SENDING;
}
