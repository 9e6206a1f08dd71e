import type { ProviderProblem } from '../../../shared/contract';
import { backoffMs } from '../sync/backoff';

export interface ProviderHealthOptions {
  /** First wait before trying a provider that could not be reached again; doubles up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a provider that refused the credentials is left alone (unless a person asks). */
  refusedRetryMs: number;
  /** A throttle that lasts longer than this counts as the provider not taking messages: the next route takes over. */
  throttleFailoverMs: number;
}

/** Whether a direct provider can take messages now, and if not, why and until when. */
export class ProviderHealth {
  private state: ProviderProblem['state'] | null = null;
  private message = '';
  private nextTryAtMs = 0;
  private failures = 0;
  private throttledSinceMs: number | null = null;

  constructor(
    private readonly provider: string,
    private readonly options: ProviderHealthOptions,
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** A problem that stops messages now, or null (a throttle counts only once it has lasted past the set time). */
  problem(now = Date.now()): ProviderProblem | null {
    if (this.state === null || now >= this.nextTryAtMs) return null;
    return { provider: this.provider, state: this.state, message: this.message };
  }

  /** When it may be tried again, or 0 now. */
  get retryAtMs(): number {
    return this.state === null ? 0 : this.nextTryAtMs;
  }

  /** It answered (a message taken, a bind accepted). */
  ok(): void {
    const changed = this.state !== null || this.throttledSinceMs !== null;
    this.state = null;
    this.failures = 0;
    this.throttledSinceMs = null;
    if (changed) this.onChange();
  }

  /** No connection could be made, or it was lost: try again after a backoff that grows. */
  unreachable(message: string): void {
    this.failures += 1;
    this.set('unreachable', message, backoffMs(this.failures, this.options.retryBaseMs, this.options.retryMaxMs));
  }

  /** It refused the credentials: left alone for a while. */
  refused(message: string): void {
    this.set('refused', message, this.options.refusedRetryMs);
  }

  /**
   * It asked to slow down. Once the throttle has lasted past the set time, returns what to say about it: it is then
   * left alone for that long (messages go by the next route) and tried again after. Until then, null.
   */
  throttled(message: string, now = Date.now()): string | null {
    this.throttledSinceMs ??= now;
    if (now - this.throttledSinceMs < this.options.throttleFailoverMs) {
      const changed = this.state !== 'throttled';
      this.state = 'throttled';
      this.message = message;
      this.nextTryAtMs = 0;
      if (changed) this.onChange();
      return null;
    }
    const seconds = Math.max(1, Math.round(this.options.throttleFailoverMs / 1000));
    const tooLong = `${message} It has asked for more than ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
    this.set('throttled', tooLong, this.options.throttleFailoverMs);
    return tooLong;
  }

  private set(state: ProviderProblem['state'], message: string, waitMs: number): void {
    this.state = state;
    this.message = message;
    this.nextTryAtMs = Date.now() + waitMs;
    this.throttledSinceMs = null;
    this.onChange();
  }
}
