import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../simulator';
import { freePort } from '../../helpers/processes';
import { startTestCore } from '../../helpers/test-core';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulatorOn(port = 0): Promise<RunningSimulator> {
  const simulator = await startSimulator({ port, quiet: true });
  cleanups.push(() => simulator.close());
  return simulator;
}

describe('configuring the Notify service', () => {
  it("checks the key, finds the pass-through templates and lists the service's own templates", async () => {
    const simulator = await simulatorOn();
    const { core, stop } = await startTestCore();
    cleanups.push(stop);
    const result = await core.call('services.configure', {
      name: 'Council',
      baseUrl: simulator.url,
      apiKey: simulator.apiKeys.live,
    });
    expect(result).toMatchObject({ ok: true, value: { warning: null, service: { keyStatus: 'ok', name: 'Council' } } });
    const status = await core.handlers['app.status']({});
    expect(status.practiceMode).toBe(false);
    expect(status.service?.passThroughTemplates.sms).toMatch(/^[0-9a-f-]{36}$/);
    const templates = await core.handlers['templates.list']({});
    expect(templates.some((template) => template.source === 'notify')).toBe(true);
    expect(templates.map((template) => template.id)).not.toContain(status.service?.passThroughTemplates.sms);
    expect(JSON.stringify(status)).not.toContain(simulator.apiKeys.live.slice(-36));
  });

  it('saves a service it cannot reach with a warning, and completes it at the first sync once the service answers', async () => {
    const port = await freePort();
    const { core, stop } = await startTestCore();
    cleanups.push(stop);
    const offline = await core.handlers['services.configure']({
      name: 'Council',
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: (await simulatorOn()).apiKeys.live,
      keyType: 'live',
    });
    expect(offline.service).toMatchObject({
      keyStatus: 'unchecked',
      templatesCheckedAt: null,
      passThroughTemplates: { sms: null },
    });
    expect(offline.warning).toMatch(
      /^notify-desk could not connect to .* the key will be checked and the service’s templates looked up as soon as Notify answers/,
    );

    await simulatorOn(port);
    await core.sync.runOnce();
    const checked = (await core.handlers['app.status']({})).service;
    expect(checked).toMatchObject({ keyStatus: 'ok', keyStatusMessage: null, templatesCheckedAt: expect.any(String) });
    expect(checked?.passThroughTemplates.sms).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('removes the service and its key, back to practice mode', async () => {
    const simulator = await simulatorOn();
    const { core, stop } = await startTestCore();
    cleanups.push(stop);
    await core.handlers['services.configure']({
      name: 'Council',
      baseUrl: simulator.url,
      apiKey: simulator.apiKeys.live,
      keyType: 'live',
    });
    expect(await core.ctx.secrets.get(`api-key:${simulator.serviceId}`)).toBe(simulator.apiKeys.live);
    const status = await core.handlers['services.remove']({});
    expect(status.practiceMode).toBe(true);
    expect(await core.ctx.secrets.get(`api-key:${simulator.serviceId}`)).toBeNull();
  });
});
