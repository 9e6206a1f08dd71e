import type { ServiceCredentials } from './auth';
import { randomUUID } from 'node:crypto';
import { DEFAULT_DELIVER_AFTER_MS, SIMULATOR_KEY_SECRETS, SIMULATOR_SECOND_LIVE_KEY_SECRET } from './constants';
import type { ApiLocation } from './notification-view';
import { DailyLimits, RateLimiter } from './rate-limits';
import { ReceivedTexts } from './received-texts';
import { postSmsRequest } from './request-schemas';
import type { ObjectSchema } from './schema';
import { DEFAULT_REQUEST_LATENCY_MS, type RequestKind } from './request-latency';
import { simulatedService, type ServiceSettings } from './service';
import { parseSimulatorSeed } from './seed-file';
import { resolveServiceData } from './service-data';
import { NotificationStore } from './store';
import { TemplateCatalogue, templateFromSeed } from './templates';
import type { Faults, KeyType, SimulatorOptions } from './types';

/** Everything a request handler may read or change. */
export interface SimulatorContext {
  service: ServiceSettings;
  smsRequestSchema: ObjectSchema;
  credentials: ServiceCredentials;
  location: ApiLocation;
  deliverAfterMs: number;
  store: NotificationStore;
  templates: TemplateCatalogue;
  receivedTexts: ReceivedTexts;
  rateLimiter: RateLimiter;
  dailyLimits: DailyLimits;
  faults: Faults;
  requestLatencyMs: Readonly<Record<RequestKind, number>>;
  controlKey: string;
  log: (message: string) => void;
}

export function createContext(options: SimulatorOptions): SimulatorContext {
  const data = resolveServiceData(options.seed === undefined ? undefined : parseSimulatorSeed(options.seed));
  // Options given on the command line win over the seed file.
  if (options.trialMode !== undefined) data.trialMode = options.trialMode;
  const service = simulatedService(data);
  return {
    service,
    smsRequestSchema: postSmsRequest(service.phonePermissions),
    credentials: {
      serviceId: service.id,
      keys: [
        ...(['live', 'team', 'test'] as const satisfies readonly KeyType[]).map((keyType) => ({
          keyType,
          secret: SIMULATOR_KEY_SECRETS[keyType],
        })),
        { keyType: 'live' as const, secret: SIMULATOR_SECOND_LIVE_KEY_SECRET },
      ],
    },
    location: { apiRoot: '', serviceId: service.id },
    deliverAfterMs: options.deliverAfterMs ?? DEFAULT_DELIVER_AFTER_MS,
    store: new NotificationStore(),
    templates: new TemplateCatalogue(data.templates.map(templateFromSeed)),
    receivedTexts: new ReceivedTexts(service.id, data.receivedTexts),
    rateLimiter: new RateLimiter(options.rateLimitPerMinute ?? data.rateLimitPerMinute),
    dailyLimits: new DailyLimits({ ...data.dailyLimits, ...options.dailyLimits }),
    faults: { failRate: options.failRate ?? 0, latencyMs: options.latencyMs ?? 0, resetRate: options.resetRate ?? 0 },
    requestLatencyMs: { ...DEFAULT_REQUEST_LATENCY_MS, ...options.requestLatencyMs },
    controlKey: options.controlKey ?? randomUUID(),
    log: options.quiet ? () => {} : (message) => process.stderr.write(`[notify-simulator] ${message}\n`),
  };
}

/** POST /_simulator/reset: back to the state just after start (faults included). */
export function resetContext(context: SimulatorContext): void {
  context.store.clear();
  context.rateLimiter.reset();
  context.dailyLimits.reset();
  context.receivedTexts.reseed();
}
