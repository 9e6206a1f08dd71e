import { randomUUID } from 'node:crypto';
import type { RunningSimulator } from '../../../simulator';
import { PRACTICE_RUN_PREFIX, type ActiveService } from '../core-context';
import { DIRECT_NETWORK } from '../network/network-access';
import { createNotifyClient } from '../notify-client';
import { findPassThroughTemplates } from './pass-through-templates';

/** How long the practice service takes to give a message its final status. */
export const PRACTICE_DELIVER_AFTER_MS = 4000;

/**
 * With no service configured, an in-process Notify simulator with a test key: nothing is really sent. Each run is a
 * service of its own: it remembers only the messages it accepted itself, for as long as the process runs.
 */
export class PracticeService {
  private running: Promise<{ simulator: RunningSimulator; service: ActiveService }> | null = null;

  get(): Promise<ActiveService> {
    this.running ??= this.start().catch((error: unknown) => {
      this.running = null;
      throw error;
    });
    return this.running.then(({ service }) => service);
  }

  /** A text from this number arrives at the practice service now, as a reply would at Notify. */
  async receiveText(userNumber: string, content: string): Promise<void> {
    this.running ??= this.start();
    (await this.running).simulator.addReceivedText(userNumber, content);
  }

  async close(): Promise<void> {
    const running = this.running;
    this.running = null;
    if (running) await (await running).simulator.close();
  }

  private async start() {
    // The simulator loads when practice mode is first used, not with the core.
    const { startSimulator } = await import('../../../simulator');
    const simulator = await startSimulator({ port: 0, deliverAfterMs: PRACTICE_DELIVER_AFTER_MS, quiet: true });
    const apiKey = simulator.apiKeys.test;
    const client = createNotifyClient({ baseUrl: simulator.url, apiKey, timeoutMs: 10_000, network: DIRECT_NETWORK });
    let passThroughTemplates;
    try {
      passThroughTemplates = findPassThroughTemplates(await client.listTemplates());
    } finally {
      client.close();
    }
    const service: ActiveService = {
      id: `${PRACTICE_RUN_PREFIX}${randomUUID()}`,
      name: 'Practice service (a test key: nothing is really sent)',
      kind: 'practice',
      baseUrl: simulator.url,
      rateLimitPerMinute: 3000,
      passThroughTemplates,
      apiKey: async () => apiKey,
      network: DIRECT_NETWORK,
      practice: { finalStatusWithinMs: PRACTICE_DELIVER_AFTER_MS },
    };
    return { simulator, service };
  }
}
