// The core's HTTP behind a corporate network: a CONNECT proxy (the `proxy` package) and a certificate authority made
// by the test (openssl) between the Notify client and the simulator over HTTPS.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNetworkAccess, type NetworkOptions } from '../../../electron/core/network/network-access';
import { createNotifyClient, NotifyApiError } from '../../../electron/core/notify-client';
import { SEEDED_TEMPLATE_IDS, startSimulator, type RunningSimulator } from '../../../simulator';
import { startConnectProxy, type ConnectProxy } from '../../helpers/connect-proxy';
import { freePort } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';
import { makeTestCertificates, type TestCertificates } from '../../helpers/test-certificates';

const PROXY_VARIABLES = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'ALL_PROXY',
  'all_proxy',
  'NO_PROXY',
  'no_proxy',
  'SSL_CERT_FILE',
];
const savedEnvironment = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));

const temp = makeTempDir('notify-desk-network-');
let certificates: TestCertificates;
let simulator: RunningSimulator;
let proxy: ConnectProxy;
const credentials = { username: 'desk', password: 'p@ss word' };
let authenticatingProxy: ConnectProxy;

beforeAll(async () => {
  certificates = makeTestCertificates(temp.path);
  simulator = await startSimulator({ tls: certificates.serverTls, quiet: true });
  proxy = await startConnectProxy();
  authenticatingProxy = await startConnectProxy(credentials);
});

afterAll(async () => {
  await Promise.all([simulator.close(), proxy.close(), authenticatingProxy.close()]);
  temp.remove();
});

