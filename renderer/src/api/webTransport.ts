import type { CallResult, CoreEventName, CoreEvents } from '../../../shared/contract';
import type { Transport } from './transport';

const tokenStorageKey = 'notifyDesk.token';

interface Session {
  token: string | null;
  /** Why there is no token, for the person. */
  problem: string;
}

const noAddressCode = 'This page was opened without its access code. Open the address that notify-desk web printed.';

/** The token this browser got for this notify-desk web session, if any (kept so the page can be reloaded). */
export function storedSessionToken(): string | null {
  return window.sessionStorage.getItem(tokenStorageKey);
}

/**
 * Takes the one-time code from ?code= (and out of the address bar) and exchanges it for the session's token; the
 * code works once, so an address copied from a process list opens nothing. Without a code (a reload), the token
 * this tab already has.
 */
async function startSession(): Promise<Session> {
  const url = new URL(window.location.href);
  const code = url.searchParams.get('code');
  if (!code) return { token: storedSessionToken(), problem: noAddressCode };
  url.searchParams.delete('code');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  let problem = 'Cannot reach notify-desk. Check it is still running.';
  try {
    const response = await fetch('/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const body = (await response.json()) as { token?: unknown; error?: { message?: unknown } };
    if (response.ok && typeof body.token === 'string') {
      window.sessionStorage.setItem(tokenStorageKey, body.token);
      return { token: body.token, problem: '' };
    }
    if (typeof body.error?.message === 'string') problem = body.error.message;
  } catch {
    // `problem` says notify-desk could not be reached.
  }
  return { token: storedSessionToken(), problem };
}

function failure(message: string, code: string): CallResult<unknown> {
  return { ok: false, error: { message, code } };
}

function isCallResult(body: unknown): body is CallResult<unknown> {
  return typeof body === 'object' && body !== null && 'ok' in body && typeof body.ok === 'boolean';
}

export function createWebTransport(): Transport {
  const session = startSession();
  let eventSource: EventSource | null = null;

  return {
    async invoke(name, args) {
      const { token, problem } = await session;
      if (!token) return failure(problem, 'no-token');
      let response: Response;
      try {
        response = await fetch('/rpc', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ name, args }),
        });
      } catch {
        return failure('Cannot reach notify-desk. Check it is still running.', 'unreachable');
      }
      if (response.status === 401 || response.status === 403) {
        return failure('This session has ended. Open the address that notify-desk web printed.', 'unauthorised');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return failure(`notify-desk answered with an unexpected response (HTTP ${response.status}).`, 'bad-response');
      }
      return isCallResult(body) ? body : failure('notify-desk answered with an unexpected response.', 'bad-response');
    },

    on<E extends CoreEventName>(event: E, listener: (payload: CoreEvents[E]) => void) {
      let stop: (() => void) | null = null;
      let stopped = false;
      void session.then(({ token }) => {
        if (stopped || !token) return;
        eventSource ??= new EventSource(`/events?token=${encodeURIComponent(token)}`);
        const source = eventSource;
        const handle = (message: MessageEvent<string>) => {
          // The core is the only sender on this stream and it emits the payload CoreEvents declares.
          listener(JSON.parse(message.data) as CoreEvents[E]);
        };
        source.addEventListener(event, handle);
        stop = () => source.removeEventListener(event, handle);
      });
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };
}
