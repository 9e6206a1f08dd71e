import { afterEach, describe, expect, it } from 'vitest';
import { SmppStandIn } from '../../helpers/smpp-stand-in';
import { messageRows, openProviderDesk, queueTexts, type ProviderTestDesk } from './provider-fixtures';

const systemId = 'desk01';
const password = 'pw123456';

describe('texts through an SMPP 3.4 gateway', () => {
  let desk: ProviderTestDesk | null = null;
  let gateway: SmppStandIn | null = null;
  afterEach(async () => {
    await desk?.close();
    await gateway?.close();
    desk = null;
    gateway = null;
  });

  it('sends a short text as GSM with data_coding 0, and the receipt (decimal id for a hex submit id) makes it delivered', async () => {
    gateway = await SmppStandIn.start({ systemId, password, idFormat: 'hex', receipts: { idFormat: 'decimal', tlv: false, afterMs: 10, stat: () => 'DELIVRD' } });
    desk = await openProviderDesk();
    await desk.add({ kind: 'smpp', name: 'gateway', host: '127.0.0.1', port: gateway.port, systemId, password, sender: 'Council' });
    desk.route('sms', ['gateway']);
    queueTexts(desk.db, ['Your bin day is Tuesday. Reply STOP to stop: £5 @ 10:00']);
    const report = await desk.engine().runOnce();
    expect(report.sent).toBe(1);
    const [submit] = gateway.received;
    expect(submit).toMatchObject({ dataCoding: 0, destination: '447700900100', destTon: 1, destNpi: 1, sourceAddr: 'Council', sourceTon: 5, sourceNpi: 0, registeredDelivery: 1, udh: null });
    expect(submit?.text).toBe('Your bin day is Tuesday. Reply STOP to stop: £5 @ 10:00');
    const [row] = messageRows(desk.db);
    expect(row).toMatchObject({ state: 'delivered', provider: 'gateway', provider_message_id: submit?.messageId, notify_status: 'delivered' });
  });
});
