import type { CallResult, HandlerMap } from '../../shared/contract';
import type { ActiveService, CoreContext } from './core-context';
import { logFile } from './data-dir';
import { openDeskDatabase, type EncryptionPolicy } from './database/desk-database';
import { keepDataFolderPrivate } from './database/private-data-folder';
import { createDispatcher } from './dispatch';
import { CoreEventBus } from './events';
import { createImportHandlers } from './handlers/import-handlers';
import { ImportFiles } from './import/import-files';
import { createLetterHandlers } from './handlers/letter-handlers';
import { createPdfLetterHandlers } from './handlers/pdf-letter-handlers';
import { createRouteHandlers } from './handlers/route-handlers';
import { sourceLetterFontsDir } from './letters/letter-assets';
import { openChromiumLetterPrintPage, type OpenLetterPrintPage } from './letters/letter-print-page';
import { systemSpooler, type PrintSpooler } from './letters/printers';
import { createInboxHandlers } from './handlers/inbox-handlers';
import { createWatchFolderHandlers } from './handlers/watch-folder-handlers';
import { createRetentionHandlers } from './handlers/retention-handlers';
import type { PolicyFile } from './policy/policy-schema';
import { PurgeSchedule, type AuditPurge } from './retention/purge-schedule';
import { retentionPeriods } from './retention/retention-settings';
import { createAuditHandlers } from './handlers/audit-handlers';
import { auditRecorder } from './audit/audit-trail';
import { recordPolicyInForce } from './audit/policy-audit';
import { WatchFolderRunner } from './watch-folder/watch-folder-runner';
import { createMessageHandlers } from './handlers/message-handlers';
import { createOutboxHandlers } from './handlers/outbox-handlers';
import { createOutcomeHandlers } from './handlers/outcome-handlers';
import { createProviderHandlers } from './handlers/provider-handlers';
import { createRecordHandlers } from './handlers/record-handlers';
import type { ChooseExportDestination } from './record/export/export-jobs';
import { createServiceHandlers } from './handlers/service-handlers';
import { createSyncHandlers } from './handlers/sync-handlers';
import { createTemplateHandlers } from './handlers/template-handlers';
import { fileLogger, type Logger } from './log';
import { saveCaFile, storedCaFile } from './network/ca-file-setting';
import { createNetworkAccess, type NetworkAccess } from './network/network-access';
import type { SystemProxyResolver } from './network/proxy-route';
import { osKeychain, type SecretStore } from './secrets/keychain';
import { environmentApiKeySource, readApiKey, type ApiKeySource } from './secrets/api-key-sources';
import { PracticeService } from './services/practice-service';
import { apiKeyAccount, ServiceRepository, type StoredService } from './services/service-repository';
import { serviceSetUpStep } from './services/service-setup';
import { releaseMessagesWhoseHoldIsOver } from './outbox/held-messages';
import { createSyncEngine, type SyncEngine } from './sync';
import { currentOsAccount, type OsAccount } from './identity/os-account';
import { loadPolicy } from './policy/load-policy';
import { deskPolicy } from './policy/desk-policy';
import { deskPerson } from './policy/desk-person';
import { UserError } from './user-error';
import { UploadStore } from './uploads/upload-store';

const PRACTICE_MODE_OFF =
  'No Notify service is set up, and your organisation’s policy turns practice mode off: messages wait in the outbox until an administrator sets up the service in Settings.';

