// What address the desk may send a Notify API key to: one rule for the service settings, the command line and the
// policy file.

/** Hosts on this computer, where a plain http:// address never leaves the machine (the practice simulator, tests). */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Why a service URL cannot be used, in words for a person, or null when it can: https (plain http only to this
 * computer), and no user name or password in it (the API key is the only credential, and it travels in a header).
 */
export function serviceUrlProblem(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'Enter the service URL, starting with https://';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return 'Enter the service URL, starting with https:// (plain http:// only reaches a service on this computer)';
  }
  if (url.username !== '' || url.password !== '') {
    return 'Enter the service URL without a user name or password in it: the API key is all Notify needs';
  }
  if (url.search !== '' || url.hash !== '') return 'Enter the service URL without anything after a ? or #';
  return null;
}

/** The form a service URL is stored and compared in: no trailing slashes, the host in lower case. */
export function normaliseServiceUrl(address: string): string {
  const url = new URL(address);
  return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, '');
}
