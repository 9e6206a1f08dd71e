import type { CallResult, CoreEventName, CoreEvents } from '../../../shared/contract';
import type { Transport } from './transport';

const tokenStorageKey = 'notifyDesk.token';

/** Takes the token from ?token= once, keeps it for this tab and removes it from the address bar. */
export function readSessionToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    window.sessionStorage.setItem(tokenStorageKey, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return window.sessionStorage.getItem(tokenStorageKey);
}

function failure(message: string, code: string): CallResult<unknown> {
  return { ok: false, error: { message, code } };
}

function isCallResult(body: unknown): body is CallResult<unknown> {
  return typeof body === 'object' && body !== null && 'ok' in body && typeof body.ok === 'boolean';
}

export function createWebTransport(token: string | null): Transport {
  let eventSource: EventSource | null = null;

  function events(): EventSource {
    eventSource ??= new EventSource(`/events?token=${encodeURIComponent(token ?? '')}`);
    return eventSource;
  }

  return {
    async invoke(name, args) {
      if (!token) {
        return failure('This page was opened without its access token. Open the link that notify-desk web printed.', 'no-token');
      }
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
        return failure('This session has expired. Open the link that notify-desk web printed.', 'unauthorised');
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
      const source = events();
      const handle = (message: MessageEvent<string>) => {
        // The core is the only sender on this stream and it emits the payload CoreEvents declares.
        listener(JSON.parse(message.data) as CoreEvents[E]);
      };
      source.addEventListener(event, handle);
      return () => source.removeEventListener(event, handle);
    },
  };
}
