import { MAX_ERROR_TEXT, tidyErrorText } from '../error-text';
import { describeConnectionFailure, type RequestTarget } from './connection-failure';

/**
 * What went wrong talking to Notify, classified by what the sender should do about it:
 * - `unreachable`: no connection was made (refused, DNS, no route); the request surely did nothing. Wait for the service.
 * - `network` / `timeout` / `server` / `invalid-response`: retry later; a send may or may not have been processed.
 * - `rate-limit`: per-minute RateLimitError; slow down, the send was not processed.
 * - `daily-limit`: TooManyRequestsError; hold the channel until midnight UTC, the send was not processed.
 * - `rejected`: Notify refused the request (validation or business rule); final, never retried.
 * - `auth`: the key, service or clock was refused; stop and tell the user.
 * - `not-found`: 404 NoResultFound (or a wrong base URL).
 * - `proxy` / `certificate`: the proxy refused, or TLS met a certificate this computer does not trust; nothing reached
 *   Notify. Wait, and tell the user (or IT) what to fix.
 */
export type NotifyErrorKind =
  | 'unreachable'
  | 'network'
  | 'timeout'
  | 'server'
  | 'invalid-response'
  | 'rate-limit'
  | 'daily-limit'
  | 'rejected'
  | 'auth'
  | 'not-found'
  | 'proxy'
  | 'certificate';

export interface NotifyErrorEntry {
  error: string;
  message: string;
}

export class NotifyApiError extends Error {
  constructor(
    readonly kind: NotifyErrorKind,
    message: string,
    readonly httpStatus: number | null = null,
    readonly entries: readonly NotifyErrorEntry[] = [],
    options?: { cause?: unknown },
  ) {
    super(tidyErrorText(message), options);
    this.name = 'NotifyApiError';
  }

  /** Worth trying the same request again later. */
  get retryable(): boolean {
    return [
      'unreachable',
      'proxy',
      'certificate',
      'network',
      'timeout',
      'server',
      'invalid-response',
      'rate-limit',
      'daily-limit',
    ].includes(this.kind);
  }

  /** A send that failed this way may still have created a notification: look its reference up before sending again. */
  get outcomeUnknown(): boolean {
    return ['network', 'timeout', 'server', 'invalid-response'].includes(this.kind);
  }

  /** The connection to Notify failed (as opposed to Notify answering with an error). */
  get connectionFailed(): boolean {
    return ['unreachable', 'proxy', 'certificate', 'network', 'timeout'].includes(this.kind);
  }

  /** For `daily-limit`: the limit named by Notify (`sms`, `email`, `letter` or `international_sms`). */
  get dailyLimitType(): string | null {
    if (this.kind !== 'daily-limit') return null;
    return /Exceeded send limits \((\w+):/.exec(this.message)?.[1] ?? null;
  }
}

/** Classifies a failure with no HTTP response (axios `error.code`), in words (see connection-failure.ts). */
export function connectionError(
  code: string | undefined,
  detail: string,
  target: RequestTarget,
  cause: unknown,
): NotifyApiError {
  const { kind, message } = describeConnectionFailure(code, detail, target);
  return new NotifyApiError(kind, message, null, [], { cause });
}

/** Classifies an HTTP error response from its status and Notify's error envelope. */
export function responseError(status: number, entries: readonly NotifyErrorEntry[]): NotifyApiError {
  const first = entries[0];
  // Notify's own words, but a line of them: a broken server or proxy can answer with a page of markup.
  const text = tidyErrorText(entries.map((entry) => entry.message).join('; '), MAX_ERROR_TEXT - 40);
  if (status === 429) {
    if (first?.error === 'TooManyRequestsError') {
      return new NotifyApiError(
        'daily-limit',
        text || 'Notify’s daily sending limit has been reached.',
        status,
        entries,
      );
    }
    return new NotifyApiError('rate-limit', text || 'Notify’s rate limit was exceeded.', status, entries);
  }
  if (status >= 500) {
    return new NotifyApiError(
      'server',
      `Notify had a problem (HTTP ${status}${text ? `: ${text}` : ''}).`,
      status,
      entries,
    );
  }
  if (status === 401 || first?.error === 'AuthError') {
    return new NotifyApiError('auth', `Notify refused the API key: ${text || `HTTP ${status}`}`, status, entries);
  }
  if (status === 404) {
    return new NotifyApiError(
      'not-found',
      text || 'Notify has no such item, or the service URL is wrong.',
      status,
      entries,
    );
  }
  return new NotifyApiError('rejected', text || `Notify refused the request (HTTP ${status}).`, status, entries);
}
