// A simulator seeded for the official Node client's methods (tests/fixtures/simulator/client-suite-seed.json), and
// the checks its answers share: Notify's error envelope, ids and timestamps.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NotifyClient } from 'notifications-node-client';
import { expect } from 'vitest';
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
  type SimulatorSeedInput,
} from '../../../simulator/index';
import { eventually, failureOf } from './helpers';

export const CLIENT_SUITE_SEED_FILE = fileURLToPath(
  new URL('../../fixtures/simulator/client-suite-seed.json', import.meta.url),
);
export const clientSuiteSeed = JSON.parse(readFileSync(CLIENT_SUITE_SEED_FILE, 'utf8')) as SimulatorSeedInput;

/** The seed's ids. */
export const SEEDED = {
  smsTemplate: '0b7e1c52-5d0e-4c3a-9f49-6f1c2e3d4a01',
  emailTemplate: '0b7e1c52-5d0e-4c3a-9f49-6f1c2e3d4a02',
  letterTemplate: '0b7e1c52-5d0e-4c3a-9f49-6f1c2e3d4a03',
  archivedTemplate: '0b7e1c52-5d0e-4c3a-9f49-6f1c2e3d4a04',
  hiddenTemplate: '0b7e1c52-5d0e-4c3a-9f49-6f1c2e3d4a05',
  passThroughLetter: '0b7e1c52-5d0e-4c3a-9f49-6f1c2e3d4a06',
  defaultSmsSender: '5e9d0c11-1111-4e5a-8c01-00000000a001',
  numberSmsSender: '5e9d0c11-1111-4e5a-8c01-00000000a002',
  replyTo: '5e9d0c11-1111-4e5a-8c01-00000000b001',
  fromEmail: 'client.suite.borough.council@notifications.service.gov.uk',
} as const;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
export const ADDRESS = {
  address_line_1: 'A Person',
  address_line_2: '1 High Street',
  address_line_3: 'Anytown',
  postcode: 'sw1a1aa',
};
/** Every key of GET /v2/notifications/{id} (notify-api.md §4.5), letters adding estimated_delivery. */
export const NOTIFICATION_KEYS = [
  'id',
  'reference',
  'email_address',
  'phone_number',
  'line_1',
  'line_2',
  'line_3',
  'line_4',
  'line_5',
  'line_6',
  'postcode',
  'type',
  'status',
  'template',
  'body',
  'subject',
  'created_at',
  'created_by_name',
  'sent_at',
  'completed_at',
  'scheduled_for',
  'postage',
  'one_click_unsubscribe_url',
  'is_cost_data_ready',
  'cost_in_pounds',
  'cost_details',
].sort();
/** Every key of a template (notify-api.md §4.8). */
export const TEMPLATE_KEYS = [
  'id',
  'name',
  'type',
  'created_at',
  'updated_at',
  'created_by',
  'version',
  'body',
  'subject',
  'personalisation',
  'postage',
  'letter_contact_block',
].sort();

export interface ClientSuite {
  simulator: RunningSimulator;
  live: NotifyClient;
  team: NotifyClient;
  test: NotifyClient;
}

export async function startClientSuite(options: SimulatorOptions = {}): Promise<ClientSuite> {
  const simulator = await startSimulator({
    quiet: true,
    deliverAfterMs: 400,
    seed: clientSuiteSeed,
    // The latency of each kind of request has tests of its own; here the answers are what is checked.
    requestLatencyMs: { 'precompiled-letter': 0, 'letter-pdf': 0 },
    ...options,
  });
  return {
    simulator,
    live: new NotifyClient(simulator.url, simulator.apiKeys.live),
    team: new NotifyClient(simulator.url, simulator.apiKeys.team),
    test: new NotifyClient(simulator.url, simulator.apiKeys.test),
  };
}

/** The call fails with this HTTP status and exactly this v2 error envelope. */
export async function expectRefusal(
  call: Promise<unknown>,
  status: number,
  errors: Array<[error: string, message: string]>,
): Promise<void> {
  expect(await failureOf(call)).toEqual({
    status,
    data: { status_code: status, errors: errors.map(([error, message]) => ({ error, message })) },
  });
}

/** Polls a notification until it reaches the status. */
/** Polls until the notification has the status, or one of the statuses that can only come after it. */
export function statusReached(
  client: NotifyClient,
  id: string,
  status: string,
  orLater: string[] = [],
): Promise<Record<string, unknown>> {
  return eventually(async () => {
    const { data } = await client.getNotificationById(id);
    return data.status === status || orLater.includes(data.status) ? data : undefined;
  });
}
