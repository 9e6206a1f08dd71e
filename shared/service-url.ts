// What address the desk may send a Notify API key to: one rule for the service settings, the command line and the
// policy file. (Read by hand: this folder has neither the DOM's nor Node's URL.)

const URL_PARTS = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i;

interface UrlParts {
  scheme: string;
  userInfo: string | null;
  hostname: string;
  hostAndPort: string;
  path: string;
  rest: string;
}

function urlParts(address: string): UrlParts | null {
  const match = URL_PARTS.exec(address.trim());
  if (!match) return null;
  const [, scheme = '', authority = '', path = '', query = '', fragment = ''] = match;
  const at = authority.lastIndexOf('@');
  const hostAndPort = (at === -1 ? authority : authority.slice(at + 1)).toLowerCase();
  const hostname = hostAndPort.startsWith('[')
    ? hostAndPort.slice(1, hostAndPort.indexOf(']'))
    : hostAndPort.replace(/:\d*$/, '');
  if (!hostname || !/^[a-z0-9.:_-]+$/.test(hostname)) return null;
  return {
    scheme: scheme.toLowerCase(),
    userInfo: at === -1 ? null : authority.slice(0, at),
    hostname,
    hostAndPort,
    path,
    rest: query + fragment,
  };
}

/** Hosts on this computer, where a plain http:// address never leaves the machine (the practice simulator, tests). */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '::1' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Why a service URL cannot be used, in words for a person, or null when it can: https (plain http only to this
 * computer), and no user name or password in it (the API key is the only credential, and it travels in a header).
 */
export function serviceUrlProblem(address: string): string | null {
  const url = urlParts(address);
  if (!url || (url.scheme !== 'https' && url.scheme !== 'http')) return 'Enter the service URL, starting with https://';
  if (url.scheme !== 'https' && !isLoopbackHost(url.hostname)) {
    return 'Enter the service URL, starting with https:// (plain http:// only reaches a service on this computer)';
  }
  if (url.userInfo !== null)
    return 'Enter the service URL without a user name or password in it: the API key is all Notify needs';
  if (url.rest !== '') return 'Enter the service URL without anything after a ? or #';
  return null;
}

/** The form a service URL is stored and compared in: no trailing slashes, the scheme and host in lower case. */
export function normaliseServiceUrl(address: string): string {
  const url = urlParts(address);
  return url ? `${url.scheme}://${url.hostAndPort}${url.path}`.replace(/\/+$/, '') : address.trim();
}
