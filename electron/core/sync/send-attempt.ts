import type { ActiveService } from '../core-context';
import { NotifyApiError, InvalidApiKeyError, type NotifyClient } from '../notify-client';
import type { HeldChannel } from '../../../shared/contract';
import type { ClaimedMessage } from '../outbox/leases';
import { stateForNotifyStatus } from '../outbox/notify-status';
import { isSmokeTestRecipient } from '../../../shared/notify/smoke-test-recipients';
import type { AttemptOutcome } from '../outbox/transitions';
import { UnreadablePersonalisationError } from '../outbox/stored-personalisation';
import { errorText } from '../error-text';
import { HELD_FOR_PASS_THROUGH } from '../outbox/held-messages';
import { backoffMs } from './backoff';
import { MissingPassThroughTemplateError, sendMessage } from './notify-request';
import { NOTIFY_PROVIDER } from '../routing/channel-routes';

export interface RetryPolicy {
  maxAttempts: number;
  maxRetryAgeMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long after an attempt with an unknown outcome before its reference is looked up (lets a slow request land). */
  outcomeSettleMs: number;
}

export const SMOKE_TEST_STATUS_NEVER_KNOWN =
  'Notify accepted it, but this is one of Notify’s test numbers or addresses: Notify keeps no record of messages to them, so their delivery status can never be known.';

/** What the attempt tells the engine about Notify, besides the message's own outcome. */
export type ServiceSignal =
  | { kind: 'answered' }
  | { kind: 'connection-failed'; unreachable: boolean; error: string }
  | { kind: 'rate-limited' }
  | { kind: 'daily-limit'; channel: HeldChannel; reason: string }
  | { kind: 'blocked'; error: string };

export interface AttemptResult {
  outcome: AttemptOutcome;
  signal: ServiceSignal;
  /** A POST reached (or may have reached) Notify. */
  sent: boolean;
  adopted: boolean;
  /**
   * The route proved it did not take the message (no connection, an explicit refusal, a throttle that went on too
   * long): the next route of the channel may send it. Otherwise `outcome` stands.
   */
  failover?: boolean;
}

/**
 * One attempt for a leased message: when an earlier attempt's outcome is unknown, look its reference up first and
 * adopt Notify's notification if it exists; otherwise send. Never throws.
 */
export async function attemptSend(
  client: NotifyClient,
  service: ActiveService,
  message: ClaimedMessage,
  policy: RetryPolicy,
  now: () => Date = () => new Date(),
  beforeSend: () => void = () => undefined,
): Promise<AttemptResult> {
  if (message.lookUpFirst) {
    try {
      const found = await client.findByReference(message.reference);
      if (found) {
        return {
          outcome: {
            id: message.id,
            to: stateForNotifyStatus(found.status),
            notifyId: found.id,
            notifyStatus: found.status,
            provider: NOTIFY_PROVIDER,
            acceptedAt: isoOrNull(found.created_at),
            sentThrough: service.id,
            countAttempt: false,
            outcomeUnknown: false,
            detail: 'Notify already had this message (found by its reference), so it was not sent again',
          },
          signal: { kind: 'answered' },
          sent: false,
          adopted: true,
        };
      }
    } catch (error) {
      return failed(error, message, policy, now(), false);
    }
  }
  try {
    const response = await sendMessage(client, service, message, beforeSend);
    // Notify keeps nothing of a message to one of its smoke-test recipients: its status can never be asked for.
    const neverKept = isSmokeTestRecipient(message.type, message.recipient);
    return {
      outcome: {
        id: message.id,
        to: neverKept ? 'status-unknown' : 'accepted',
        notifyId: response.id,
        notifyStatus: 'created',
        provider: NOTIFY_PROVIDER,
        sentThrough: service.id,
        countAttempt: true,
        outcomeUnknown: false,
        lastError: neverKept ? SMOKE_TEST_STATUS_NEVER_KNOWN : null,
        detail: neverKept ? `accepted by Notify; ${SMOKE_TEST_STATUS_NEVER_KNOWN}` : 'accepted by Notify',
      },
      signal: { kind: 'answered' },
      sent: true,
      adopted: false,
    };
  } catch (error) {
    return failed(error, message, policy, now(), true);
  }
}

function failed(
  error: unknown,
  message: ClaimedMessage,
  policy: RetryPolicy,
  now: Date,
  wasSend: boolean,
): AttemptResult {
  const result = classifyFailure(error, message, policy, now, wasSend);
  // A message Notify may already hold is Notify's to answer for: it never goes another way.
  return provesNotAccepted(error) && !message.lookUpFirst ? { ...result, failover: true } : result;
}

/** Failures that show Notify did not take the message: nothing reached it, or it refused it. */
function provesNotAccepted(error: unknown): boolean {
  if (error instanceof MissingPassThroughTemplateError || error instanceof InvalidApiKeyError) return true;
  if (!(error instanceof NotifyApiError)) return false;
  return ['unreachable', 'proxy', 'certificate', 'auth', 'not-found', 'daily-limit', 'rejected'].includes(error.kind);
}

