import { tidyErrorText } from '../error-text';
import type { NotifyErrorKind } from './errors';

/** Where a request went, to name it in what the person reads. */
export interface RequestTarget {
  hostname: string;
  /** The port, written out even when the URL leaves it implicit. */
  port: string;
  timeoutMs: number;
  /** Who answers there, as the person knows it. */
  service: string;
}

export function requestTarget(baseUrl: string, timeoutMs: number, service = 'Notify'): RequestTarget {
  const url = new URL(baseUrl);
  return { hostname: url.hostname, port: url.port || (url.protocol === 'https:' ? '443' : '80'), timeoutMs, service };
}

const NO_CONNECTION: Record<string, (target: RequestTarget) => string> = {
  ECONNREFUSED: (t) => `notify-desk could not connect to ${t.hostname}:${t.port} (nothing is listening there).`,
  ENOTFOUND: (t) => `notify-desk could not find ${t.hostname} (no computer has that name: check the service URL).`,
  EAI_AGAIN: (t) =>
    `notify-desk could not look up ${t.hostname} (the name server did not answer: check the network connection).`,
  EHOSTUNREACH: (t) =>
    `notify-desk could not reach ${t.hostname} (there is no route to it: check the network connection).`,
  ENETUNREACH: (t) => `notify-desk could not reach ${t.hostname} (this computer is not on a network that leads there).`,
  EADDRNOTAVAIL: (t) => `notify-desk could not reach ${t.hostname} (this computer has no address to connect from).`,
};

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE']);

function seconds(ms: number): string {
  const value = Math.round(ms / 100) / 10;
  return `${value} ${value === 1 ? 'second' : 'seconds'}`;
}

/**
 * A request that got no HTTP answer (and no answer about the proxy or a certificate: see network/network-failure.ts), in a sentence a person can act on, and what it means for a send:
 * `unreachable` (no connection was made, so nothing was sent), `timeout` or `network` (it may have been).
 */
export function describeConnectionFailure(
  code: string | undefined,
  detail: string,
  target: RequestTarget,
): { kind: NotifyErrorKind; message: string } {
  const noConnection = code ? NO_CONNECTION[code] : undefined;
  if (noConnection) return { kind: 'unreachable', message: noConnection(target) };
  if (code && TIMEOUT_CODES.has(code)) {
    return {
      kind: 'timeout',
      message: `${target.service} (${target.hostname}:${target.port}) did not answer within ${seconds(target.timeoutMs)}.`,
    };
  }
  if ((code && CLOSED_CODES.has(code)) || /socket hang up/i.test(detail)) {
    return {
      kind: 'network',
      message: `The connection to ${target.hostname}:${target.port} was closed before ${target.service} answered.`,
    };
  }
  return {
    kind: 'network',
    message: `The connection to ${target.hostname}:${target.port} failed (${tidyErrorText(detail, 120)}).`,
  };
}
