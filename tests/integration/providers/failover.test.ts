import { afterEach, describe, expect, it } from 'vitest';
import { SEEDED_TEMPLATE_IDS, startSimulator, type RunningSimulator } from '../../../simulator';
import { SmppStandIn } from '../../helpers/smpp-stand-in';
import { TwilioStandIn } from '../../helpers/twilio-stand-in';
import { simulatorPassThrough, simulatorService, waitFor } from '../sync/sync-fixtures';
import { messageRows, openProviderDesk, queueTexts, refusingNotify, type ProviderTestDesk } from './provider-fixtures';

const smpp = { systemId: 'desk', password: 'secret' };
const twilio = { accountSid: 'AC00000000000000000000000000000002', authToken: 'token' };

describe('failover between routes, only when a route proves it did not take a message', () => {
  let desk: ProviderTestDesk | null = null;
  let gateway: SmppStandIn | null = null;
  let http: TwilioStandIn | null = null;
  let simulator: RunningSimulator | null = null;
  afterEach(async () => {
    await desk?.close();
    await gateway?.close();
    await http?.close();
    await simulator?.close();
    desk = gateway = http = simulator = null;
  });

  const failoverEvents = (d: ProviderTestDesk) =>
    d.db.prepare(`SELECT detail FROM outbox_events WHERE detail LIKE '%instead.'`).pluck().all() as string[];

  it('from Notify to the SMPP gateway when Notify refuses connections: every text sent once, by the gateway', async () => {
    gateway = await SmppStandIn.start(smpp);
    desk = await openProviderDesk(await refusingNotify());
    await desk.add({ kind: 'smpp', name: 'gateway', host: '127.0.0.1', port: gateway.port, ...smpp });
    desk.route('sms', ['notify', 'gateway']);
    const bodies = Array.from({ length: 10 }, (_, index) => `Failover text ${index}`);
    queueTexts(desk.db, bodies);
    const report = await desk.engine().runOnce();
    expect(report.sent).toBe(10);
    expect(report.failedOver).toBeGreaterThanOrEqual(1);
    expect(gateway.acceptedTexts().sort()).toEqual([...bodies].sort());
    expect(messageRows(desk.db).every((row) => row.state === 'accepted' && row.provider === 'gateway')).toBe(true);
    expect(failoverEvents(desk)[0]).toMatch(
      /^notify did not take it: notify-desk could not connect to 127\.0\.0\.1:\d+ \(nothing is listening there\)\. Sending by gateway instead\.$/,
    );
  });

  it('never on a timeout after the request was sent: the text stays Notify’s, found there by its reference, and the gateway gets nothing', async () => {
    simulator = await startSimulator({ quiet: true, deliverAfterMs: 100, rateLimitPerMinute: 100_000 });
    gateway = await SmppStandIn.start(smpp);
    desk = await openProviderDesk(
      simulatorService({
        baseUrl: simulator.url,
        apiKey: simulator.apiKeys.test,
        rateLimitPerMinute: 100_000,
        passThrough: simulatorPassThrough(SEEDED_TEMPLATE_IDS),
      }),
    );
    await desk.add({ kind: 'smpp', name: 'gateway', host: '127.0.0.1', port: gateway.port, ...smpp });
    desk.route('sms', ['notify', 'gateway']);
    simulator.setFaults({ latencyMs: 1_600 });
    queueTexts(desk.db, ['Slow Notify text 1', 'Slow Notify text 2']);
    const engine = desk.engine({ outcomeSettleMs: 2_000 });
    engine.start();
    await waitFor(
      () =>
        (desk?.db
          .prepare(`SELECT COUNT(*) FROM outbox_events WHERE detail LIKE '%did not answer within%'`)
          .pluck()
          .get() as number) >= 2,
      10_000,
      'both requests to time out',
    );
    simulator.setFaults({ latencyMs: 0 });
    await waitFor(
      () => messageRows(desk!.db).every((row) => row.state === 'accepted' || row.state === 'delivered'),
      20_000,
      'both found at Notify',
    );
    await engine.stop();
    expect(gateway.received).toEqual([]);
    expect(failoverEvents(desk)).toEqual([]);
    const references = desk.db.prepare('SELECT reference FROM outbox_messages').pluck().all() as string[];
    const atNotify = simulator
      .notifications()
      .filter((notification) => notification.reference !== null && references.includes(notification.reference));
    expect(atNotify.map((notification) => notification.reference).sort()).toEqual([...references].sort());
    expect(messageRows(desk.db).every((row) => row.provider === 'notify')).toBe(true);
  });

  it('after an explicit refusal, and after a throttle that goes on past the set time', async () => {
    gateway = await SmppStandIn.start(smpp);
    http = await TwilioStandIn.start(twilio);
    desk = await openProviderDesk();
    await desk.add({ kind: 'smpp', name: 'gateway', host: '127.0.0.1', port: gateway.port, ...smpp });
    await desk.add({ kind: 'http-sms', name: 'backup', baseUrl: http.url, ...twilio, from: 'Council' });
    desk.route('sms', ['gateway', 'backup']);
    gateway.faults = { rejectDestination: '447700900101' };
    queueTexts(desk.db, ['Taken by the gateway', 'Refused by the gateway']);
    await desk.engine().runOnce();
    expect(gateway.acceptedTexts()).toEqual(['Taken by the gateway']);
    expect(http.created.map((message) => message.body)).toEqual(['Refused by the gateway']);
    expect(failoverEvents(desk)).toEqual([
      'gateway did not take it: The SMS gateway refused the phone number (ESME_RINVDSTADR). Sending by backup instead.',
    ]);

    gateway.faults = { throttleAll: true };
    queueTexts(desk.db, ['Throttled then sent by the backup']);
    const engine = desk.engine({ throttleFailoverMs: 400 });
    engine.start();
    await waitFor(() => http!.created.length === 2, 15_000, 'the throttled text to go by the backup');
    await engine.stop();
    expect(gateway.acceptedTexts()).toEqual(['Taken by the gateway']);
    expect(http.created.map((message) => message.body)).toEqual([
      'Refused by the gateway',
      'Throttled then sent by the backup',
    ]);
    expect(failoverEvents(desk).at(-1)).toBe(
      'gateway did not take it: The SMS gateway asked notify-desk to send more slowly (ESME_RTHROTTLED). It has asked for more than 1 second. Sending by backup instead.',
    );
  });
});
