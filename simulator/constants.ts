import type { DailyLimitType, KeyType } from './types';

/** Fixed, so a simulator restarted on the same port accepts the keys an app already stored. */
export const SIMULATOR_SERVICE_ID = '5b0d4c1e-7f3a-4c2b-9e61-0a8d3f2c6b17';
export const SIMULATOR_SERVICE_NAME = 'Notify Desk Simulator';
export const SIMULATOR_FROM_EMAIL = 'notify.desk.simulator@notifications.service.gov.uk';
export const SIMULATOR_SMS_SENDER = 'GOVUK';
export const SIMULATOR_INBOUND_NUMBER = '447700900500';

export const SIMULATOR_KEY_SECRETS: Readonly<Record<KeyType, string>> = {
  live: '9c3a6e1f-2b4d-4f8a-8e7c-1d5b3a9f0c21',
  team: '4e8b2d7a-6c1f-4a3e-9b5d-7f0e2c8a1b34',
  test: 'b7f1c9d3-0a2e-4d6b-8c4f-3e9a1d5b7c45',
};

function apiKeyFor(keyType: KeyType): string {
  return `simulator_${keyType}-${SIMULATOR_SERVICE_ID}-${SIMULATOR_KEY_SECRETS[keyType]}`;
}

export const SIMULATOR_API_KEYS: Readonly<Record<KeyType, string>> = {
  live: apiKeyFor('live'),
  team: apiKeyFor('team'),
  test: apiKeyFor('test'),
};

/** A second live key of the service, as another system sending through the same service would hold. */
export const SIMULATOR_SECOND_LIVE_KEY_SECRET = '2d6f8a1c-5e3b-4c7d-9a0f-6b1e4d8c2a56';
export const SIMULATOR_SECOND_LIVE_API_KEY = `another_system-${SIMULATOR_SERVICE_ID}-${SIMULATOR_SECOND_LIVE_KEY_SECRET}`;

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 3000;
export const DEFAULT_DELIVER_AFTER_MS = 1000;
/** notifications-api code defaults (a live service's documented limits are lower, set per service). */
export const DEFAULT_DAILY_LIMITS: Readonly<Record<DailyLimitType, number>> = {
  email: 999_999_999,
  sms: 999_999_999,
  letter: 999_999_999,
  international_sms: 250_000,
};

export const API_PAGE_SIZE = 250;
export const JWT_CLOCK_TOLERANCE_SECONDS = 30;
export const SMS_CHARACTER_LIMIT = 918;
export const EMAIL_BYTE_LIMIT = 2_000_000;
export const REFERENCE_MAX_LENGTH = 1000;

/** Smoke-test recipients: validated and answered 201, never persisted (the rule lives in shared/notify). */
export { SMOKE_TEST_EMAIL_ADDRESSES, SMOKE_TEST_PHONE_NUMBERS } from '../shared/notify/smoke-test-recipients';
