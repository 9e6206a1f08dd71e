import { startSimulator, type RunningSimulator } from '../../../simulator';
import type { ActiveService } from '../core-context';
import { checkServiceKey } from './configure-service';
import { findPassThroughTemplates } from './pass-through-templates';

/** With no service configured, an in-process Notify simulator with a test key: nothing is really sent. */
export class PracticeService {
  private running: Promise<{ simulator: RunningSimulator; service: ActiveService }> | null = null;

  get(): Promise<ActiveService> {
    this.running ??= this.start();
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
    const simulator = await startSimulator({ port: 0, deliverAfterMs: 4000, quiet: true });
    const apiKey = simulator.apiKeys.test;
    const check = await checkServiceKey(simulator.url, apiKey);
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
    };
    return { simulator, service };
  }
}