export interface CoreOptions {
  dataDir: string;
  /** Start sending and refreshing statuses in the background (the desktop app and web mode do; most commands don't). */
  sync?: boolean;
  secrets?: SecretStore;
  /**
   * Where IT may provide an API key outside the keychain, first match wins: by default the NOTIFY_DESK_API_KEY
   * environment variable. The policy file's source goes in front of it when the policy arrives.
   */
  apiKeySources?: readonly ApiKeySource[];
  /** The desktop app's file manager, opened on a file (Electron's shell.showItemInFolder); absent elsewhere. */
  showItemInFolder?: (path: string) => void;
  /** The host's answer for the system's proxy settings (the desktop app asks Chromium); absent elsewhere. */
  systemProxy?: SystemProxyResolver;
  /**
   * The person at the desk; the operating system's account by default. Only a host names one (tests do): the policy
   * file decides what that account may do.
   */
  account?: OsAccount;
  /** The host's Chromium for printing letters (Electron's own in the desktop app); Debian's Chromium by default. */
  openLetterPrintPage?: OpenLetterPrintPage;
  /** Where the bundled letter fonts are (the desktop app's resources folder); the source tree's by default. */
  letterFontsDir?: string;
  /** The operating system's printing; CUPS or the Windows spooler by default. */
  printSpooler?: PrintSpooler;
  /** The desktop app's save dialog for exports (in the main process); web mode offers a download instead. */
  chooseExportDestination?: ChooseExportDestination;
  /** Watch the saved watch folders (by default, when syncing in the background). */
  watchFolders?: boolean;
  /**
   * Whether the database must be encrypted (the default) or may stay plain where there is no keychain: the policy
   * file's `encryption`.
   */
  encryption?: EncryptionPolicy;
  /** The policy file, when IT deployed one: its retention periods win over the desk's setting. */
  policy?: PolicyFile | null;
  /** Purge what the retention periods say has expired, on start and daily (by default, when syncing in the background). */
  purge?: boolean;
  /** Records each purge (the audit trail); called with its summary after every purge that is not a dry run. */
  auditPurge?: AuditPurge;
}

/** Network settings only a host sets (the command line; the policy file): never reachable from the UI. */
export interface HostNetworkSettings {
  /** Names the CA file to trust, checked first; returns the number of certificates in it. Refused while the policy names one. */
  setCaFile(path: string | null): number;
  caFile(): string | null;
}

export interface Core {
  ctx: CoreContext;
  handlers: HandlerMap;
  events: CoreEventBus;
  sync: SyncEngine;
  log: Logger;
  network: HostNetworkSettings;
  /** Files a web page uploads as a stream (web mode), named in calls by their id. */
  uploads: UploadStore;
  /** Every host's way in: validates the name and arguments against the contract. */
  call(name: unknown, args: unknown): Promise<CallResult<unknown>>;
  close(): Promise<void>;
}

function configuredService(
  service: StoredService,
  secrets: SecretStore,
  sources: readonly ApiKeySource[],
  network: NetworkAccess,
  setUp: ActiveService['setUp'],
): ActiveService {
  return {
    id: service.id,
    name: service.name,
    kind: 'notify',
    baseUrl: service.baseUrl,
    rateLimitPerMinute: service.rateLimitPerMinute,
    passThroughTemplates: service.passThroughTemplates,
    apiKey: async () =>
      (await readApiKey(service.notifyServiceId, apiKeyAccount(service.notifyServiceId), sources, secrets)).key,
    network,
    setUp,
  };
}

