import { afterEach, describe, expect, it } from 'vitest';
import { createNetworkAccess } from '../../../electron/core/network/network-access';
import { startConnectProxy, type ConnectProxy } from '../../helpers/connect-proxy';
import { makeTestCertificates } from '../../helpers/test-certificates';
import { makeTempDir } from '../../helpers/temp-dir';
import { TwilioStandIn } from '../../helpers/twilio-stand-in';
import { messageRows, openProviderDesk, queueTexts, type ProviderTestDesk } from './provider-fixtures';

const accountSid = 'AC0123456789abcdef0123456789abcdef';
const authToken = 'token-0123456789abcdef';

describe('texts through an HTTP gateway in the shape of Twilio’s Messages API', () => {
  let desk: ProviderTestDesk | null = null;
  let gateway: TwilioStandIn | null = null;
  let proxy: ConnectProxy | null = null;
  afterEach(async () => {
    await desk?.close();
    await gateway?.close();
    await proxy?.close();
    desk = null;
    gateway = null;
    proxy = null;
  });

  async function setUp(options: Partial<Parameters<typeof TwilioStandIn.start>[0]> = {}, token = authToken) {
    gateway = await TwilioStandIn.start({ accountSid, authToken, deliverAfterMs: 50, ...options });
    desk = await openProviderDesk();
    await desk.add({
      kind: 'http-sms',
      name: 'twilio',
      baseUrl: gateway.url,
      accountSid,
      authToken: token,
      from: '+447700900000',
    });
    desk.route('sms', ['twilio']);
    return { desk, gateway };
  }

  it('creates each message with a form-encoded POST and Basic auth, then polls its status into Notify’s words', async () => {
    // Final only after a second, so the first run (which also asks) sees them still on their way, however busy the machine.
    const { desk, gateway } = await setUp({
      deliverAfterMs: 1_000,
      finalStatus: (to) =>
        to.endsWith('101') ? { status: 'undelivered', errorCode: 30003 } : { status: 'delivered', errorCode: null },
    });
    queueTexts(desk.db, ['Your parcel is ready', 'Your bin day moved']);
    const engine = desk.engine();
    expect((await engine.runOnce()).sent).toBe(2);
    expect(gateway.created.map((message) => [message.to, message.from, message.body])).toEqual([
      ['+447700900100', '+447700900000', 'Your parcel is ready'],
      ['+447700900101', '+447700900000', 'Your bin day moved'],
    ]);
    expect(messageRows(desk.db).map((row) => [row.state, row.provider_message_id])).toEqual([
      ['accepted', gateway.created[0]?.sid],
      ['accepted', gateway.created[1]?.sid],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    await engine.runOnce();
    expect(gateway.statusRequests).toBeGreaterThanOrEqual(2);
    expect(messageRows(desk.db).map((row) => [row.state, row.notify_status])).toEqual([
      ['delivered', 'delivered'],
      ['temporary-failure', 'temporary-failure'],
    ]);
  });

  it('goes over HTTPS through the core’s proxy and trusts the CA file IT named, as requests to Notify do', async () => {
    const folder = makeTempDir();
    const certificates = makeTestCertificates(folder.path);
    const { desk, gateway } = await setUp({ tls: certificates.serverTls });
    proxy = await startConnectProxy();
    const previous = process.env.HTTPS_PROXY;
    process.env.HTTPS_PROXY = proxy.url();
    try {
      desk.ctx.network = createNetworkAccess();
      queueTexts(desk.db, ['Not trusted yet']);
      const untrusted = await desk.engine().runOnce();
      expect(untrusted.sent).toBe(0);
      expect(untrusted.status.providerProblems[0]?.message).toMatch(
        /^The certificate of 127\.0\.0\.1 is not trusted by this computer\./,
      );

      desk.ctx.network = createNetworkAccess({ caFile: () => certificates.caFile });
      expect((await desk.engine({ probeBaseMs: 0 }).runOnce()).sent).toBe(1);
    } finally {
      if (previous === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = previous;
      folder.remove();
    }
    expect(gateway.created.map((message) => message.body)).toEqual(['Not trusted yet']);
    expect(proxy.tunnels).toContain(gateway.url.replace('https://', ''));
  });

  it('refuses a number the gateway refuses as a permanent failure, in its words; a refused token leaves texts waiting', async () => {
    const first = await setUp();
    queueTexts(first.desk.db, ['Hello'], () => '+1 202');
    await first.desk.engine().runOnce();
    const [row] = messageRows(first.desk.db);
    expect(row).toMatchObject({ state: 'permanent-failure', notify_status: 'permanent-failure' });
    expect(row?.last_error).toMatch(
      /^The SMS gateway said: The 'To' number \+1202 is not a valid phone number\. \(error 21211\)$/,
    );
    await first.desk.close();
    await first.gateway.close();

    const refused = await setUp({}, 'wrong-token');
    queueTexts(refused.desk.db, ['Waiting']);
    const report = await refused.desk.engine().runOnce();
    expect(refused.desk.states()).toEqual({ queued: 1 });
    expect(report.status.providerProblems[0]).toMatchObject({ provider: 'twilio', state: 'refused' });
    expect(await refused.desk.engine().directRoutes.test('twilio')).toEqual({
      ok: false,
      message: expect.stringContaining('refused the account SID or auth token'),
    });
  });
});
