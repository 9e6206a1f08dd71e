import { SIMULATOR_API_KEYS, SIMULATOR_SERVICE_ID } from './constants';
import { createContext } from './context';
import { acceptedNotifications, addReceivedText } from './control-endpoints';
import { SimulatorServer } from './server';
import type { RunningSimulator, SimulatorOptions } from './types';

export type {
  AcceptedNotification,
  Faults,
  KeyType,
  ReceivedTextView,
  RunningSimulator,
  SimulatorOptions,
} from './types';
export { DEFAULT_REQUEST_LATENCY_MS, REQUEST_KINDS, type RequestKind } from './request-latency';
export {
  parseSimulatorSeed,
  readSimulatorSeedFile,
  SeedError,
  type SimulatorSeed,
  type SimulatorSeedInput,
} from './seed-file';
export {
  DEFAULT_DELIVER_AFTER_MS,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  SIMULATOR_API_KEYS,
  SIMULATOR_FROM_EMAIL,
  SIMULATOR_SECOND_LIVE_API_KEY,
  SIMULATOR_SERVICE_ID,
  SIMULATOR_SMS_SENDER,
  SMOKE_TEST_EMAIL_ADDRESSES,
  SMOKE_TEST_PHONE_NUMBERS,
} from './constants';
export {
  SEEDED_GUEST_LIST_EMAIL_ADDRESSES,
  SEEDED_GUEST_LIST_PHONE_NUMBERS,
  SEEDED_TEAM_EMAIL_ADDRESSES,
  SEEDED_TEAM_PHONE_NUMBERS,
  SEEDED_TEMPLATE_IDS,
} from './seed-data';
export { SEEDED_EMAIL_REPLY_TO_ID, SEEDED_SMS_SENDER_ID } from './service';

/** Starts a local stand-in for GOV.UK Notify's REST API v2 on 127.0.0.1. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const context = createContext(options);
  const host = '127.0.0.1';
  const server = new SimulatorServer(context, host, options.tls);
  const port = await server.listen(options.port ?? 0);
  const url = `${options.tls ? 'https' : 'http'}://${host}:${port}`;
  context.location.apiRoot = url;
  context.log(`listening on ${url}`);
  return {
    url,
    apiKeys: { ...SIMULATOR_API_KEYS },
    controlKey: context.controlKey,
    serviceId: SIMULATOR_SERVICE_ID,
    port,
    addReceivedText: (userNumber, content) => addReceivedText(context, userNumber, content),
    setFaults: (faults) => server.setFaults(faults),
    notifications: () => acceptedNotifications(context),
    close: () => server.close(),
  };
}
