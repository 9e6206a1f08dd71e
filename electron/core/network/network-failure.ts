// A request that failed because of the way out of this computer (the proxy, or a certificate the computer does not
// trust) gets its own message, not a generic network error: the person at the desk, or IT, can act on it.
import { proxyLabel, UnusableProxyError, type ProxyServer } from './proxy-route';
import { CertificateFileError } from './trusted-certificates';

export type NetworkFailureKind = 'proxy' | 'certificate';

export interface NetworkFailure {
  kind: NetworkFailureKind;
  message: string;
}

/** Where one request went: the server it was for, and the proxy it went through (null: straight there). */
export interface RequestRoute {
  host: string;
  proxy: ProxyServer | null;
}

/** OpenSSL's and Node's codes for a certificate chain that ends at no certificate authority this computer trusts. */
const UNTRUSTED_CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_REVOKED',
]);
const OUT_OF_DATE_CERTIFICATE_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const WRONG_NAME_CERTIFICATE_CODES = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
/** Any other certificate code OpenSSL or Node may give: the chain was not accepted. */
const OTHER_CERTIFICATE_CODE = /^(CERT_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|ERR_TLS_CERT)/;
const PROXY_NOT_FOUND_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN']);

const TRUST_ADVICE =
  'If your organisation inspects secure connections, IT must add its certificate authority to this computer’s certificate store, or name its certificate file to notify-desk.';

/** The failure a connection error code means on this route, or null when it is an ordinary network error. */
export function connectionFailure(code: string | undefined, route: RequestRoute): NetworkFailure | null {
  if (!code) return null;
  if (
    UNTRUSTED_CERTIFICATE_CODES.has(code) ||
    (OTHER_CERTIFICATE_CODE.test(code) &&
      !WRONG_NAME_CERTIFICATE_CODES.has(code) &&
      !OUT_OF_DATE_CERTIFICATE_CODES.has(code))
  ) {
    return {
      kind: 'certificate',
      message: `The certificate of ${route.host} is not trusted by this computer. ${TRUST_ADVICE}`,
    };
  }
  if (OUT_OF_DATE_CERTIFICATE_CODES.has(code)) {
    return {
      kind: 'certificate',
      message: `The certificate of ${route.host} is out of date (expired, or not valid yet): check this computer’s date and time.`,
    };
  }
  if (WRONG_NAME_CERTIFICATE_CODES.has(code)) {
    return {
      kind: 'certificate',
      message: `The certificate presented for ${route.host} belongs to another name, so the connection was stopped.`,
    };
  }
  if (!route.proxy) return null;
  if (code === 'ECONNREFUSED') {
    return { kind: 'proxy', message: `The proxy at ${proxyLabel(route.proxy)} refused the connection.` };
  }
  if (PROXY_NOT_FOUND_CODES.has(code)) {
    return {
      kind: 'proxy',
      message: `The proxy at ${proxyLabel(route.proxy)} could not be found: its name is unknown to this computer’s network.`,
    };
  }
  return null;
}

/** The proxy answered the request to open a tunnel itself, with this HTTP status, instead of connecting. */
export function proxyRefusal(status: number, route: RequestRoute & { proxy: ProxyServer }): NetworkFailure {
  const proxy = proxyLabel(route.proxy);
  if (status === 407) {
    return {
      kind: 'proxy',
      message: route.proxy.username
        ? `The proxy at ${proxy} did not accept the user name and password it was given.`
        : `The proxy at ${proxy} asks for a user name and password: give them in the proxy address (http://user:password@host:port).`,
    };
  }
  return { kind: 'proxy', message: `The proxy at ${proxy} refused to connect to ${route.host} (HTTP ${status}).` };
}

/** A proxy setting or certificate file that could not be used at all, before any connection was tried. */
export function setupFailure(error: unknown): NetworkFailure | null {
  if (error instanceof UnusableProxyError) return { kind: 'proxy', message: error.message };
  if (error instanceof CertificateFileError) return { kind: 'certificate', message: error.message };
  return null;
}
