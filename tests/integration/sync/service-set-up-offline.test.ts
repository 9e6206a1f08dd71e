import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import { databaseFile } from '../../../electron/core/data-dir';
import { migrations } from '../../../electron/core/database/migrations';
import { openDatabase } from '../../../electron/core/database/open-database';
import { osKeychain } from '../../../electron/core/secrets/keychain';
import { createSyncEngine } from '../../../electron/core/sync';
import { SEEDED_TEMPLATE_IDS, startSimulator, type RunningSimulator } from '../../../simulator';
import { startNotifyProxy, type ProxiedAnswer } from '../../helpers/notify-proxy';
import { freePort } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';
import { duplicateReferences, insertLocalSmsTemplate, queueSms, stateCounts, waitFor } from './sync-fixtures';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulatorOn(port = 0, failRate = 0): Promise<RunningSimulator> {
  const simulator = await startSimulator({
    port,
    quiet: true,
    deliverAfterMs: 200,
    rateLimitPerMinute: 1_000_000,
    failRate,
  });
  cleanups.push(() => simulator.close());
  return simulator;
}

/** A desk on a fresh data folder with its own keychain service, and a text message template written on it. */
async function openDesk(): Promise<Core> {
  const folder = makeTempDir();
  const core = await createCore({ dataDir: folder.path, secrets: osKeychain(`notify-desk-test-${randomUUID()}`) });
  cleanups.push(async () => {
    await core.close();
    folder.remove();
  });
  return core;
}

async function call<T>(core: Core, name: string, args: unknown): Promise<T> {
  const result = await core.call(name, args);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

async function sendTexts(core: Core, count: number): Promise<string[]> {
  const templates = await call<{ id: string; name: string }[]>(core, 'templates.list', {});
  const template =
    templates.find((candidate) => candidate.name === 'Reminder') ??
    (await call<{ id: string }>(core, 'templates.create', {
      type: 'sms',
      name: 'Reminder',
      body: 'Hello ((name)), see you soon.',
    }));
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const sent = await call<{ message: { id: string } }>(core, 'messages.send', {
      templateId: template.id,
      to: `07700 900${String(100 + index)}`,
      values: { name: `Person ${index}` },
    });
    ids.push(sent.message.id);
  }
  return ids;
}

const everNeededAttention = (core: Core): number =>
  (
    core.ctx.db.prepare(`SELECT COUNT(*) AS n FROM outbox_events WHERE to_state = 'needs-attention'`).get() as {
      n: number;
    }
  ).n;

