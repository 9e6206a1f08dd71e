import type { CallResult, HandlerMap } from '../../shared/contract';
import { currentUser } from './clock';
import type { ActiveService, CoreContext } from './core-context';
import { databaseFile, logFile } from './data-dir';
import { openDatabase } from './database/open-database';
import { createDispatcher, UserError } from './dispatch';
import { CoreEventBus } from './events';
import { createImportHandlers } from './handlers/import-handlers';
import { createInboxHandlers } from './handlers/inbox-handlers';
import { createWatchFolderHandlers } from './handlers/watch-folder-handlers';
import { WatchFolderRunner } from './watch-folder/watch-folder-runner';
import { createMessageHandlers } from './handlers/message-handlers';
import { createOutboxHandlers } from './handlers/outbox-handlers';
import { createServiceHandlers } from './handlers/service-handlers';
import { createSyncHandlers } from './handlers/sync-handlers';
import { createTemplateHandlers } from './handlers/template-handlers';
import { fileLogger, type Logger } from './log';
import { osKeychain, type SecretStore } from './secrets/keychain';
import { PracticeService } from './services/practice-service';
import { apiKeyAccount, ServiceRepository, type StoredService } from './services/service-repository';
import { createUncheckedKeyVerifier } from './services/verify-unchecked-key';
import { createSyncEngine, type SyncEngine } from './sync';

export interface CoreOptions {
  dataDir: string;
  /** Start sending and refreshing statuses in the background (the desktop app and web mode do; most commands don't). */
  sync?: boolean;
  secrets?: SecretStore;
  /** The desktop app's file manager, opened on a file (Electron's shell.showItemInFolder); absent elsewhere. */
  showItemInFolder?: (path: string) => void;
  /** Watch the saved watch folders (by default, when syncing in the background). */
  watchFolders?: boolean;
}

export interface Core {
  ctx: CoreContext;
  handlers: HandlerMap;
  events: CoreEventBus;
  sync: SyncEngine;
  log: Logger;
  /** Every host's way in: validates the name and arguments against the contract. */
  call(name: unknown, args: unknown): Promise<CallResult<unknown>>;
  close(): Promise<void>;
}

function configuredService(service: StoredService, secrets: SecretStore): ActiveService {
  return {
    id: service.id,
    name: service.name,
    kind: 'notify',
    baseUrl: service.baseUrl,
    rateLimitPerMinute: service.rateLimitPerMinute,
    passThroughTemplates: service.passThroughTemplates,
    apiKey: async () => {
      const key = await secrets.get(apiKeyAccount(service.notifyServiceId));
      if (!key) throw new UserError('The API key for this service is not in the keychain. Enter it again in Settings.', 'key-missing');
      return key;
    },
  };
}

/** The core on one data folder: plain Node, the same for the Electron main process, the command line and web mode. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const db = openDatabase(databaseFile(options.dataDir));
  const log = fileLogger(logFile(options.dataDir));
  const events = new CoreEventBus();
  const secrets = options.secrets ?? osKeychain();
  const services = new ServiceRepository(db);
  const practice = new PracticeService();

  const user = currentUser();
  const verifyIfUnchecked = createUncheckedKeyVerifier({ db, user, events }, services);
  const ctx: CoreContext = {
    db,
    dataDir: options.dataDir,
    user,
    events,
    secrets,
    activeService: async () => {
      const configured = services.configured();
      if (!configured) return practice.get();
      const active = configuredService(configured, secrets);
      verifyIfUnchecked(configured, active.apiKey);
      return active;
    },
  };
  const sync = createSyncEngine(ctx);
  const afterQueue = () => void sync.syncNow().catch(() => undefined);
  const watchFolders = new WatchFolderRunner(ctx, { afterQueue, log });
  const handlers: HandlerMap = {
    ...createServiceHandlers(ctx),
    ...createTemplateHandlers(ctx),
    ...createMessageHandlers(ctx, afterQueue),
    ...createImportHandlers(ctx, { afterQueue, showItemInFolder: options.showItemInFolder }),
    ...createOutboxHandlers(ctx),
    ...createSyncHandlers(sync),
    ...createInboxHandlers(ctx, { sync, practice, afterQueue }),
    ...createWatchFolderHandlers(ctx, watchFolders),
  };
  if (options.sync) sync.start();
  if (options.watchFolders ?? options.sync) watchFolders.start();
  log.info('core started', { dataDir: options.dataDir, sync: options.sync === true });

  return {
    ctx,
    handlers,
    events,
    sync,
    log,
    call: createDispatcher(handlers, log),
    close: async () => {
      await watchFolders.stop();
      await sync.stop();
      await practice.close();
      db.close();
    },
  };
}
