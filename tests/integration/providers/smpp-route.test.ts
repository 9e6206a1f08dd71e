import { afterEach, describe, expect, it } from 'vitest';
import { EXTENDED_GSM_CHARACTERS, smsMessage } from '../../../shared/notify';
import { loadSmpp } from '../../../electron/core/providers/direct-routes';
import { SmppConnection } from '../../../electron/core/providers/smpp/smpp-connection';
import { SmppStandIn, type ReceiptPlan } from '../../helpers/smpp-stand-in';
import { waitFor } from '../sync/sync-fixtures';
import { messageRows, openProviderDesk, queueTexts, type ProviderTestDesk } from './provider-fixtures';

const systemId = 'desk01';
const password = 'pw123456';
const delivered = (idFormat: 'hex' | 'decimal', tlv = false): ReceiptPlan => ({
  idFormat,
  tlv,
  afterMs: 10,
  stat: () => 'DELIVRD',
});
const septets = (text: string): number =>
  [...text].reduce((sum, character) => sum + (EXTENDED_GSM_CHARACTERS.has(character) ? 2 : 1), 0);

describe('texts through an SMPP 3.4 gateway', () => {
  let desk: ProviderTestDesk | null = null;
  let gateway: SmppStandIn | null = null;
  afterEach(async () => {
    await desk?.close();
    await gateway?.close();
    desk = null;
    gateway = null;
  });

  async function setUp(
    options: Partial<Parameters<typeof SmppStandIn.start>[0]> = {},
    provider: { sender?: string; windowSize?: number; password?: string } = {},
  ) {
    gateway = await SmppStandIn.start({
      systemId,
      password,
      idFormat: 'hex',
      receipts: delivered('decimal'),
      ...options,
    });
    desk = await openProviderDesk();
    await desk.add({
      kind: 'smpp',
      name: 'gateway',
      host: '127.0.0.1',
      port: gateway.port,
      systemId,
      password: provider.password ?? password,
      sender: provider.sender ?? 'Council',
      windowSize: provider.windowSize,
    });
    desk.route('sms', ['gateway']);
    return { desk, gateway };
  }

  it('sends a short text as GSM with data_coding 0 and the right addresses; its receipt (a decimal id for a hex submit id) makes it delivered', async () => {
    const { desk, gateway } = await setUp();
    queueTexts(desk.db, ['Your bin day is Tuesday. Reply STOP to stop: £5 @ 10:00']);
    const report = await desk.engine().runOnce();
    expect(report.sent).toBe(1);
    const [submit] = gateway.received;
    expect(submit).toMatchObject({
      dataCoding: 0,
      destination: '447700900100',
      destTon: 1,
      destNpi: 1,
      sourceAddr: 'Council',
      sourceTon: 5,
      sourceNpi: 0,
      registeredDelivery: 1,
      udh: null,
    });
    expect(submit?.text).toBe('Your bin day is Tuesday. Reply STOP to stop: £5 @ 10:00');
    expect(gateway.pdus).toContain('bind_transceiver');
    const [row] = messageRows(desk.db);
    expect(row).toMatchObject({
      state: 'delivered',
      provider: 'gateway',
      provider_message_id: submit?.messageId,
      notify_status: 'delivered',
    });
  });

  it('splits a long text into the parts Notify counts, each with a concatenation header, GSM or UCS-2 as Notify decides; delivered once every part is', async () => {
    const { desk, gateway } = await setUp({ idFormat: 'decimal', receipts: delivered('hex', true) });
    const gsm =
      `Your council tax bill for 2026 to 2027 is ready. ${'Pay by direct debit {monthly} or online at our website; ask us for help € '.repeat(4)}`.trim();
    const welsh =
      `Mae eich bil treth gyngor yn barod. Talwch ar-lein neu ffoniwch ni. Diolch yn fawr iawn am dalu’n brydlon, ŵyr. ${'Ymholiadau: 01234 567890. '.repeat(3)}`.trim();
    queueTexts(desk.db, [gsm, welsh]);
    expect((await desk.engine().runOnce()).sent).toBe(2);

    const byDestination = (destination: string) =>
      gateway.received.filter((submit) => submit.destination === destination);
    const gsmParts = byDestination('447700900100');
    expect(gsmParts).toHaveLength(smsMessage(gsm).fragmentCount);
    expect(gsmParts.length).toBeGreaterThan(1);
    for (const [index, part] of gsmParts.entries()) {
      expect(part.dataCoding).toBe(0);
      expect(part.esmClass & 0x40).toBe(0x40);
      expect([...(part.udh ?? [])]).toEqual([5, 0, 3, gsmParts[0]?.udh?.[3], gsmParts.length, index + 1]);
      expect(septets(part.text)).toBeLessThanOrEqual(153);
    }
    const welshParts = byDestination('447700900101');
    expect(smsMessage(welsh).encoding).toBe('UCS-2');
    expect(welshParts).toHaveLength(smsMessage(welsh).fragmentCount);
    for (const part of welshParts) {
      expect(part.dataCoding).toBe(8);
      expect(part.text.length).toBeLessThanOrEqual(67);
    }
    expect(gateway.acceptedTexts().sort()).toEqual([gsm, welsh].sort());
    // The receipts (hex, in the TLV too) for every part came back for submit ids given in decimal.
    expect(messageRows(desk.db).map((row) => row.state)).toEqual(['delivered', 'delivered']);
  });

  it('maps receipts to Notify’s statuses: UNDELIV and REJECTD permanent, EXPIRED temporary, UNKNOWN technical, ENROUTE still sending', async () => {
    const stats = ['UNDELIV', 'EXPIRED', 'REJECTD', 'UNKNOWN', 'ENROUTE'];
    const { desk } = await setUp({
      receipts: {
        idFormat: 'hex',
        tlv: false,
        afterMs: 10,
        stat: (submit) => stats[Number(submit.destination.slice(-1))] ?? 'DELIVRD',
      },
    });
    queueTexts(
      desk.db,
      stats.map((stat) => `A text that ends ${stat}`),
    );
    await desk.engine().runOnce();
    expect(messageRows(desk.db).map((row) => [row.state, row.notify_status])).toEqual([
      ['permanent-failure', 'permanent-failure'],
      ['temporary-failure', 'temporary-failure'],
      ['permanent-failure', 'permanent-failure'],
      ['technical-failure', 'technical-failure'],
      ['accepted', 'sending'],
    ]);
  });

  it('keeps at most a window of submits outstanding, slows down on ESME_RTHROTTLED and tries ESME_RSYSERR again: each text taken once', async () => {
    const { desk, gateway } = await setUp({}, { windowSize: 3 });
    gateway.faults = { delayMs: 40, throttleNext: 4, systemErrorNext: 2 };
    const bodies = Array.from({ length: 20 }, (_, index) => `Reminder number ${index}`);
    queueTexts(desk.db, bodies);
    const engine = desk.engine();
    engine.start();
    await waitFor(
      () =>
        gateway.acceptedTexts().length === bodies.length &&
        messageRows(desk.db).every((row) => row.state === 'delivered'),
      20_000,
      'every text delivered',
    );
    await engine.stop();
    expect(gateway.maxOutstanding).toBe(3);
    expect(gateway.acceptedTexts().sort()).toEqual([...bodies].sort());
    expect(gateway.received.length).toBe(bodies.length + 6);
    const events = desk.db
      .prepare(`SELECT detail FROM outbox_events WHERE detail LIKE '%ESME_R%'`)
      .pluck()
      .all() as string[];
    expect(events.some((detail) => detail.includes('send more slowly (ESME_RTHROTTLED)'))).toBe(true);
    expect(events.some((detail) => detail.includes('(ESME_RSYSERR)'))).toBe(true);
  });

  it('binds again, after a backoff, when the gateway drops the session, and receipts held meanwhile come back on the new one', async () => {
    const { desk, gateway } = await setUp({
      receipts: { idFormat: 'hex', tlv: false, afterMs: 300, stat: () => 'DELIVRD' },
    });
    const engine = desk.engine();
    engine.start();
    queueTexts(desk.db, ['First']);
    await waitFor(() => gateway.accepted.length === 1, 10_000, 'the first text');
    gateway.dropSessions();
    await waitFor(() => gateway.binds === 2, 10_000, 'a new bind');
    queueTexts(desk.db, ['Second']);
    await waitFor(() => messageRows(desk.db).every((row) => row.state === 'delivered'), 10_000, 'both delivered');
    await engine.stop();
    expect(gateway.acceptedTexts()).toEqual(['First', 'Second']);
  });

  it('keeps the link alive with enquire_link', async () => {
    gateway = await SmppStandIn.start({ systemId, password });
    const connection = new SmppConnection(await loadSmpp(), {
      host: '127.0.0.1',
      port: gateway.port,
      systemId,
      password,
      windowSize: 1,
      submitTimeoutMs: 1_000,
      connectTimeoutMs: 1_000,
      enquireLinkMs: 50,
      onDeliver: () => undefined,
      onSessionChange: () => undefined,
    });
    await connection.bound();
    await waitFor(
      () => gateway!.pdus.filter((command) => command === 'enquire_link').length >= 2,
      5_000,
      'enquire_link',
    );
    await connection.close();
    expect(gateway.pdus).toContain('unbind');
  });

  it('says plainly when the gateway refuses the system id or password, and the texts wait', async () => {
    const { desk } = await setUp({}, { password: 'wrong' });
    queueTexts(desk.db, ['Waiting text']);
    const engine = desk.engine();
    const report = await engine.runOnce();
    expect(report.sent).toBe(0);
    expect(desk.states()).toEqual({ queued: 1 });
    expect(report.status.providerProblems).toEqual([
      { provider: 'gateway', state: 'refused', message: expect.stringContaining('refused the system id or password') },
    ]);
    const test = await engine.directRoutes.test('gateway');
    expect(test).toEqual({ ok: false, message: expect.stringContaining('refused the system id or password') });
  });
});
