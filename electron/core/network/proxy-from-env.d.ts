declare module 'proxy-from-env' {
  /** The proxy URL for this URL from the *_PROXY and NO_PROXY variables (lower case first), or '' for none. */
  export function getProxyForUrl(url: string | URL): string;
}
