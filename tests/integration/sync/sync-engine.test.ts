import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEventName } from '../../../shared/contract';
import type { ActiveService, CoreContext } from '../../../electron/core/core-context';
import { examineFile } from '../../../electron/core/import/examine-file';
import { queueImport } from '../../../electron/core/import/run-import';
import { loadTemplateForImport } from '../../../electron/core/import/template-for-import';
import { enqueueMessages, ONE_OFF_PRIORITY } from '../../../electron/core/outbox/enqueue';
import { createSyncEngine, type SyncEngineOptions } from '../../../electron/core/sync';
import { SEEDED_TEMPLATE_IDS, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../simulator';
import { SEEDED_TEMPLATES } from '../../../simulator/seed-data';
import {
  duplicateReferences,
  insertBatch,
  openTestContext,
  queueSms,
  simulatorPassThrough,
  simulatorService,
  stateCounts,
  tempDataDir,
} from './sync-fixtures';

describe('sync engine against the simulator', () => {
  let cleanUp: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await cleanUp?.();
    cleanUp = null;
  });

  async function setUp(
    simulatorOptions: SimulatorOptions = {},
    service: (simulator: RunningSimulator) => Partial<ActiveService> = () => ({}),
  ): Promise<{
    simulator: RunningSimulator;
    ctx: CoreContext;
    engine: (options?: SyncEngineOptions) => ReturnType<typeof createSyncEngine>;
  }> {
    const simulator = await startSimulator({
      quiet: true,
      deliverAfterMs: 100,
      rateLimitPerMinute: 100_000,
      ...simulatorOptions,
    });
    const data = tempDataDir();
    const ctx = openTestContext(data.dbFile, {
      ...simulatorService({
        baseUrl: simulator.url,
        apiKey: simulator.apiKeys.test,
        rateLimitPerMinute: 100_000,
        passThrough: simulatorPassThrough(SEEDED_TEMPLATE_IDS),
      }),
      ...service(simulator),
    });
    const engines: ReturnType<typeof createSyncEngine>[] = [];
    cleanUp = async () => {
      for (const engine of engines) await engine.stop();
      ctx.db.close();
      await simulator.close();
      data.remove();
    };
    return {
      simulator,
      ctx,
      engine: (options) => {
        const engine = createSyncEngine(ctx, { minPollMs: 50, ...options });
        engines.push(engine);
        return engine;
      },
    };
  }

  it('sends queued messages once, records Notify ids, follows them to delivered, and tells the UI', async () => {
    const { simulator, ctx, engine: makeEngine } = await setUp();
    const events = new Map<CoreEventName, number>();
    ctx.events.onAny((event) => events.set(event, (events.get(event) ?? 0) + 1));
    queueSms(ctx.db, { count: 300 });
    const engine = makeEngine();
    const first = await engine.runOnce();
    expect(first.sent).toBe(300);
    expect(first.waiting).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await engine.runOnce();
    expect(second.statusRequests).toBeLessThanOrEqual(3);
    expect(stateCounts(ctx.db)).toEqual({ delivered: 300 });
    const sent = simulator.notifications();
    expect(sent).toHaveLength(300);
    expect(duplicateReferences(sent.map((n) => n.reference))).toEqual([]);
    const ids = ctx.db.prepare('SELECT notify_id FROM outbox_messages').all() as { notify_id: string }[];
    expect(new Set(ids.map((row) => row.notify_id))).toEqual(new Set(sent.map((n) => n.id)));
    expect(events.get('outbox.changed')).toBeGreaterThan(0);
    expect(events.get('sync.status')).toBeGreaterThan(0);
    expect(second.status.connection).toBe('online');
  });

  it('records Notify’s message for a refused send and never retries it', async () => {
    const { simulator, ctx, engine } = await setUp();
    const [id] = queueSms(ctx.db, { count: 1, recipient: () => '07700 9' });
    const report = await engine().runOnce();
    expect(report.rejected).toBe(1);
    const row = ctx.db.prepare('SELECT state, last_error, attempts FROM outbox_messages WHERE id = ?').get(id!);
    expect(row).toEqual({ state: 'rejected', last_error: 'phone_number Not enough digits', attempts: 1 });
    expect((await engine().runOnce()).sent).toBe(0);
    expect(simulator.notifications()).toHaveLength(0);
  });

  it('asks for the pass-through template when the service has none for the channel', async () => {
    const { ctx, engine } = await setUp({}, () => ({ passThroughTemplates: { sms: null, email: null, letter: null } }));
    queueSms(ctx.db, { count: 1 });
    const report = await engine().runOnce();
    expect(report.needsAttention).toBe(1);
    const row = ctx.db.prepare('SELECT state, last_error FROM outbox_messages').get() as {
      state: string;
      last_error: string;
    };
    expect(row.state).toBe('needs-attention');
    expect(row.last_error).toMatch(/in Notify, create a text message template whose content is only \(\(body\)\)/);
  });

  it('holds a channel until midnight UTC after Notify’s daily limit, and says so', async () => {
    const { simulator, ctx, engine } = await setUp({ dailyLimits: { sms: 5 } }, (sim) => ({
      apiKey: async () => sim.apiKeys.live,
    }));
    queueSms(ctx.db, { count: 8 });
    const report = await engine().runOnce();
    expect(report.sent).toBe(5);
    expect(stateCounts(ctx.db).queued).toBe(3);
    const [hold] = report.status.heldChannels;
    expect(hold).toMatchObject({ channel: 'sms', reason: 'Exceeded send limits (sms: 5) for today' });
    expect(hold?.until).toMatch(/T00:00:00.000Z$/);
    expect(simulator.notifications()).toHaveLength(5);
  });

  it('holds only texts to numbers outside the UK after Notify’s international daily limit; UK texts keep going', async () => {
    const {
      simulator,
      ctx,
      engine: makeEngine,
    } = await setUp({ dailyLimits: { international_sms: 2 } }, (sim) => ({
      apiKey: async () => sim.apiKeys.live,
    }));
    const engine = makeEngine();
    const state = (id: string) =>
      (ctx.db.prepare('SELECT state FROM outbox_messages WHERE id = ?').get(id) as { state: string }).state;
    const attempts = (ids: readonly string[]) =>
      (
        ctx.db
          .prepare(
            `SELECT COUNT(*) AS n FROM outbox_events WHERE to_state = 'sending' AND message_id IN (SELECT value FROM json_each(?))`,
          )
          .get(JSON.stringify(ids)) as { n: number }
      ).n;

    queueSms(ctx.db, { count: 2, recipient: (i) => ['+33 6 12 34 56 78', '+1 202 555 0123'][i]! });
    expect((await engine.runOnce()).sent).toBe(2);

    // France, and Jersey: a number starting 44 that Notify counts as international.
    const abroad = queueSms(ctx.db, { count: 2, recipient: (i) => ['+33 6 12 34 56 79', '07797 123456'][i]! });
    const uk = queueSms(ctx.db, { count: 3 });
    const second = await engine.runOnce();
    expect(second.sent).toBe(3);
    for (const id of uk) expect(state(id)).not.toBe('queued');
    for (const id of abroad) expect(state(id)).toBe('queued');
    const lastErrors = ctx.db
      .prepare('SELECT DISTINCT last_error FROM outbox_messages WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(abroad));
    expect(lastErrors).toEqual([{ last_error: 'Exceeded send limits (international_sms: 2) for today' }]);
    expect(second.status.heldChannels).toEqual([
      {
        channel: 'international_sms',
        until: expect.stringMatching(/T00:00:00.000Z$/),
        reason: 'Exceeded send limits (international_sms: 2) for today',
        description:
          'Text messages to numbers outside the UK wait until Notify’s daily limit resets at midnight UTC. Texts to UK numbers are still sent.',
      },
    ]);

    const attemptsWhenHeld = attempts(abroad);
    const laterUk = queueSms(ctx.db, { count: 2 });
    const third = await engine.runOnce();
    expect(third.sent).toBe(2);
    for (const id of laterUk) expect(state(id)).not.toBe('queued');
    expect(attempts(abroad)).toBe(attemptsWhenHeld);
    for (const id of abroad) expect(state(id)).toBe('queued');
    expect(simulator.notifications()).toHaveLength(7);
    expect(duplicateReferences(simulator.notifications().map((n) => n.reference))).toEqual([]);
  });

  it('stops and tells the user when Notify refuses the key, keeping every message queued', async () => {
    const { ctx, engine } = await setUp({}, (sim) => ({
      apiKey: async () => sim.apiKeys.test.slice(0, -36) + '00000000-0000-4000-8000-000000000000',
    }));
    queueSms(ctx.db, { count: 3 });
    const report = await engine().runOnce();
    expect(report.status.connection).toBe('idle');
    expect(report.status.lastError).toBe('Notify refused the API key: Invalid token: API key not found');
    expect(stateCounts(ctx.db)).toEqual({ queued: 3 });
  });

  it('pauses and resumes sending, for everything and per batch', async () => {
    const { ctx, engine: makeEngine } = await setUp();
    insertBatch(ctx.db, 'b1');
    queueSms(ctx.db, { count: 2, batchId: 'b1' });
    queueSms(ctx.db, { count: 1 });
    const engine = makeEngine();
    expect(engine.pause().connection).toBe('paused');
    expect((await engine.runOnce()).sent).toBe(0);
    engine.resume();
    engine.pause('b1');
    expect((await engine.runOnce()).sent).toBe(1);
    engine.resume('b1');
    expect((await engine.runOnce()).sent).toBe(2);
    expect(() => engine.pause('no-such-batch')).toThrow(/not in the outbox/);
  });

  it('sends a scheduled message at its time, in the running engine', async () => {
    const { ctx, engine: makeEngine } = await setUp();
    const [id] = queueSms(ctx.db, { count: 1, sendAfter: new Date(Date.now() + 700).toISOString() });
    const engine = makeEngine({ idlePollMs: 100 });
    engine.start();
    const state = () =>
      (ctx.db.prepare('SELECT state FROM outbox_messages WHERE id = ?').get(id!) as { state: string }).state;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(state()).toBe('scheduled');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(['accepted', 'delivered']).toContain(state());
  });

  it('marks accepted messages past Notify’s retention that it no longer lists as status unknown', async () => {
    const { ctx, engine } = await setUp();
    const [id] = queueSms(ctx.db, { count: 1 });
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000).toISOString();
    ctx.db
      .prepare(
        `UPDATE outbox_messages SET state = 'accepted', notify_id = ?, notify_status = 'sending', accepted_at = ? WHERE id = ?`,
      )
      .run('5b0b8c1e-0000-4000-8000-00000000dead', eightDaysAgo, id!);
    const report = await engine().runOnce();
    expect(report.statusRequests).toBe(1);
    expect(stateCounts(ctx.db)).toEqual({ 'status-unknown': 1 });
  });

  it('looks the reference up before sending a message whose earlier attempt may have reached Notify, and adopts it', async () => {
    const { simulator, ctx, engine } = await setUp();
    queueSms(ctx.db, { count: 20 });
    await engine().runOnce();
    // As if the process had died after sending, before recording: back to an unknown outcome.
    ctx.db
      .prepare(
        `UPDATE outbox_messages SET state = 'queued', notify_id = NULL, notify_status = NULL, outcome_unknown = 1`,
      )
      .run();
    const report = await engine().runOnce();
    expect(report.adopted).toBe(20);
    expect(report.sent).toBe(0);
    expect(simulator.notifications()).toHaveLength(20);
    expect(
      (ctx.db.prepare('SELECT COUNT(*) AS n FROM outbox_messages WHERE notify_id IS NOT NULL').get() as { n: number })
        .n,
    ).toBe(20);
  });

  it('sends emails and letters through the pass-through templates, and Notify templates with the user’s values', async () => {
    const { simulator, ctx, engine } = await setUp();
    const now = new Date().toISOString();
    const addTemplate = (id: string, type: string, source: string, notifyId: string | null, subject: string | null) => {
      ctx.db
        .prepare(
          `INSERT INTO templates (id, type, name, source, notify_template_id, current_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
        )
        .run(id, type, id, source, notifyId, now, now);
      ctx.db
        .prepare(
          `INSERT INTO template_versions (template_id, version, subject, body, created_at, created_by) VALUES (?, 1, ?, 'x', ?, 'me')`,
        )
        .run(id, subject, now);
    };
    addTemplate('local-email', 'email', 'local', null, 'Subject');
    addTemplate('local-letter', 'letter', 'local', null, 'Heading');
    addTemplate('notify-sms', 'sms', 'notify', SEEDED_TEMPLATE_IDS.appointmentReminderSms, null);
    const base = { templateVersion: 1, priority: ONE_OFF_PRIORITY, createdBy: 'me' };
    enqueueMessages(ctx.db, [
      {
        ...base,
        type: 'email',
        templateId: 'local-email',
        recipient: 'someone@example.gov.uk',
        personalisation: {},
        renderedBody: 'Email body',
        renderedSubject: 'Email subject',
      },
      {
        ...base,
        type: 'letter',
        templateId: 'local-letter',
        recipient: 'A Person',
        personalisation: { 'Address line 1': 'A Person', address_line_2: '1 High Street', Postcode: 'SW1A 1AA' },
        renderedBody: 'Letter body',
        renderedSubject: 'Letter heading',
      },
      {
        ...base,
        type: 'sms',
        templateId: 'notify-sms',
        recipient: '07700900123',
        personalisation: { name: 'Ann', date: '1 May', time: '10am', directions: '' },
        renderedBody: '',
        renderedSubject: null,
      },
    ]);
    const report = await engine().runOnce();
    expect(report.sent).toBe(3);
    const byType = new Map(simulator.notifications().map((n) => [n.type, n]));
    expect(byType.get('email')).toMatchObject({
      template_id: SEEDED_TEMPLATE_IDS.passThroughEmail,
      personalisation: { subject: 'Email subject', body: 'Email body' },
    });
    expect(byType.get('letter')).toMatchObject({
      template_id: SEEDED_TEMPLATE_IDS.passThroughLetter,
      personalisation: {
        address_line_1: 'A Person',
        address_line_2: '1 High Street',
        postcode: 'SW1A 1AA',
        subject: 'Letter heading',
        body: 'Letter body',
      },
    });
    expect(byType.get('sms')).toMatchObject({
      template_id: SEEDED_TEMPLATE_IDS.appointmentReminderSms,
      personalisation: { name: 'Ann', date: '1 May', time: '10am' },
    });
  });

  it('sends a placeholder fed by a repeated spreadsheet column to Notify as a list, which renders it as the desk did', async () => {
    const { simulator, ctx, engine } = await setUp();
    const now = new Date().toISOString();
    const addNotifyTemplate = (notifyId: string) => {
      const seed = SEEDED_TEMPLATES.find((candidate) => candidate.id === notifyId);
      const latest = seed?.versions.at(-1);
      if (!seed || !latest) throw new Error(`no seeded template ${notifyId}`);
      ctx.db
        .prepare(
          `INSERT INTO templates (id, type, name, source, notify_template_id, current_version, created_at, updated_at) VALUES (?, ?, ?, 'notify', ?, 1, ?, ?)`,
        )
        .run(`desk-${notifyId}`, seed.type, latest.name, notifyId, now, now);
      ctx.db
        .prepare(
          `INSERT INTO template_versions (template_id, version, subject, body, created_at, created_by) VALUES (?, 1, ?, ?, ?, 'me')`,
        )
        .run(`desk-${notifyId}`, latest.subject ?? null, latest.body, now);
      return loadTemplateForImport(ctx.db, `desk-${notifyId}`);
    };
    const csvFile = join(ctx.dataDir, 'household.csv');
    const queue = async (notifyId: string, csv: string) => {
      writeFileSync(csvFile, csv);
      const run = { db: ctx.db, file: await examineFile(csvFile), template: addNotifyTemplate(notifyId) };
      return queueImport(run, {
        excludeInvalid: false,
        importedBy: 'me',
        rejectedRowsFolder: join(ctx.dataDir, 'rejected-rows'),
      });
    };
    const sms = await queue(
      SEEDED_TEMPLATE_IDS.appointmentReminderSms,
      'phone number,name,name,date,time,directions\n07700900123,Ann,Bo,1 May,10am,no\n',
    );
    const email = await queue(
      SEEDED_TEMPLATE_IDS.applicationReceivedEmail,
      'email address,name,reference number,date,documents needed,name\nann@example.gov.uk,Ann,A1,2 May,yes,Bo\n',
    );
    expect([sms.queued, email.queued]).toEqual([1, 1]);

    const report = await engine().runOnce();
    expect(report.sent).toBe(2);
    const stored = new Map(
      (
        ctx.db.prepare('SELECT type, rendered_body, rendered_subject FROM outbox_messages').all() as {
          type: string;
          rendered_body: string;
          rendered_subject: string | null;
        }[]
      ).map((row) => [row.type, row]),
    );
    const byType = new Map(simulator.notifications().map((n) => [n.type, n]));
    expect(byType.get('sms')).toMatchObject({
      template_id: SEEDED_TEMPLATE_IDS.appointmentReminderSms,
      personalisation: { name: ['Ann', 'Bo'], date: '1 May', time: '10am', directions: 'no' },
      body: 'Hello Ann and Bo, your appointment is on 1 May at 10am.',
    });
    expect(stored.get('sms')?.rendered_body).toBe(byType.get('sms')?.body);
    expect(byType.get('email')).toMatchObject({
      template_id: SEEDED_TEMPLATE_IDS.applicationReceivedEmail,
      personalisation: { name: ['Ann', 'Bo'], 'reference number': 'A1', date: '2 May', 'documents needed': 'yes' },
      subject: 'We have received your application A1',
    });
    expect(byType.get('email')?.body).toMatch(/^Dear \n\n\* Ann\n\* Bo,\r\n/);
    expect(stored.get('email')?.rendered_body).toBe(byType.get('email')?.body);
  });

  it('sets aside a message whose stored values are not text or lists of text, saying why', async () => {
    const { simulator, ctx, engine } = await setUp();
    const [id] = queueSms(ctx.db, { count: 1 });
    ctx.db.prepare(`UPDATE outbox_messages SET personalisation = '{"name": {"first": "Ann"}}' WHERE id = ?`).run(id);
    await engine().runOnce();
    const row = ctx.db.prepare('SELECT state, last_error FROM outbox_messages WHERE id = ?').get(id) as {
      state: string;
      last_error: string;
    };
    expect(row.state).toBe('needs-attention');
    expect(row.last_error).toBe(
      'The values stored with this message cannot be read (each value must be text or a list of text), so it cannot be sent. Cancel it and send it again.',
    );
    expect(simulator.notifications()).toHaveLength(0);
  });
});
