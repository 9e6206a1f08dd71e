// The certificate authorities the desk's TLS connections trust: the operating system's store (where IT installs the
// CA of a TLS-inspecting proxy) as well as the roots Node ships, plus a CA file named in the settings or the policy.
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import tls from 'node:tls';

type CaStore = 'default' | 'system' | 'bundled' | 'extra';
/** Node 22.15+ and 23.5+ (so Electron 45): the stores Node itself uses, the system one read through the OS's own API. */
const getCACertificates = (tls as { getCACertificates?: (store: CaStore) => string[] }).getCACertificates;

/**
 * Where OpenSSL-based tools find the system's bundle on Linux distributions (Debian/Ubuntu, Fedora/RHEL, openSUSE,
 * Alpine), the files `update-ca-certificates` and `update-ca-trust` write; SSL_CERT_FILE overrides them, as for OpenSSL.
 */
const LINUX_CA_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/cert.pem',
];

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g;

export class CertificateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CertificateFileError';
  }
}

/** The certificates in a file, PEM (one or many) or a single DER certificate (a Windows .cer export), each checked. */
export function readCertificateFile(path: string): string[] {
  let content: Buffer;
  try {
    content = readFileSync(path);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
    throw new CertificateFileError(`The certificate file ${path} cannot be read: ${reason}.`);
  }
  const blocks = content.toString('latin1').match(PEM_CERTIFICATE) ?? [];
  try {
    if (blocks.length > 0) return blocks.map((block) => new X509Certificate(block).toString());
    return [new X509Certificate(content).toString()];
  } catch {
    throw new CertificateFileError(
      `The file ${path} holds no certificate notify-desk can read: a certificate authority in PEM (.pem, .crt) or DER (.cer) form is needed.`,
    );
  }
}

export interface SystemTrust {
  certificates: readonly string[];
}

function extraCertificatesFromEnvironment(): string[] {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  try {
    return readCertificateFile(file);
  } catch {
    return [];
  }
}

function linuxSystemBundle(): string[] | null {
  const candidates = process.env.SSL_CERT_FILE ? [process.env.SSL_CERT_FILE] : LINUX_CA_BUNDLES;
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    try {
      return readCertificateFile(file);
    } catch {
      continue;
    }
  }
  return null;
}

let cached: { key: string; trust: SystemTrust } | null = null;

/**
 * The system's trust: with Node 22.15+ (the desktop app) Node's default roots and the OS store (Windows certificate
 * store, macOS keychains, OpenSSL's store on Linux). On Node 20 (the command line) Node cannot read the Windows or
 * macOS store: its bundled roots and NODE_EXTRA_CA_CERTS, and on Linux the distribution's CA bundle (SSL_CERT_FILE).
 */
export function systemTrust(): SystemTrust {
  const key = `${process.env.SSL_CERT_FILE ?? ''}\n${process.env.NODE_EXTRA_CA_CERTS ?? ''}`;
  if (cached?.key === key) return cached.trust;
  let trust: SystemTrust;
  if (getCACertificates) {
    trust = { certificates: [...getCACertificates('default'), ...getCACertificates('system')] };
  } else {
    const bundle = process.platform === 'win32' || process.platform === 'darwin' ? null : linuxSystemBundle();
    trust = { certificates: [...tls.rootCertificates, ...extraCertificatesFromEnvironment(), ...(bundle ?? [])] };
  }
  cached = { key, trust };
  return trust;
}
