import { randomUUID } from 'node:crypto';
import type { Channel, NewProvider } from '../../../shared/contract';
import type { ActiveService, CoreContext } from '../../../electron/core/core-context';
import type { Db } from '../../../electron/core/database/open-database';
import { enqueueMessages, ONE_OFF_PRIORITY } from '../../../electron/core/outbox/enqueue';
import { ProviderRepository } from '../../../electron/core/providers/provider-repository';
import { setChannelRoute } from '../../../electron/core/routing/channel-routes';
import { osKeychain } from '../../../electron/core/secrets/keychain';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../../../electron/core/sync';
import { freePort } from '../../helpers/processes';
import { openTestContext, simulatorService, stateCounts, tempDataDir, TEST_USER } from '../sync/sync-fixtures';

export const LOCAL_EMAIL_TEMPLATE_ID = 'local-email-template';

/** Quick to give up and to try again, so faults play out in seconds. */
export const fastProviders: SyncEngineOptions = {
  requestTimeoutMs: 1_000,
  leaseMs: 3_000,
  outcomeSettleMs: 300,
  retryBaseMs: 50,
  retryMaxMs: 500,
  probeBaseMs: 100,
  probeMaxMs: 500,
  maxAttempts: 20,
  minPollMs: 100,
  idlePollMs: 100,
  throttleFailoverMs: 60_000,
  receiptWaitMs: 2_000,
};

export interface ProviderTestDesk {
  ctx: CoreContext;
  db: Db;
  providers: ProviderRepository;
  engine(options?: SyncEngineOptions): SyncEngine;
  route(channel: Channel, providers: string[]): void;
  add(provider: NewProvider): Promise<void>;
  states(): Record<string, number>;
  close(): Promise<void>;
}

/** A Notify service nothing answers for (a port with nobody listening): routes that name it find it refusing connections. */
export async function refusingNotify(): Promise<ActiveService> {
  return simulatorService({
    baseUrl: `http://127.0.0.1:${await freePort()}`,
    apiKey: `test-${randomUUID()}-${randomUUID()}`,
    passThrough: { sms: 'a', email: 'b', letter: 'c' },
  });
}

/** A desk on a fresh database, its credentials in the test session's real keychain under a service name of its own. */
export async function openProviderDesk(service?: ActiveService): Promise<ProviderTestDesk> {
  const data = tempDataDir();
  const ctx: CoreContext = {
    ...openTestContext(data.dbFile, service ?? (await refusingNotify())),
    secrets: osKeychain(`notify-desk-test-${randomUUID()}`),
  };
  insertLocalEmailTemplate(ctx.db);
  const providers = new ProviderRepository(ctx.db, ctx.secrets);
  const engines: SyncEngine[] = [];
  return {
    ctx,
    db: ctx.db,
    providers,
    engine: (options) => {
      const engine = createSyncEngine(ctx, { ...fastProviders, ...options });
      engines.push(engine);
      return engine;
    },
    route: (channel, names) => setChannelRoute(ctx.db, channel, names, TEST_USER),
    add: async (provider) => {
      await providers.add(provider, TEST_USER);
    },
    states: () => stateCounts(ctx.db),
    close: async () => {
      for (const engine of engines) await engine.stop();
      for (const provider of providers.list()) await providers.remove(provider.name, TEST_USER);
      ctx.db.close();
      data.remove();
    },
  };
}

export function insertLocalEmailTemplate(db: Db): void {
  const now = new Date().toISOString();
  db.prepare(
    `INSERT OR IGNORE INTO templates (id, type, name, source, current_version, created_at, updated_at) VALUES (?, 'email', 'Council tax', 'local', 1, ?, ?)`,
  ).run(LOCAL_EMAIL_TEMPLATE_ID, now, now);
  db.prepare(
    `INSERT OR IGNORE INTO template_versions (template_id, version, subject, body, created_at, created_by) VALUES (?, 1, ?, ?, ?, ?)`,
  ).run(LOCAL_EMAIL_TEMPLATE_ID, 'Your bill for ((year))', 'Dear ((name)),\n\nYour bill is ready.', now, TEST_USER);
}

/** Emails queued as the desk queues them: subject and body rendered, each with its own recipient. */
export function queueEmails(
  db: Db,
  count: number,
  recipient: (index: number) => string = (index) => `person${index}@example.gov.uk`,
): string[] {
  return enqueueMessages(
    db,
    Array.from({ length: count }, (_, index) => ({
      type: 'email' as const,
      templateId: LOCAL_EMAIL_TEMPLATE_ID,
      templateVersion: 1,
      recipient: recipient(index),
      personalisation: { name: `Person ${index}`, year: '2026' },
      renderedBody: `Dear Person ${index},\n\nYour bill is ready.`,
      renderedSubject: 'Your bill for 2026',
      priority: ONE_OFF_PRIORITY,
      createdBy: TEST_USER,
    })),
  );
}

/** Texts with bodies of our choosing (queueSms gives each "Hello Person N"). */
export function queueTexts(
  db: Db,
  bodies: readonly string[],
  recipient: (index: number) => string = (index) => `07700900${String(100 + index).padStart(3, '0')}`,
): string[] {
  return enqueueMessages(
    db,
    bodies.map((body, index) => ({
      type: 'sms' as const,
      templateId: 'local-sms-template',
      templateVersion: 1,
      recipient: recipient(index),
      personalisation: { name: 'x' },
      renderedBody: body,
      renderedSubject: null,
      priority: ONE_OFF_PRIORITY,
      createdBy: TEST_USER,
    })),
  );
}

export function messageRows(db: Db): {
  id: string;
  state: string;
  provider: string | null;
  provider_message_id: string | null;
  notify_status: string | null;
  last_error: string | null;
  rendered_body: string;
}[] {
  return db
    .prepare(
      'SELECT id, state, provider, provider_message_id, notify_status, last_error, rendered_body FROM outbox_messages ORDER BY rowid',
    )
    .all() as never;
}