/** The core on one data folder: plain Node, the same for the Electron main process, the command line and web mode. */
export async function createCore(options: CoreOptions): Promise<Core> {
  // A policy file that cannot be used stops every host here, before anything is opened: never a fallback.
  const loadedPolicy = loadPolicy();
  const policy = deskPolicy(loadedPolicy);
  const person = deskPerson(
    options.account ?? currentOsAccount({ groups: loadedPolicy !== null }),
    loadedPolicy?.file ?? null,
  );
  keepDataFolderPrivate(options.dataDir);
  const secrets = options.secrets ?? osKeychain();
  const { db, encrypted } = await openDeskDatabase(options.dataDir, {
    secrets,
    encryption: options.encryption ?? policy.encryption,
  });
  const log = fileLogger(logFile(options.dataDir));
  const events = new CoreEventBus();
  const apiKeySources = [
    ...(policy.apiKeySource ? [policy.apiKeySource] : []),
    ...(options.apiKeySources ?? [environmentApiKeySource()]),
  ];
  const services = new ServiceRepository(db);
  const practice = new PracticeService();
  const caFile = (): string | null => policy.caFile ?? storedCaFile(db);
  const network = createNetworkAccess({ systemProxy: options.systemProxy, caFile });

  const { user } = person;
  recordPolicyInForce(db, user, policy);
  // Messages set aside for a cause that has gone since (by earlier versions too) go back to the queue on start.
  releaseMessagesWhoseHoldIsOver(db, services.configured());
  const ctx: CoreContext = {
    db,
    dataDir: options.dataDir,
    user,
    person,
    policy,
    audit: auditRecorder(db, user),
    events,
    secrets,
    network,
    apiKeySources,
    activeService: async () => {
      const configured = services.configured();
      if (!configured && !policy.practiceMode) throw new UserError(PRACTICE_MODE_OFF, 'practice-mode-off');
      if (!configured) return practice.get();
      return configuredService(
        configured,
        secrets,
        apiKeySources,
        network,
        serviceSetUpStep({ db, user, events }, services, configured),
      );
    },
  };
  const sync = createSyncEngine(ctx);
  const uploads = new UploadStore(options.dataDir);
  const afterQueue = () => void sync.syncNow().catch(() => undefined);
  const watchFolders = new WatchFolderRunner(ctx, { afterQueue, log });
  // Spreadsheets uploaded in web mode are copies of personal data in clear: they go when the core closes.
  const importFiles = new ImportFiles(options.dataDir, uploads);
  const policyFile = options.policy ?? loadedPolicy?.file ?? null;
  const auditPurge: AuditPurge = ({ personalData, records, files, requestedBy }) => {
    const filesRemoved = Object.values(files).reduce((sum, count) => sum + count, 0);
    // The desk's own purge is recorded when it removed something; a person's, always.
    if (
      requestedBy === null &&
      personalData.messages + personalData.receivedTexts + records.messages + filesRemoved === 0
    )
      return;
    ctx.audit.record('data.purged', {
      'asked for by': requestedBy ?? 'the desk’s daily purge',
      'messages erased': personalData.messages,
      'received texts erased': personalData.receivedTexts,
      'messages deleted': records.messages,
      'files removed': filesRemoved,
    });
  };
  const purges = new PurgeSchedule(ctx, {
    periods: () => retentionPeriods(db, policyFile),
    log,
    auditPurge: options.auditPurge ?? auditPurge,
  });
  const handlers: HandlerMap = {
    ...createServiceHandlers(ctx),
    ...createTemplateHandlers(ctx),
    ...createMessageHandlers(ctx, afterQueue),
    ...createImportHandlers(ctx, { afterQueue, showItemInFolder: options.showItemInFolder, files: importFiles }),
    ...createOutboxHandlers(ctx),
    ...createSyncHandlers(sync, ctx),
    ...createLetterHandlers(ctx, {
      openPage: options.openLetterPrintPage ?? openChromiumLetterPrintPage,
      fontsDir: options.letterFontsDir ?? sourceLetterFontsDir(),
      spooler: options.printSpooler ?? systemSpooler(),
      showItemInFolder: options.showItemInFolder,
    }),
    ...createPdfLetterHandlers(ctx, afterQueue, uploads),
    ...createRouteHandlers(ctx, afterQueue),
    ...createRecordHandlers(ctx, { chooseExportDestination: options.chooseExportDestination }),
    ...createInboxHandlers(ctx, { sync, practice, afterQueue }),
    ...createWatchFolderHandlers(ctx, watchFolders),
    ...createProviderHandlers(ctx, sync.directRoutes, afterQueue),
    ...createOutcomeHandlers(ctx),
    ...createRetentionHandlers(ctx, purges, policyFile),
    ...createAuditHandlers(ctx, { chooseExportDestination: options.chooseExportDestination }),
  };
  if (options.sync) sync.start();
  if (options.watchFolders ?? options.sync) watchFolders.start();
  if (options.purge ?? options.sync) purges.start();
  log.info('core started', { dataDir: options.dataDir, sync: options.sync === true, encrypted });

  return {
    ctx,
    handlers,
    events,
    sync,
    log,
    network: {
      setCaFile: (path) => {
        person.require('manage-service');
        if (policy.caFile !== null)
          throw new UserError(
            `Your organisation’s policy names the CA file (${policy.caFile}): it cannot be changed here.`,
            'ca-file-fixed',
          );
        const certificates = saveCaFile(db, path);
        ctx.audit.record('service.ca-file', { caFile: path, certificates });
        return certificates;
      },
      caFile,
    },
    uploads,
    call: createDispatcher(handlers, log, person),
    close: async () => {
      await purges.stop();
      await watchFolders.stop();
      await sync.stop();
      await practice.close();
      importFiles.clear();
      uploads.clear();
      db.close();
    },
  };
}
