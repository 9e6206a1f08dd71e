// How the Notify client goes out through the network layer: the proxy as axios takes it, and the proxy and
// certificate failures as NotifyApiErrors of their own kinds.
import type { AxiosProxyConfig, AxiosResponse } from 'axios';
import { TLSSocket } from 'node:tls';
import {
  connectionFailure,
  proxyRefusal,
  setupFailure,
  type NetworkFailure,
  type RequestRoute,
} from '../network/network-failure';
import type { ProxyServer } from '../network/proxy-route';
import { NotifyApiError } from './errors';

/** axios tunnels https:// requests through the proxy with CONNECT, so the proxy never sees what is sent. */
export function axiosProxy(proxy: ProxyServer | null): AxiosProxyConfig | false {
  if (!proxy) return false;
  return {
    protocol: proxy.protocol,
    host: proxy.host,
    port: proxy.port,
    ...(proxy.username !== undefined ? { auth: { username: proxy.username, password: proxy.password ?? '' } } : {}),
  };
}

const asApiError = (failure: NetworkFailure, cause: unknown): NotifyApiError =>
  new NotifyApiError(failure.kind, failure.message, null, [], { cause });

/** A proxy setting or CA file that cannot be used, as the error of its kind (or null for anything else). */
export function setupError(error: unknown): NotifyApiError | null {
  const failure = setupFailure(error);
  return failure ? asApiError(failure, error) : null;
}

/** A connection failure that the proxy or a certificate explains, or null for an ordinary network error. */
export function routeError(code: string | undefined, route: RequestRoute, cause: unknown): NotifyApiError | null {
  const failure = connectionFailure(code, route);
  return failure ? asApiError(failure, cause) : null;
}

/**
 * The proxy answered an https:// request itself (refusing the tunnel: no TLS was ever set up with Notify), or it
 * answered 407 on a plain http:// request; null when the answer is Notify's.
 */
export function proxyAnswerError(
  response: AxiosResponse<unknown>,
  route: RequestRoute,
  secure: boolean,
): NotifyApiError | null {
  if (!route.proxy) return null;
  const socket: unknown = (response.request as { socket?: unknown } | undefined)?.socket;
  const answeredByProxy = secure ? !(socket instanceof TLSSocket) : response.status === 407;
  if (!answeredByProxy) return null;
  const failure = proxyRefusal(response.status, { ...route, proxy: route.proxy });
  return new NotifyApiError(failure.kind, failure.message, response.status);
}