function classifyFailure(
  error: unknown,
  message: ClaimedMessage,
  policy: RetryPolicy,
  now: Date,
  wasSend: boolean,
): AttemptResult {
  // Before a send the outcome is what it was; after a failed send it is unknown unless Notify's answer says otherwise.
  const unchanged = message.lookUpFirst || message.previousOutcomeUnknown;
  const handBack = (signal: ServiceSignal, detail: string, lastError: string | null = null): AttemptResult => ({
    outcome: { id: message.id, to: 'queued', countAttempt: false, outcomeUnknown: unchanged, lastError, detail },
    signal,
    sent: false,
    adopted: false,
  });

  if (error instanceof MissingPassThroughTemplateError || error instanceof UnreadablePersonalisationError) {
    const heldFor = error instanceof MissingPassThroughTemplateError ? HELD_FOR_PASS_THROUGH : null;
    return {
      outcome: {
        id: message.id,
        to: 'needs-attention',
        countAttempt: false,
        outcomeUnknown: unchanged,
        heldFor,
        lastError: error.message,
        detail: error.message,
      },
      signal: { kind: 'answered' },
      sent: false,
      adopted: false,
    };
  }
  if (error instanceof InvalidApiKeyError)
    return handBack({ kind: 'blocked', error: error.message }, 'not sent: the API key is not usable');
  if (!(error instanceof NotifyApiError)) {
    return retryLater(message, policy, now, wasSend || unchanged, errorText(error), { kind: 'answered' }, wasSend);
  }
  // A failed look-up of a reference sent nothing: it is tried again, but not counted as an attempt to send.
  switch (error.kind) {
    case 'unreachable':
      return handBack(
        { kind: 'connection-failed', unreachable: true, error: error.message },
        'not sent: Notify could not be reached',
        error.message,
      );
    case 'proxy':
    case 'certificate':
      return handBack(
        { kind: 'connection-failed', unreachable: true, error: error.message },
        `not sent: ${error.message}`,
        error.message,
      );
    case 'rate-limit':
      return handBack({ kind: 'rate-limited' }, `not sent: ${error.message}`);
    case 'daily-limit':
      return handBack(
        {
          kind: 'daily-limit',
          channel: error.dailyLimitType === 'international_sms' ? 'international_sms' : message.type,
          reason: error.message,
        },
        `not sent: ${error.message}`,
        error.message,
      );
    case 'auth':
      return handBack({ kind: 'blocked', error: error.message }, `not sent: ${error.message}`, error.message);
    case 'not-found':
      return handBack(
        {
          kind: 'blocked',
          error: `Notify answered “not found” (${error.message}). Check the service URL in Settings.`,
        },
        'not sent: Notify answered “not found”',
      );
    case 'rejected':
      if (!wasSend) return retryLater(message, policy, now, unchanged, error.message, { kind: 'answered' }, false);
      return {
        outcome: {
          id: message.id,
          to: 'rejected',
          countAttempt: true,
          outcomeUnknown: false,
          lastError: error.message,
          detail: `rejected by Notify: ${error.message}`,
        },
        signal: { kind: 'answered' },
        sent: true,
        adopted: false,
      };
    case 'network':
    case 'timeout':
    case 'server':
    case 'invalid-response': {
      const signal: ServiceSignal = error.connectionFailed
        ? { kind: 'connection-failed', unreachable: false, error: error.message }
        : { kind: 'answered' };
      return retryLater(message, policy, now, wasSend || unchanged, error.message, signal, wasSend);
    }
  }
}

/** `sent`: the failed request was a send (it counts towards the limit of attempts); otherwise a look-up. */
export function retryLater(
  message: ClaimedMessage,
  policy: RetryPolicy,
  now: Date,
  outcomeUnknown: boolean,
  lastError: string,
  signal: ServiceSignal,
  sent: boolean,
): AttemptResult {
  const attempts = message.attempts + (sent ? 1 : 0);
  const age = now.getTime() - Date.parse(message.sendAfter);
  if ((sent && attempts >= policy.maxAttempts) || (message.attempts > 0 && age > policy.maxRetryAgeMs)) {
    const why = attempts >= policy.maxAttempts ? `${attempts} attempts failed` : 'retries went on too long';
    return {
      outcome: {
        id: message.id,
        to: 'needs-attention',
        countAttempt: sent,
        outcomeUnknown,
        lastError: `${why}; last error: ${lastError} Retry or cancel it.`,
        detail: `${why}: ${lastError}`,
      },
      signal,
      sent,
      adopted: false,
    };
  }
  let delay = backoffMs(message.attempts + 1, policy.retryBaseMs, policy.retryMaxMs);
  if (outcomeUnknown) delay = Math.max(delay, policy.outcomeSettleMs);
  return {
    outcome: {
      id: message.id,
      to: 'queued',
      countAttempt: sent,
      outcomeUnknown,
      nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
      lastError,
      detail: `attempt failed, will retry: ${lastError}`,
    },
    signal,
    sent,
    adopted: false,
  };
}

const isoOrNull = (timestamp: string): string | null => {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};
