// The sync engine behind a proxy that refuses and a certificate it does not trust: the messages wait unsent (never
// failed, never counted as an attempt), the status says why in the proxy's or certificate's own words, and once the
// way out works they are sent exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetworkAccess } from '../../../electron/core/network/network-access';
import { createSyncEngine } from '../../../electron/core/sync';
import { SEEDED_TEMPLATE_IDS, startSimulator, type RunningSimulator } from '../../../simulator';
import { startConnectProxy, type ConnectProxy } from '../../helpers/connect-proxy';
import { freePort } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';
import { makeTestCertificates, type TestCertificates } from '../../helpers/test-certificates';
import { openTestContext, queueSms, simulatorService, stateCounts, tempDataDir } from '../sync/sync-fixtures';

const temp = makeTempDir('notify-desk-sync-network-');
let certificates: TestCertificates;
let simulator: RunningSimulator;
let proxy: ConnectProxy;

beforeAll(async () => {
  certificates = makeTestCertificates(temp.path);
  simulator = await startSimulator({ tls: certificates.serverTls, quiet: true });
  proxy = await startConnectProxy();
});
afterAll(async () => {
  await Promise.all([simulator.close(), proxy.close()]);
  temp.remove();
});

describe('sending behind a corporate network', () => {
  it('keeps messages waiting with the proxy’s or certificate’s message, then sends each once when the way out works', async () => {
    const data = tempDataDir();
    let proxyPort = await freePort();
    let caFile: string | null = null;
    const service = {
      ...simulatorService({
        baseUrl: simulator.url,
        apiKey: simulator.apiKeys.live,
        passThrough: { sms: SEEDED_TEMPLATE_IDS.passThroughSms, email: null, letter: null },
      }),
      network: createNetworkAccess({ systemProxy: async () => `PROXY 127.0.0.1:${proxyPort}`, caFile: () => caFile }),
    };
    const ctx = openTestContext(data.dbFile, service);
    queueSms(ctx.db, { count: 3 });
    const engine = () => createSyncEngine(ctx, { minPollMs: 50 });
    try {
      const refused = await engine().runOnce();
      expect(refused.sent).toBe(0);
      expect(refused.status).toMatchObject({
        connection: 'offline',
        lastError: `The proxy at 127.0.0.1:${proxyPort} refused the connection.`,
      });
      expect(stateCounts(ctx.db)).toEqual({ queued: 3 });

      proxyPort = proxy.port;
      const untrusted = await engine().runOnce();
      expect(untrusted.sent).toBe(0);
      expect(untrusted.status.lastError).toMatch(/^The certificate of 127\.0\.0\.1 is not trusted by this computer\./);
      expect(stateCounts(ctx.db)).toEqual({ queued: 3 });
      const attempts = ctx.db.prepare('SELECT SUM(attempts) AS n FROM outbox_messages').get() as { n: number };
      expect(attempts.n).toBe(0);

      caFile = certificates.caFile;
      const sent = await engine().runOnce();
      expect(sent.sent).toBe(3);
      expect(simulator.notifications()).toHaveLength(3);
      expect(proxy.tunnels.length).toBeGreaterThan(0);
    } finally {
      ctx.db.close();
      data.remove();
    }
  });
});