/** Syncs as the desk does when a person presses "Sync now", until every message is delivered. */
async function syncUntilDelivered(core: Core, count: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((stateCounts(core.ctx.db).delivered ?? 0) < count) {
    if (Date.now() > deadline)
      throw new Error(`not delivered: ${JSON.stringify(stateCounts(core.ctx.db))}; ${core.sync.status().lastError}`);
    await core.sync.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function expectEachSentOnce(simulator: RunningSimulator, core: Core, count: number): void {
  const references = simulator.notifications().map((notification) => notification.reference);
  expect(duplicateReferences(references)).toEqual([]);
  expect(references).toHaveLength(count);
  expect(stateCounts(core.ctx.db)).toEqual({ delivered: count });
}

describe('a desk set up while Notify is failing heals itself', () => {
  it('service added while Notify answers 500, faults cleared, five texts sent and synced: all delivered, none ever needing attention', async () => {
    const simulator = await simulatorOn(0, 1);
    const core = await openDesk();
    const added = await call<{ service: { keyStatus: string }; warning: string }>(core, 'services.configure', {
      baseUrl: simulator.url,
      apiKey: simulator.apiKeys.live,
    });
    expect(added.service.keyStatus).toBe('unchecked');
    expect(added.warning).toMatch(/^Notify had a problem \(HTTP 500/);

    simulator.setFaults({ failRate: 0 });
    await sendTexts(core, 5);
    await syncUntilDelivered(core, 5);

    expectEachSentOnce(simulator, core, 5);
    expect(everNeededAttention(core)).toBe(0);
    const status = await call<{ service: { keyStatus: string; passThroughTemplates: { sms: string } } }>(
      core,
      'app.status',
      {},
    );
    expect(status.service).toMatchObject({
      keyStatus: 'ok',
      passThroughTemplates: { sms: SEEDED_TEMPLATE_IDS.passThroughSms },
    });
    // The service's own templates were mirrored once it answered; the pass-through ones are tools, not templates.
    const templates = await call<{ name: string; source: string }[]>(core, 'templates.list', {});
    expect(templates.filter((template) => template.source === 'notify').map((template) => template.name)).toContain(
      'Appointment reminder',
    );
  });

  it('the same with connections refused: texts queued meanwhile wait, saying why, and go once Notify answers', async () => {
    const port = await freePort();
    const core = await openDesk();
    const liveKey = (await simulatorOn()).apiKeys.live;
    const added = await call<{ service: { keyStatus: string }; warning: string }>(core, 'services.configure', {
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: liveKey,
    });
    expect(added.service.keyStatus).toBe('unchecked');
    expect(added.warning).toMatch(
      new RegExp(`^notify-desk could not connect to 127\\.0\\.0\\.1:${port} \\(nothing is listening there\\)\\.`),
    );

    await sendTexts(core, 5);
    const waiting = await core.sync.runOnce();
    expect(stateCounts(core.ctx.db)).toEqual({ queued: 5 });
    expect(waiting.status.lastError).toBe(
      `Queued, waiting for the service to be checked: notify-desk could not connect to 127.0.0.1:${port} (nothing is listening there).`,
    );

    const simulator = await simulatorOn(port);
    await syncUntilDelivered(core, 5);
    expectEachSentOnce(simulator, core, 5);
    expect(everNeededAttention(core)).toBe(0);
  });

  it('the same with an outage starting between the key check and the template look-up', async () => {
    const simulator = await simulatorOn();
    const proxy = await startNotifyProxy(simulator.url);
    cleanups.push(() => proxy.close());
    proxy.startOutageAt(/^\/v2\/templates/);
    const core = await openDesk();
    const added = await call<{
      service: { keyStatus: string; passThroughTemplates: { sms: string | null } };
      warning: string;
    }>(core, 'services.configure', { baseUrl: proxy.url, apiKey: simulator.apiKeys.live });
    expect(added.service).toMatchObject({ keyStatus: 'ok', passThroughTemplates: { sms: null } });
    expect(added.warning).toMatch(/^The key was accepted, but the service’s templates could not be looked up/);

    await proxy.endOutage();
    await sendTexts(core, 5);
    await syncUntilDelivered(core, 5);
    expectEachSentOnce(simulator, core, 5);
    expect(everNeededAttention(core)).toBe(0);
  });

  it('2,000 texts with 20% server errors on a service added during a 500: every text sent once, none stranded', async () => {
    const simulator = await simulatorOn(0, 1);
    const core = await openDesk();
    await call(core, 'services.configure', {
      baseUrl: simulator.url,
      apiKey: simulator.apiKeys.test,
      rateLimitPerMinute: 100_000,
    });
    insertLocalSmsTemplate(core.ctx.db);
    queueSms(core.ctx.db, { count: 2_000 });

    simulator.setFaults({ failRate: 0.2 });
    const engine = createSyncEngine(core.ctx, {
      requestTimeoutMs: 1_000,
      outcomeSettleMs: 300,
      retryBaseMs: 100,
      retryMaxMs: 1_000,
      probeBaseMs: 100,
      probeMaxMs: 500,
      minPollMs: 100,
    });
    cleanups.push(() => engine.stop());
    engine.start();
    await waitFor(
      () => (stateCounts(core.ctx.db).delivered ?? 0) === 2_000 || everNeededAttention(core) > 0,
      90_000,
      'every text to be delivered',
    );
    await engine.stop();

    expect(everNeededAttention(core)).toBe(0);
    expectEachSentOnce(simulator, core, 2_000);
  }, 120_000);

  it('a text held for a missing pass-through template goes back to the queue by itself, once, when the template appears', async () => {
    const simulator = await simulatorOn();
    const proxy = await startNotifyProxy(simulator.url);
    cleanups.push(() => proxy.close());
    // The service as Notify would show it before anyone created its text message pass-through template.
    const withoutSmsPassThrough = (answer: ProxiedAnswer): ProxiedAnswer => {
      const { templates } = JSON.parse(answer.body) as { templates: { id: string }[] };
      return {
        ...answer,
        body: JSON.stringify({
          templates: templates.filter((template) => template.id !== SEEDED_TEMPLATE_IDS.passThroughSms),
        }),
      };
    };
    proxy.rewrite(/^\/v2\/templates/, withoutSmsPassThrough);
    const core = await openDesk();
    const added = await call<{ warning: string }>(core, 'services.configure', {
      baseUrl: proxy.url,
      apiKey: simulator.apiKeys.live,
    });
    expect(added.warning).toBe(
      'Texts written on this desk cannot be sent until the service has a pass-through text message template: in Notify, create a text message template whose content is only ((body)), and notify-desk will find it by itself.',
    );

    const [id] = await sendTexts(core, 1);
    await core.sync.runOnce();
    const held = core.ctx.db.prepare('SELECT state, last_error FROM outbox_messages WHERE id = ?').get(id) as {
      state: string;
      last_error: string;
    };
    expect(held).toEqual({
      state: 'needs-attention',
      last_error:
        'This text was written on the desk and is sent through a pass-through template, which the service does not have yet: in Notify, create a text message template whose content is only ((body)), and notify-desk will send this text by itself.',
    });
    expect(simulator.notifications()).toHaveLength(0);

    proxy.rewrite(/^\/v2\/templates/, null);
    await syncUntilDelivered(core, 1);
    expectEachSentOnce(simulator, core, 1);
    const path = core.ctx.db
      .prepare('SELECT from_state, to_state FROM outbox_events WHERE message_id = ? ORDER BY id')
      .all(id);
    expect(path).toEqual([
      { from_state: null, to_state: 'queued' },
      { from_state: 'queued', to_state: 'sending' },
      { from_state: 'sending', to_state: 'needs-attention' },
      { from_state: 'needs-attention', to_state: 'queued' },
      { from_state: 'queued', to_state: 'sending' },
      { from_state: 'sending', to_state: 'accepted' },
      { from_state: 'accepted', to_state: 'delivered' },
    ]);
  });

  it('texts stranded in "needs attention" by earlier versions go back to the queue on start and are sent once', async () => {
    const simulator = await simulatorOn();
    const folder = makeTempDir();
    cleanups.push(() => folder.remove());
    // A data folder as version 3 left it: the service saved unchecked, its texts set aside for a pass-through template.
    const old = openDatabase(databaseFile(folder.path), migrations.slice(0, 3));
    const now = new Date().toISOString();
    old
      .prepare(
        `INSERT INTO services (id, name, kind, base_url, notify_service_id, key_status, key_status_message, created_at)
         VALUES ('service-1', 'Council', 'notify', ?, ?, 'unchecked', 'Notify had a problem (HTTP 500).', ?)`,
      )
      .run(simulator.url, simulator.serviceId, now);
    insertLocalSmsTemplate(old);
    const ids = queueSms(old, { count: 3 });
    const oldReason =
      'This text message uses a template written on the desk, which is sent through a Notify template whose content is ((body)). Set the id of that text message template in Settings (sms pass-through template), then retry the message.';
    for (const id of ids) {
      old
        .prepare(`UPDATE outbox_messages SET state = 'needs-attention', last_error = ? WHERE id = ?`)
        .run(oldReason, id);
      old
        .prepare(
          `INSERT INTO outbox_events (message_id, at, from_state, to_state, detail) VALUES (?, ?, 'sending', 'needs-attention', ?)`,
        )
        .run(id, now, oldReason);
    }
    old.close();

    const keychainName = `notify-desk-test-${randomUUID()}`;
    await osKeychain(keychainName).set(`api-key:${simulator.serviceId}`, simulator.apiKeys.live);
    const core = await createCore({ dataDir: folder.path, secrets: osKeychain(keychainName) });
    cleanups.push(() => core.close());
    expect(stateCounts(core.ctx.db)).toEqual({ queued: 3 });

    await syncUntilDelivered(core, 3);
    expectEachSentOnce(simulator, core, 3);
    const returned = core.ctx.db
      .prepare(`SELECT COUNT(*) AS n FROM outbox_events WHERE from_state = 'needs-attention' AND to_state = 'queued'`)
      .get();
    expect(returned).toEqual({ n: 3 });
  });
});
