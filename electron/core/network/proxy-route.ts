// Which proxy, if any, a request goes through: the environment's *_PROXY / NO_PROXY variables when they are set
// (as curl and most command-line tools do), otherwise what the host reports for the system (the desktop app asks
// Chromium, which knows the operating system's settings and PAC scripts), otherwise straight to the server.
import { getProxyForUrl } from 'proxy-from-env';

export interface ProxyServer {
  protocol: 'http:' | 'https:';
  host: string;
  port: number;
  username?: string;
  password?: string;
}

/**
 * The host's answer for the system's proxy settings, in the PAC form Chromium's `session.resolveProxy` gives:
 * `"DIRECT"`, `"PROXY proxy.example:8080; DIRECT"`, `"HTTPS proxy.example:443"`.
 */
export type SystemProxyResolver = (url: string) => Promise<string>;

export class UnusableProxyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnusableProxyError';
  }
}

/** How a proxy is named to a user: its address without any user name or password. */
export const proxyLabel = (proxy: ProxyServer): string =>
  `${proxy.host.includes(':') ? `[${proxy.host}]` : proxy.host}:${proxy.port}`;

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The variable as proxy-from-env reads it: the lower-case name first. */
function environmentValue(name: string): string {
  return process.env[name.toLowerCase()] || process.env[name.toUpperCase()] || '';
}

/** The proxy variable that applies to this URL's scheme, if any is set (whatever NO_PROXY says). */
function environmentProxySetting(url: URL): string {
  return environmentValue(`${url.protocol.slice(0, -1)}_proxy`) || environmentValue('all_proxy');
}

/** A proxy address as the environment or a setting gives it; without a scheme it is an http:// proxy (as for curl). */
export function parseProxyAddress(address: string): ProxyServer {
  let url: URL;
  try {
    url = new URL(HAS_SCHEME.test(address) ? address : `http://${address}`);
  } catch {
    throw new UnusableProxyError(
      `The proxy address “${address.replace(/\/\/[^@/]*@/, '//')}” is not an address notify-desk can use.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UnusableProxyError(
      `The proxy ${url.host} is a ${url.protocol.slice(0, -1)} proxy; notify-desk can use http:// and https:// proxies only.`,
    );
  }
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return {
    protocol: url.protocol,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    ...(url.username ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : {}),
  };
}

/**
 * The proxy the environment names for this URL, null when NO_PROXY excludes the host, undefined when no proxy
 * variable is set at all (then the system's settings apply).
 */
export function environmentProxy(target: URL): ProxyServer | null | undefined {
  const setting = environmentProxySetting(target);
  if (!setting) return undefined;
  const chosen = getProxyForUrl(target);
  if (!chosen) return null;
  // proxy-from-env gives an address without a scheme the request's scheme; such an address is an http:// proxy.
  return parseProxyAddress(HAS_SCHEME.test(setting) ? chosen : setting);
}

/** The first entry of a PAC answer that notify-desk can follow: DIRECT, PROXY or HTTPS. */
export function proxyFromPacAnswer(answer: string): ProxyServer | null {
  const entries = answer
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [type = '', address = ''] = entry.split(/\s+/);
    switch (type.toUpperCase()) {
      case 'DIRECT':
        return null;
      case 'PROXY':
        return parseProxyAddress(`http://${address}`);
      case 'HTTPS':
        return parseProxyAddress(`https://${address}`);
    }
  }
  if (entries.length === 0) return null;
  throw new UnusableProxyError(
    `The system’s proxy setting (${entries.join('; ')}) names only proxies notify-desk cannot use (SOCKS).`,
  );
}

/** Where a request to this URL goes: through this proxy, or straight there (null). */
export async function proxyFor(url: string, systemProxy?: SystemProxyResolver): Promise<ProxyServer | null> {
  const target = new URL(url);
  const fromEnvironment = environmentProxy(target);
  if (fromEnvironment !== undefined) return fromEnvironment;
  if (!systemProxy) return null;
  return proxyFromPacAnswer(await systemProxy(target.href));
}
