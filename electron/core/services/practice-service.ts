import type { RunningSimulator } from '../../../simulator';
import type { ActiveService } from '../core-context';
import { DIRECT_NETWORK } from '../network/network-access';
import { checkServiceKey } from './configure-service';
import { findPassThroughTemplates } from './pass-through-templates';

/** With no service configured, an in-process Notify simulator with a test key: nothing is really sent. */
export class PracticeService {
  private running: Promise<{ simulator: RunningSimulator; service: ActiveService }> | null = null;

  get(): Promise<ActiveService> {
    this.running ??= this.start();
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
    const check = await checkServiceKey(simulator.url, apiKey, DIRECT_NETWORK);
    const passThroughTemplates =
      check.outcome === 'accepted' ? findPassThroughTemplates(check.templates) : { sms: null, email: null, letter: null };
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
