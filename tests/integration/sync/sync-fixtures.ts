import { mkdtempSync, rmSync } from 'node:fs';
import { singleUserParts } from '../../helpers/test-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActiveService, CoreContext } from '../../../electron/core/core-context';
import { openDatabase, type Db } from '../../../electron/core/database/open-database';
import { CoreEventBus } from '../../../electron/core/events';
import { DIRECT_NETWORK } from '../../../electron/core/network/network-access';
import { BATCH_PRIORITY, enqueueMessages, ONE_OFF_PRIORITY } from '../../../electron/core/outbox/enqueue';
import type { SecretStore } from '../../../electron/core/secrets/keychain';

export const LOCAL_SMS_TEMPLATE_ID = 'local-sms-template';
export const TEST_USER = 'test-user';

/** No keychain in tests: the simulator key is handed over directly. */
const noSecrets: SecretStore = {
  get: async () => null,
  set: async () => undefined,
  delete: async () => undefined,
};

export interface ServiceSettings {
  baseUrl: string;
  apiKey: string;
  rateLimitPerMinute?: number;
  passThrough: ActiveService['passThroughTemplates'];
}

export function simulatorService(settings: ServiceSettings): ActiveService {
  return {
    id: 'simulator-service',
    name: 'Simulator',
    kind: 'notify',
    baseUrl: settings.baseUrl,
    rateLimitPerMinute: settings.rateLimitPerMinute ?? 3000,
    passThroughTemplates: settings.passThrough,
    apiKey: async () => settings.apiKey,
    network: DIRECT_NETWORK,
  };
}

export function openTestContext(dbFile: string, service: ActiveService): CoreContext {
  const db = openDatabase(dbFile);
  insertLocalSmsTemplate(db);
  return {
    db,
    dataDir: join(dbFile, '..'),
    user: TEST_USER,
    ...singleUserParts(db, TEST_USER),
    events: new CoreEventBus(),
    secrets: noSecrets,
    network: DIRECT_NETWORK,
    apiKeySources: [],
    activeService: async () => service,
  };
}

export function insertLocalSmsTemplate(db: Db): void {
  const now = new Date().toISOString();
  db.prepare(
    `INSERT OR IGNORE INTO templates (id, type, name, source, current_version, created_at, updated_at)
     VALUES (?, 'sms', 'Appointment reminder', 'local', 1, ?, ?)`,
  ).run(LOCAL_SMS_TEMPLATE_ID, now, now);
  db.prepare(
    `INSERT OR IGNORE INTO template_versions (template_id, version, body, created_at, created_by) VALUES (?, 1, ?, ?, ?)`,
  ).run(LOCAL_SMS_TEMPLATE_ID, 'Hello ((name))', now, TEST_USER);
}

export interface QueueOptions {
  count: number;
  batchId?: string | null;
  priority?: number;
  sendAfter?: string;
  /** Phone numbers: Notify TV numbers (07700 900xxx) all deliver on the simulator. */
  recipient?: (index: number) => string;
}

export function queueSms(db: Db, options: QueueOptions): string[] {
  const messages = Array.from({ length: options.count }, (_, index) => ({
    type: 'sms' as const,
    templateId: LOCAL_SMS_TEMPLATE_ID,
    templateVersion: 1,
    recipient: options.recipient?.(index) ?? `0770090${String(1000 + (index % 9000)).padStart(4, '0')}`,
    personalisation: { name: `Person ${index}` },
    renderedBody: `Hello Person ${index}`,
    renderedSubject: null,
    priority: options.priority ?? (options.batchId ? BATCH_PRIORITY : ONE_OFF_PRIORITY),
    sendAfter: options.sendAfter,
    batchId: options.batchId ?? null,
    createdBy: TEST_USER,
  }));
  return enqueueMessages(db, messages);
}

export function insertBatch(db: Db, id: string, status: 'importing' | 'ready' | 'cancelled' = 'ready'): void {
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO batches (id, file_name, content_hash, template_id, template_version, imported_by, row_count, send_after, status, created_at)
     VALUES (?, 'people.csv', ?, ?, 1, ?, 0, ?, ?, ?)`,
  ).run(id, `hash-${id}`, LOCAL_SMS_TEMPLATE_ID, TEST_USER, now, status, now);
}

export function stateCounts(db: Db): Record<string, number> {
  const rows = db.prepare('SELECT state, COUNT(*) AS n FROM outbox_messages GROUP BY state').all() as {
    state: string;
    n: number;
  }[];
  return Object.fromEntries(rows.map((row) => [row.state, row.n]));
}

export function tempDataDir(): { dir: string; dbFile: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'notify-desk-sync-'));
  return { dir, dbFile: join(dir, 'notify-desk.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** References the simulator holds more than once (should always be empty). */
export function duplicateReferences(references: readonly (string | null)[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const reference of references) {
    if (reference === null) continue;
    if (seen.has(reference)) duplicates.add(reference);
    seen.add(reference);
  }
  return [...duplicates];
}

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The simulator's seeded pass-through templates (body `((body))`), as a service's settings name them. */
export function simulatorPassThrough(ids: {
  passThroughSms: string;
  passThroughEmail: string;
  passThroughLetter: string;
}): ActiveService['passThroughTemplates'] {
  return { sms: ids.passThroughSms, email: ids.passThroughEmail, letter: ids.passThroughLetter };
}
