import { afterEach, describe, expect, it } from 'vitest';
import { renderEmail } from '../../../shared/notify';
import { createNetworkAccess } from '../../../electron/core/network/network-access';
import { smtpTransportSecurity } from '../../../electron/core/providers/smtp/smtp-route';
import { SmtpStandIn } from '../../helpers/smtp-stand-in';
import { makeTempDir } from '../../helpers/temp-dir';
import { makeTestCertificates } from '../../helpers/test-certificates';
import { TEST_USER, waitFor } from '../sync/sync-fixtures';
import { messageRows, openProviderDesk, queueEmails, type ProviderTestDesk } from './provider-fixtures';

describe('emails through an SMTP relay', () => {
  let desk: ProviderTestDesk | null = null;
  let relay: SmtpStandIn | null = null;
  afterEach(async () => {
    await desk?.close();
    await relay?.close();
    desk = null;
    relay = null;
  });

  async function setUp(options: Parameters<typeof SmtpStandIn.start>[0] = {}) {
    relay = await SmtpStandIn.start(options);
    desk = await openProviderDesk();
    await desk.add({
      kind: 'smtp',
      name: 'relay',
      host: '127.0.0.1',
      port: relay.port,
      from: 'revenues@council.example.gov.uk',
      replyTo: 'help@council.example.gov.uk',
      ...(options.user ? { user: options.user, password: options.password } : {}),
    });
    desk.route('email', ['relay']);
    return { desk, relay };
  }

  it('sends the email Notify would send (subject, both bodies, From and Reply-To from settings, a stable Message-ID); a 250 means sent to the mail server, not delivered', async () => {
    const { desk, relay } = await setUp({ user: 'desk', password: 'relay-password' });
    const [id] = queueEmails(desk.db, 1);
    const report = await desk.engine().runOnce();
    expect(report.sent).toBe(1);
    const [email] = relay.arrived;
    const expected = renderEmail({
      subject: '((subject))',
      body: '((body))',
      values: { subject: 'Your bill for 2026', body: 'Dear Person 0,\n\nYour bill is ready.' },
    });
    expect(email?.to).toEqual(['person0@example.gov.uk']);
    expect(email?.headers).toMatchObject({
      from: 'revenues@council.example.gov.uk',
      'reply-to': 'help@council.example.gov.uk',
      subject: 'Your bill for 2026',
      'message-id': `<notify-desk-${id}@council.example.gov.uk>`,
    });
    expect(email?.text).toBe(expected.plainText);
    expect(email?.html).toContain(expected.html);
    expect(email?.html).toContain('GOV.UK');
    expect(email?.html).toContain(`${expected.preheader}…`);
    expect(email?.envelopeId).toBe(`notify-desk-${id}`);
    const [row] = messageRows(desk.db);
    expect(row).toMatchObject({
      state: 'accepted',
      notify_status: 'sending',
      provider: 'relay',
      provider_message_id: `<notify-desk-${id}@council.example.gov.uk>`,
    });
    const detail = desk.db
      .prepare(`SELECT detail FROM outbox_events WHERE message_id = ? AND to_state = 'accepted'`)
      .pluck()
      .get(id) as string;
    expect(detail).toMatch(/^sent to the mail server relay: 250 /);
  });

  it('takes a 5xx as a permanent failure in the relay’s words, and tries a 4xx again', async () => {
    const { desk, relay } = await setUp();
    relay.faults = { refuseRecipient: 'person1@example.gov.uk', tempFailNext: 1 };
    queueEmails(desk.db, 3);
    const engine = desk.engine();
    engine.start();
    await waitFor(
      () => messageRows(desk.db).every((row) => row.state !== 'queued' && row.state !== 'sending'),
      10_000,
      'every email settled',
    );
    await engine.stop();
    const rows = messageRows(desk.db);
    expect(rows.map((row) => row.state)).toEqual(['accepted', 'permanent-failure', 'accepted']);
    expect(rows[1]?.last_error).toBe('The mail server relay said: 550 5.1.1 No such user here');
    expect(relay.arrived.map((email) => email.to[0]).sort()).toEqual([
      'person0@example.gov.uk',
      'person2@example.gov.uk',
    ]);
    const retried = desk.db
      .prepare(`SELECT COUNT(*) FROM outbox_events WHERE detail LIKE '%451 4.3.0 Try again later%'`)
      .pluck()
      .get();
    expect(retried).toBe(1);
  });

  it('puts an email whose connection was lost after its data was sent in “outcome unknown”, never sending it again by itself', async () => {
    const { desk, relay } = await setUp();
    relay.faults = { dropAfterDataNext: 1 };
    queueEmails(desk.db, 1);
    const engine = desk.engine();
    engine.start();
    await waitFor(() => messageRows(desk.db)[0]?.state === 'outcome-unknown', 10_000, 'the outcome to be unknown');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await engine.stop();
    expect(relay.dataReceived).toBe(1);
    expect(messageRows(desk.db)[0]).toMatchObject({ state: 'outcome-unknown', provider: 'relay' });
    expect(messageRows(desk.db)[0]?.last_error).toMatch(/the mail server may have it\.$/);
  });

  it('upgrades with STARTTLS, trusting the relay’s own CA file named for it; TLS is required except to this computer', async () => {
    const folder = makeTempDir();
    try {
      const certificates = makeTestCertificates(folder.path);
      const { desk, relay } = await setUp({ tls: certificates.serverTls });
      desk.ctx.network = createNetworkAccess();
      queueEmails(desk.db, 1);
      const untrusted = await desk.engine().runOnce();
      expect(untrusted.sent).toBe(0);
      expect(untrusted.status.providerProblems[0]?.message).toMatch(/certificate/);
      expect(desk.providers.setCaFile('relay', certificates.caFile)).toBe(1);
      const trusted = await desk.engine().runOnce();
      expect(trusted.sent).toBe(1);
      expect(relay.arrived[0]?.secure).toBe(true);
    } finally {
      folder.remove();
    }
    expect(smtpTransportSecurity('smtp.council.example.gov.uk', 587)).toEqual({ secure: false, requireTLS: true });
    expect(smtpTransportSecurity('smtp.council.example.gov.uk', 465)).toEqual({ secure: true, requireTLS: false });
    expect(smtpTransportSecurity('127.0.0.1', 2525)).toEqual({ secure: false, requireTLS: false });
    expect(smtpTransportSecurity('localhost', 25)).toEqual({ secure: false, requireTLS: false });
  });

  it('tests the connection: refused credentials in words, then ready', async () => {
    const { desk } = await setUp({ user: 'desk', password: 'relay-password' });
    const engine = desk.engine();
    expect(await engine.directRoutes.test('relay')).toEqual({
      ok: true,
      message: `notify-desk connected to the mail server at 127.0.0.1:${relay?.port} and it is ready to take email.`,
    });
    await desk.providers.add(
      {
        kind: 'smtp',
        name: 'relay',
        host: '127.0.0.1',
        port: relay?.port ?? 0,
        from: 'a@council.example.gov.uk',
        user: 'desk',
        password: 'wrong',
      },
      TEST_USER,
    );
    expect((await engine.directRoutes.test('relay')).ok).toBe(false);
  });
});
