import { NotifyClient as OfficialNotifyClient } from 'notifications-node-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../../electron/core/core-context';
import { createNotifyClient } from '../../../electron/core/notify-client';
import { enqueueMessages, ONE_OFF_PRIORITY } from '../../../electron/core/outbox/enqueue';
import { readDashboard } from '../../../electron/core/record/dashboard';
import { harvestNotifications } from '../../../electron/core/record/harvest';
import { getRecordMessage } from '../../../electron/core/record/record-detail';
import { searchRecord } from '../../../electron/core/record/record-search';
import { createSyncEngine } from '../../../electron/core/sync';
import {
  SEEDED_TEMPLATE_IDS,
  SIMULATOR_SECOND_LIVE_API_KEY,
  startSimulator,
  type RunningSimulator,
} from '../../../simulator';
import {
  LOCAL_SMS_TEMPLATE_ID,
  openTestContext,
  simulatorPassThrough,
  simulatorService,
  tempDataDir,
} from '../sync/sync-fixtures';

const DELIVER_AFTER_MS = 400;

function queueFrom(ctx: CoreContext, user: string, recipients: readonly string[]): string[] {
  return enqueueMessages(
    ctx.db,
    recipients.map((recipient, index) => ({
      type: 'sms' as const,
      templateId: LOCAL_SMS_TEMPLATE_ID,
      templateVersion: 1,
      recipient,
      personalisation: { name: `Person ${index}` },
      renderedBody: `Hello Person ${index}`,
      renderedSubject: null,
      priority: ONE_OFF_PRIORITY,
      createdBy: user,
    })),
  );
}

const recordCount = (ctx: CoreContext): number =>
  (ctx.db.prepare('SELECT COUNT(*) AS n FROM record_messages').get() as { n: number }).n;

