import type { RunningSimulator } from '../../../simulator';
import type { ActiveService } from '../core-context';
import { DIRECT_NETWORK } from '../network/network-access';
import { createNotifyClient } from '../notify-client';
import { findPassThroughTemplates } from './pass-through-templates';

/** With no service configured, an in-process Notify simulator with a test key: nothing is really sent. */
export class PracticeService {
  private running: Promise<{ simulator: RunningSimulator; service: ActiveService }> | null = null;

  get(): Promise<ActiveService> {
    this.running ??= this.start().catch((error: unknown) => {
      this.running = null;
      throw error;
    });
    return this.running.then(({ service }) => service);
  }

  async close(): Promise<void> {
    const running = this.running;
    this.running = null;
    if (running) await (await running).simulator.close();
  }

  private async start() {
    // The simulator loads when practice mode is first used, not with the core.
    const { startSimulator } = await import('../../../simulator');
    const simulator = await startSimulator({ port: 0, deliverAfterMs: 4000, quiet: true });
    const apiKey = simulator.apiKeys.test;
    const client = createNotifyClient({ baseUrl: simulator.url, apiKey, timeoutMs: 10_000, network: DIRECT_NETWORK });
    let passThroughTemplates;
    try {
      passThroughTemplates = findPassThroughTemplates(await client.listTemplates());
    } finally {
      client.close();
    }
    const service: ActiveService = {
      id: 'practice',
      name: 'Practice service (nothing is really sent)',
      kind: 'practice',
      baseUrl: simulator.url,
      rateLimitPerMinute: 3000,
      passThroughTemplates,
      apiKey: async () => apiKey,
      network: DIRECT_NETWORK,
    };
    return { simulator, service };
  }
}
