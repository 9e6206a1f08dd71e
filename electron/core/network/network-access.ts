// The way out of this computer for the core's HTTP (Notify now, direct providers later): the proxy for each request
// and the certificate authorities TLS trusts, from the environment, the host (the desktop app's system proxy
// settings), the settings and, later, the policy file.
import { statSync } from 'node:fs';
import tls from 'node:tls';
import { proxyFor, type ProxyServer, type SystemProxyResolver } from './proxy-route';
import { readCertificateFile, systemTrust, type SystemTrust } from './trusted-certificates';

export interface NetworkAccess {
  /** The proxy a request to this URL goes through, or null for straight there. Throws UnusableProxyError. */
  proxyFor(url: string): Promise<ProxyServer | null>;
  /**
   * What TLS connections trust, or undefined for Node's defaults; `extraCaFile` adds one provider's own CA file. Throws
   * CertificateFileError for a bad CA file.
   */
  secureContext(extraCaFile?: string | null): tls.SecureContext | undefined;
}

export interface NetworkOptions {
  /** The host's resolver for the system's proxy settings (the desktop app: Chromium's `session.resolveProxy`). */
  systemProxy?: SystemProxyResolver;
  /** The CA file to trust besides the system's, looked up at each new connection pool (the policy's, else the setting). */
  caFile?: () => string | null;
}

/** Honours *_PROXY / NO_PROXY, then the host's system proxy; trusts the system's CAs and the CA file. */
export function createNetworkAccess(options: NetworkOptions = {}): NetworkAccess {
  const cached = new Map<string, { system: SystemTrust; context: tls.SecureContext }>();
  return {
    proxyFor: (url) => proxyFor(url, options.systemProxy),
    secureContext(extraCaFile) {
      const caFiles = [options.caFile?.() ?? null, extraCaFile ?? null].filter((file): file is string => file !== null);
      const system = systemTrust();
      const key = caFiles.map((file) => `${file}\n${fileVersion(file)}`).join('\n');
      const hit = cached.get(key);
      if (hit?.system === system) return hit.context;
      const certificates = [...system.certificates, ...caFiles.flatMap((file) => readCertificateFile(file))];
      const context = tls.createSecureContext({ ca: certificates });
      cached.set(key, { system, context });
      return context;
    },
  };
}

function fileVersion(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/** The practice simulator runs inside the app on 127.0.0.1: never through a proxy, plain HTTP. */
export const DIRECT_NETWORK: NetworkAccess = {
  proxyFor: async () => null,
  secureContext: () => undefined,
};
