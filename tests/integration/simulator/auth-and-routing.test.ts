import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SEEDED_TEMPLATE_IDS,
  SIMULATOR_SERVICE_ID,
  startSimulator,
  type RunningSimulator,
} from '../../../simulator/index';
import { nowSeconds, requestJson, secretOf, signJwt } from './helpers';

const GENERAL =
  'Invalid token: make sure your API token matches the example at https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header';

let simulator: RunningSimulator;
let templatesUrl: string;

beforeAll(async () => {
  simulator = await startSimulator({ quiet: true });
  templatesUrl = `${simulator.url}/v2/templates`;
});
afterAll(() => simulator.close());

const authError = (status: number, message: string) => ({
  status,
  json: { status_code: status, errors: [{ error: 'AuthError', message }] },
});

describe('authentication, in Notify order with its exact messages', () => {
  const liveSecret = () => secretOf(simulator.apiKeys.live);

  it('needs a token, with the bearer scheme (any case)', async () => {
    expect(await requestJson(templatesUrl)).toEqual(
      authError(401, 'Unauthorized: authentication token must be provided'),
    );
    expect(await requestJson(templatesUrl, { authorization: 'Basic abc' })).toEqual(
      authError(401, 'Unauthorized: authentication bearer scheme must be used'),
    );
    const token = signJwt(liveSecret(), { iss: SIMULATOR_SERVICE_ID, iat: nowSeconds() });
    expect((await requestJson(templatesUrl, { authorization: `bearer ${token}` })).status).toBe(200);
  });

  it('rejects tokens that do not decode, lack iss, or name another service', async () => {
    expect(await requestJson(templatesUrl, { token: 'not-a-jwt' })).toEqual(authError(403, GENERAL));
    expect(await requestJson(templatesUrl, { token: signJwt(liveSecret(), { iat: nowSeconds() }) })).toEqual(
      authError(403, 'Invalid token: iss field not provided'),
    );
    expect(await requestJson(templatesUrl, { token: signJwt(liveSecret(), { iss: 123, iat: nowSeconds() }) })).toEqual(
      authError(403, 'Invalid token: service id is not the right data type'),
    );
    const otherService = '11111111-2222-4333-8444-555555555555';
    expect(
      await requestJson(templatesUrl, { token: signJwt(liveSecret(), { iss: otherService, iat: nowSeconds() }) }),
    ).toEqual(authError(403, 'Invalid token: service not found'));
  });

  it('checks the clock to within 30 seconds either way', async () => {
    for (const skew of [-31, 31]) {
      const token = signJwt(liveSecret(), { iss: SIMULATOR_SERVICE_ID, iat: nowSeconds() + skew });
      expect(await requestJson(templatesUrl, { token })).toEqual(
        authError(403, 'Error: Your system clock must be accurate to within 30 seconds'),
      );
    }
    const withinWindow = signJwt(liveSecret(), { iss: SIMULATOR_SERVICE_ID, iat: nowSeconds() - 25 });
    expect((await requestJson(templatesUrl, { token: withinWindow })).status).toBe(200);
  });

  it('refuses other algorithms, unknown secrets, missing iat and extra aud', async () => {
    const hs512 = signJwt(liveSecret(), { iss: SIMULATOR_SERVICE_ID, iat: nowSeconds() }, { alg: 'HS512', typ: 'JWT' });
    expect(await requestJson(templatesUrl, { token: hs512 })).toEqual(
      authError(403, 'Invalid token: algorithm used is not HS256'),
    );
    const wrongSecret = signJwt('00000000-0000-4000-8000-000000000000', {
      iss: SIMULATOR_SERVICE_ID,
      iat: nowSeconds(),
    });
    expect(await requestJson(templatesUrl, { token: wrongSecret })).toEqual(
      authError(403, 'Invalid token: API key not found'),
    );
    const noIat = signJwt(liveSecret(), { iss: SIMULATOR_SERVICE_ID });
    expect(await requestJson(templatesUrl, { token: noIat })).toEqual(
      authError(403, 'Invalid token: API key not found'),
    );
    const withAudience = signJwt(liveSecret(), { iss: SIMULATOR_SERVICE_ID, iat: nowSeconds(), aud: 'x' });
    expect(await requestJson(templatesUrl, { token: withAudience })).toEqual(authError(403, GENERAL));
  });

  it('keys are deterministic: the same keys work on a restarted simulator', async () => {
    const again = await startSimulator({ quiet: true });
    try {
      expect(again.apiKeys).toEqual(simulator.apiKeys);
      expect(again.serviceId).toBe(SIMULATOR_SERVICE_ID);
      expect(simulator.apiKeys.live).toMatch(new RegExp(`-${SIMULATOR_SERVICE_ID}-[0-9a-f-]{36}$`));
    } finally {
      await again.close();
    }
  });
});

describe('routing', () => {
  it('answers unknown paths 404 and wrong methods 405 in the legacy shape, before auth', async () => {
    expect(await requestJson(`${simulator.url}/v2/nothing-here`)).toEqual({
      status: 404,
      json: {
        result: 'error',
        message:
          'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
      },
    });
    expect(await requestJson(`${simulator.url}/v2/notifications/sms`, { method: 'PUT' })).toEqual({
      status: 405,
      json: { result: 'error', message: 'The method is not allowed for the requested URL.' },
    });
    expect(
      (await requestJson(`${simulator.url}/v2/template/${SEEDED_TEMPLATE_IDS.passThroughSms}/version/-1`)).status,
    ).toBe(404);
  });

  it('validates ids in paths with the v2 messages', async () => {
    const token = signJwt(secretOf(simulator.apiKeys.live), { iss: SIMULATOR_SERVICE_ID, iat: nowSeconds() });
    expect(await requestJson(`${simulator.url}/v2/notifications/not-a-uuid`, { token })).toEqual({
      status: 400,
      json: {
        status_code: 400,
        errors: [{ error: 'ValidationError', message: 'notification_id is not a valid UUID' }],
      },
    });
    expect(await requestJson(`${simulator.url}/v2/template/nope`, { token })).toEqual({
      status: 400,
      json: { status_code: 400, errors: [{ error: 'ValidationError', message: 'id is not a valid UUID' }] },
    });
    expect(
      await requestJson(`${simulator.url}/v2/notifications/${SEEDED_TEMPLATE_IDS.passThroughSms}`, { token }),
    ).toEqual({
      status: 404,
      json: { status_code: 404, errors: [{ error: 'NoResultFound', message: 'No result found' }] },
    });
  });
});
