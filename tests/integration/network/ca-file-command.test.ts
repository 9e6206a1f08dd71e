// `notify-desk service add --ca-file` and `service ca-file`: the CA file is named on the command line (or, later, by
// the policy file), never through the UI, and the key check already goes through the proxy and trusts it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../simulator';
import { startConnectProxy, type ConnectProxy } from '../../helpers/connect-proxy';
import { runCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';
import { makeTestCertificates, type TestCertificates } from '../../helpers/test-certificates';

const folder = makeTempDir('notify-desk-ca-file-');
let certificates: TestCertificates;
let simulator: RunningSimulator;
let proxy: ConnectProxy;

beforeAll(async () => {
  certificates = makeTestCertificates(folder.path);
  simulator = await startSimulator({ tls: certificates.serverTls, quiet: true });
  proxy = await startConnectProxy();
});
afterAll(async () => {
  await Promise.all([simulator.close(), proxy.close()]);
  folder.remove();
});

const environment = (): NodeJS.ProcessEnv => {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/_proxy$|^SSL_CERT_FILE$/i.test(name)),
  );
  return { ...env, HTTPS_PROXY: proxy.url() };
};
/** Node warns once when TLS is asked for an IP address as server name, which a tunnel to 127.0.0.1 does (real services have names). */
const withoutIpServerNameWarning = (stderr: string): string =>
  stderr.replace(/^\(node:\d+\) \[DEP0123\].*\n\(Use `node --trace-deprecation.*\n/m, '');
const cli = async (dataDir: string, args: string[], input?: string) => {
  const result = await runCli(['--data-dir', dataDir, ...args], { env: environment(), input });
  return { ...result, stderr: withoutIpServerNameWarning(result.stderr) };
};

describe('naming a CA file on the command line', () => {
  it('saves a service whose certificate is not trusted with the reason, then checks the key through the proxy with the CA file', async () => {
    const dataDir = join(folder.path, 'data');
    const untrusted = await cli(
      dataDir,
      ['service', 'add', '--url', simulator.url, '--api-key-stdin'],
      `${simulator.apiKeys.live}\n`,
    );
    expect(untrusted.code).toBe(0);
    expect(untrusted.stderr).toMatch(
      /^Warning: The certificate of 127\.0\.0\.1 is not trusted by this computer\. .* The settings are saved: the key will be checked/,
    );
    expect(untrusted.stdout).toMatch(/\(key unchecked\)\.\n$/);

    const notACertificate = join(folder.path, 'notes.txt');
    writeFileSync(notACertificate, 'not a certificate');
    const refused = await cli(dataDir, ['service', 'ca-file', notACertificate]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `notify-desk: The file ${notACertificate} holds no certificate notify-desk can read: a certificate authority in PEM (.pem, .crt) or DER (.cer) form is needed.\n`,
    );

    const described = `GOV.UK Notify: ${simulator.url}, with a live key. The key is kept in this computer’s keychain (key ok).`;
    const tunnelsBefore = proxy.tunnels.length;
    const trusted = await cli(
      dataDir,
      ['service', 'add', '--url', simulator.url, '--api-key-stdin', '--ca-file', certificates.caFile],
      `${simulator.apiKeys.live}\n`,
    );
    expect(trusted.stderr).toBe('');
    expect(trusted.stdout).toBe(`Saved. ${described}\n`);
    expect(proxy.tunnels.slice(tunnelsBefore)).toContain(new URL(simulator.url).host);

    const shown = await cli(dataDir, ['service', 'show']);
    expect(shown.stdout).toBe(
      `${described}\nSecure connections also trust the certificates in ${certificates.caFile}.\n`,
    );
    const cleared = await cli(dataDir, ['service', 'ca-file', '--none']);
    expect(cleared.stdout).toBe('No CA file is trusted besides the system’s.\n');
    expect((await cli(dataDir, ['service', 'show'])).stdout).toBe(`${described}\n`);
  });
});