afterEach(() => {
  for (const name of PROXY_VARIABLES) {
    if (savedEnvironment[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnvironment[name];
  }
});

function setEnvironment(values: Record<string, string>): void {
  for (const name of PROXY_VARIABLES) delete process.env[name];
  Object.assign(process.env, values);
}

async function sendOneText(network: NetworkOptions): Promise<string> {
  const client = createNotifyClient({
    baseUrl: simulator.url,
    apiKey: simulator.apiKeys.test,
    timeoutMs: 5_000,
    network: createNetworkAccess(network),
  });
  try {
    const sent = await client.sendSms({
      templateId: SEEDED_TEMPLATE_IDS.passThroughSms,
      phoneNumber: '07700900123',
      personalisation: { body: 'Behind the proxy' },
    });
    return sent.id;
  } finally {
    client.close();
  }
}

async function failure(network: NetworkOptions): Promise<NotifyApiError> {
  const error = await sendOneText(network).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NotifyApiError);
  return error as NotifyApiError;
}

const trustingTheTestCa: NetworkOptions = { caFile: () => certificates.caFile };
const simulatorTunnel = () => new URL(simulator.url).host;

describe('the Notify client behind a proxy', () => {
  it('sends through the CONNECT proxy named in HTTPS_PROXY, trusting the CA file, and Notify gets the message', async () => {
    expect(simulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    setEnvironment({ HTTPS_PROXY: proxy.url() });
    const before = proxy.tunnels.length;
    const id = await sendOneText(trustingTheTestCa);
    expect(proxy.tunnels.slice(before)).toEqual([simulatorTunnel()]);
    expect(simulator.notifications().map((notification) => notification.id)).toContain(id);
  });

  it('honours the lower-case https_proxy, and NO_PROXY sends straight to the server', async () => {
    setEnvironment({ https_proxy: proxy.url() });
    const before = proxy.tunnels.length;
    await sendOneText(trustingTheTestCa);
    expect(proxy.tunnels.length).toBe(before + 1);

    setEnvironment({ https_proxy: proxy.url(), no_proxy: 'example.org, 127.0.0.1' });
    await sendOneText(trustingTheTestCa);
    expect(proxy.tunnels.length).toBe(before + 1);
  });

  it('uses the system proxy the host reports when no proxy variable is set', async () => {
    setEnvironment({});
    const asked: string[] = [];
    const before = proxy.tunnels.length;
    await sendOneText({
      ...trustingTheTestCa,
      systemProxy: async (url) => {
        asked.push(url);
        return `PROXY 127.0.0.1:${proxy.port}; DIRECT`;
      },
    });
    expect(asked).toEqual([`${simulator.url}/`]);
    expect(proxy.tunnels.slice(before)).toEqual([simulatorTunnel()]);
  });

  it('says so when the proxy refuses the connection', async () => {
    const closedPort = await freePort();
    setEnvironment({ HTTPS_PROXY: `http://127.0.0.1:${closedPort}` });
    const error = await failure(trustingTheTestCa);
    expect(error.kind).toBe('proxy');
    expect(error.message).toBe(`The proxy at 127.0.0.1:${closedPort} refused the connection.`);
    expect(error.retryable && error.connectionFailed && !error.outcomeUnknown).toBe(true);
  });

  it('says so when the proxy asks for a user name and password, or refuses the ones given, and sends with the right ones', async () => {
    setEnvironment({ HTTPS_PROXY: authenticatingProxy.url() });
    const withoutCredentials = await failure(trustingTheTestCa);
    expect(withoutCredentials.kind).toBe('proxy');
    expect(withoutCredentials.message).toBe(
      `The proxy at 127.0.0.1:${authenticatingProxy.port} asks for a user name and password: give them in the proxy address (http://user:password@host:port).`,
    );

    setEnvironment({ HTTPS_PROXY: authenticatingProxy.url({ ...credentials, password: 'wrong' }) });
    const wrongCredentials = await failure(trustingTheTestCa);
    expect(wrongCredentials.kind).toBe('proxy');
    expect(wrongCredentials.message).toBe(
      `The proxy at 127.0.0.1:${authenticatingProxy.port} did not accept the user name and password it was given.`,
    );
    expect(wrongCredentials.message).not.toContain('wrong');

    setEnvironment({ HTTPS_PROXY: authenticatingProxy.url(credentials) });
    const before = authenticatingProxy.tunnels.length;
    await sendOneText(trustingTheTestCa);
    expect(authenticatingProxy.tunnels.length).toBe(before + 1);
  });

  it('names a proxy it cannot use', async () => {
    setEnvironment({ HTTPS_PROXY: 'socks5://127.0.0.1:1080' });
    const error = await failure(trustingTheTestCa);
    expect(error.kind).toBe('proxy');
    expect(error.message).toBe(
      'The proxy 127.0.0.1:1080 is a socks5 proxy; notify-desk can use http:// and https:// proxies only.',
    );
  });
});

describe('the certificates the Notify client trusts', () => {
  it('refuses a server whose certificate no trusted authority signed, directly and through the proxy', async () => {
    setEnvironment({});
    const direct = await failure({});
    expect(direct.kind).toBe('certificate');
    expect(direct.message).toMatch(/^The certificate of 127\.0\.0\.1 is not trusted by this computer\. /);
    expect(direct.retryable && direct.connectionFailed && !direct.outcomeUnknown).toBe(true);

    setEnvironment({ HTTPS_PROXY: proxy.url() });
    const throughProxy = await failure({});
    expect(throughProxy.kind).toBe('certificate');
    expect(throughProxy.message).toBe(direct.message);
  });

  it('trusts the authority in the CA file named in the settings, and the system store (OpenSSL’s SSL_CERT_FILE) on Linux', async () => {
    setEnvironment({});
    await expect(sendOneText(trustingTheTestCa)).resolves.toMatch(/^[0-9a-f-]{36}$/);
    setEnvironment({ SSL_CERT_FILE: certificates.caFile });
    await expect(sendOneText({})).resolves.toMatch(/^[0-9a-f-]{36}$/);
  });

  it('says what is wrong with a CA file it cannot use', async () => {
    setEnvironment({});
    const notACertificate = join(temp.path, 'not-a-certificate.pem');
    writeFileSync(notACertificate, 'hello');
    const unreadable = await failure({ caFile: () => notACertificate });
    expect(unreadable.kind).toBe('certificate');
    expect(unreadable.message).toBe(
      `The file ${notACertificate} holds no certificate notify-desk can read: a certificate authority in PEM (.pem, .crt) or DER (.cer) form is needed.`,
    );
    const missing = await failure({ caFile: () => join(temp.path, 'missing.pem') });
    expect(missing.message).toBe(
      `The certificate file ${join(temp.path, 'missing.pem')} cannot be read: there is no such file.`,
    );
  });
});