describe('harvesting the whole service into the delivery record', () => {
  let simulator: RunningSimulator;
  const deskA = tempDataDir();
  const deskB = tempDataDir();
  let a: CoreContext;
  let b: CoreContext;

  beforeAll(async () => {
    simulator = await startSimulator({ deliverAfterMs: DELIVER_AFTER_MS, quiet: true });
    const service = simulatorService({
      baseUrl: simulator.url,
      apiKey: simulator.apiKeys.live,
      passThrough: simulatorPassThrough(SEEDED_TEMPLATE_IDS),
    });
    a = { ...openTestContext(deskA.dbFile, service), user: 'ann' };
    b = { ...openTestContext(deskB.dbFile, service), user: 'bob' };
  });
  afterAll(async () => {
    a.db.close();
    b.db.close();
    await simulator.close();
    deskA.remove();
    deskB.remove();
  });

  it('adopts what other desks, another key and the official client sent, twice over without a duplicate', async () => {
    queueFrom(a, 'ann', ['07700 900101', '07700 900102']);
    queueFrom(b, 'bob o’brien', ['07700 900201']);
    const engineA = createSyncEngine(a, { minPollMs: 50 });
    const engineB = createSyncEngine(b, { minPollMs: 50 });
    expect((await engineB.runOnce()).sent).toBe(1);
    await engineB.stop();

    const official = new OfficialNotifyClient(simulator.url, SIMULATOR_SECOND_LIVE_API_KEY);
    const bySystem = await official.sendSms(SEEDED_TEMPLATE_IDS.appointmentReminderSms, '+44 7700 900301', {
      personalisation: { name: 'Cy', date: 'Monday', time: '10am', directions: 'no' },
      reference: 'case-42',
    });
    const byPerson = await official.sendEmail(SEEDED_TEMPLATE_IDS.applicationReceivedEmail, 'Dee@Example.com', {
      personalisation: { name: 'Dee', date: 'Monday', 'reference number': 'X1', 'documents needed': 'no' },
    });
    const upload = await fetch(`${simulator.url}/_simulator/web-interface-sends`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${simulator.controlKey}` },
      body: JSON.stringify({ ids: [byPerson.data.id], createdByName: 'Carol Clerk', job: true }),
    });
    expect(upload.status).toBe(200);

    const first = await engineA.runOnce();
    await engineA.stop();
    expect(first.sent).toBe(2);
    expect(first.harvest).toMatchObject({ adopted: 3 });
    expect(recordCount(a)).toBe(5);

    const client = createNotifyClient({ baseUrl: simulator.url, apiKey: simulator.apiKeys.live });
    const again = await harvestNotifications(a.db, client);
    expect(again.adopted).toBe(0);
    expect(recordCount(a)).toBe(5);
    const duplicates = a.db
      .prepare('SELECT notify_id FROM record_messages GROUP BY notify_id HAVING COUNT(*) > 1')
      .all();
    expect(duplicates).toEqual([]);

    const fromB = searchRecord(a.db, { to: '447700900201' }, { limit: 50 }).messages;
    expect(fromB).toHaveLength(1);
    expect(fromB[0]).toMatchObject({ origin: 'other-desk', sentBy: 'bob o’brien' });
    const fromSystem = searchRecord(a.db, { reference: 'case-42' }, { limit: 50 }).messages;
    expect(fromSystem).toMatchObject([
      { origin: 'elsewhere', sentBy: null, notifyId: bySystem.data.id, templateName: 'Appointment reminder' },
    ]);
    const fromPerson = searchRecord(a.db, { search: 'dee@example.COM' }, { limit: 50 }).messages;
    expect(fromPerson).toMatchObject([{ origin: 'elsewhere', sentBy: 'Carol Clerk', type: 'email' }]);
    const own = searchRecord(a.db, { sentBy: 'ann' }, { limit: 50 }).messages;
    expect(own.map((message) => message.origin)).toEqual(['desk', 'desk']);

    // Once Notify has delivered them, a harvest brings every status up to date, the desk's own through its outbox.
    await new Promise((resolve) => setTimeout(resolve, DELIVER_AFTER_MS + 200));
    const later = await harvestNotifications(a.db, client);
    client.close();
    expect(later.adopted).toBe(0);
    const counts = searchRecord(a.db, {}, { limit: 50 }).counts;
    expect(counts).toMatchObject({ total: 5, delivered: 5, delivering: 0, failed: 0 });
    const outboxStates = a.db.prepare(`SELECT state FROM outbox_messages`).all() as { state: string }[];
    expect(outboxStates.every((row) => row.state === 'delivered')).toBe(true);
    const detail = getRecordMessage(a.db, fromSystem[0]!.id);
    expect(detail.body).toContain('Cy');
    expect(detail.timeline.map((entry) => entry.text).at(-1)).toBe('Delivered');
    expect(detail.timeline.length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('marks a message sent elsewhere that Notify no longer lists, without a final status, as never known', async () => {
    const longAgo = new Date(Date.now() - 10 * 86_400_000).toISOString();
    a.db
      .prepare(
        `INSERT INTO record_messages (id, notify_id, origin, type, status, recipient, recipient_key, created_at, status_at, day)
         VALUES ('gone', '0f0f0f0f-0000-4000-8000-000000000001', 'elsewhere', 'sms', 'sending', '07700900999', '07700 900999', ?, ?, '2000-01-01')`,
      )
      .run(longAgo, longAgo);
    const client = createNotifyClient({ baseUrl: simulator.url, apiKey: simulator.apiKeys.live });
    const report = await harvestNotifications(a.db, client);
    client.close();
    expect(report.markedUnknown).toBe(1);
    const gone = getRecordMessage(a.db, 'gone');
    expect(gone.status).toBe('status-unknown');
    expect(gone.statusText).toBe('Final status not known');
    expect(readDashboard(a.db).statusUnknown).toBe(1);
  }, 30_000);

  it('keeps the daily totals equal to the messages themselves through every change', () => {
    const fromMessages = a.db
      .prepare(
        'SELECT day, type, status, COUNT(*) AS n FROM record_messages GROUP BY day, type, status ORDER BY day, type, status',
      )
      .all();
    const fromTotals = a.db
      .prepare(
        `SELECT day, type, status, SUM(messages) AS n FROM record_daily_totals GROUP BY day, type, status HAVING SUM(messages) > 0
         ORDER BY day, type, status`,
      )
      .all();
    expect(fromTotals).toEqual(fromMessages);
    const byTemplate = a.db
      .prepare(
        `SELECT COALESCE(template_name, '') AS template, status, COUNT(*) AS n FROM record_messages GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all();
    const templateTotals = a.db
      .prepare(
        `SELECT template_name AS template, status, SUM(messages) AS n FROM record_template_totals GROUP BY 1, 2 HAVING SUM(messages) > 0 ORDER BY 1, 2`,
      )
      .all();
    expect(templateTotals).toEqual(byTemplate);
  });
});
