import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startSimulator, SIMULATOR_API_KEYS, type RunningSimulator } from '../../../simulator';
import { apiKeyAccount } from '../../../electron/core/services/service-repository';
import { freePort } from '../../helpers/processes';
import { startTestCore } from '../../helpers/test-core';

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0, quiet: true });
});
afterAll(() => simulator.close());

describe('the service URL and its key', () => {
  it('must be https (plain http only on this computer), with no user name or password', async () => {
    const { core, stop } = await startTestCore();
    const key = `desk-${randomUUID()}-${randomUUID()}`;
    for (const [baseUrl, message] of [
      [
        'http://api.notifications.service.gov.uk',
        'Enter the service URL, starting with https:// (plain http:// only reaches a service on this computer)',
      ],
      [
        'http://10.0.0.5:6011',
        'Enter the service URL, starting with https:// (plain http:// only reaches a service on this computer)',
      ],
      [
        'https://user:secret@api.notifications.service.gov.uk',
        'Enter the service URL without a user name or password in it: the API key is all Notify needs',
      ],
      ['ftp://api.notifications.service.gov.uk', 'Enter the service URL, starting with https://'],
    ] as const) {
      expect(await core.call('services.configure', { baseUrl, apiKey: key }), baseUrl).toEqual({
        ok: false,
        error: { message, code: 'invalid-arguments' },
      });
    }
    expect(
      await core.call('services.configure', { baseUrl: simulator.url, apiKey: SIMULATOR_API_KEYS.live }),
    ).toMatchObject({ ok: true });
    await stop();
  });

  it('replacing the key deletes the one it replaces from the keychain', async () => {
    const { core, stop } = await startTestCore();
    const oldServiceId = randomUUID();
    const oldKey = `old-${oldServiceId}-${randomUUID()}`;
    // Saved while its service cannot be reached: the key is kept in the keychain, unchecked.
    const unreachable = `http://127.0.0.1:${await freePort()}`;
    expect(await core.call('services.configure', { baseUrl: unreachable, apiKey: oldKey })).toMatchObject({ ok: true });
    expect(await core.ctx.secrets.get(apiKeyAccount(oldServiceId))).toBe(oldKey);
    expect(
      await core.call('services.configure', { baseUrl: simulator.url, apiKey: SIMULATOR_API_KEYS.live }),
    ).toMatchObject({ ok: true });
    expect(await core.ctx.secrets.get(apiKeyAccount(oldServiceId))).toBeNull();
    expect(await core.ctx.secrets.get(apiKeyAccount(simulator.serviceId))).toBe(SIMULATOR_API_KEYS.live);
    const audit = await core.call('audit.list', {});
    expect(
      audit.ok && (audit.value as { entries: { summary: string }[] }).entries.map((entry) => entry.summary),
    ).toEqual([
      `Connected the service at ${simulator.url} with a live key (keychain), replacing the previous key`,
      `Connected the service at ${unreachable} with a live key (keychain)`,
    ]);
    await core.call('services.remove', {});
    await stop();
  });
});
