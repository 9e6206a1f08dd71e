import { errorText } from '../error-text';
import { NotifyApiError } from '../notify-client';

const isRefusal = (error: unknown): error is NotifyApiError =>
  error instanceof NotifyApiError && (error.kind === 'auth' || error.kind === 'not-found');
import { backoffMs } from './backoff';
import type { ResolvedSyncOptions } from './sync-options';

/** A refused key is tried again when a person asks, when the key changes, or after this long. */
const BLOCKED_RETRY_MS = 60_000;

/**
 * Whether the service answers: online, offline with the next probe time (backing off), or blocked by an error a
 * person must fix (a refused key). Calls `onChange` whenever what the status line shows may have changed.
 */
export class ConnectionState {
  connection: 'online' | 'offline' | 'idle' = 'idle';
  lastError: string | null = null;
  blockedError: string | null = null;
  nextProbeAtMs = 0;
  private blockedAtMs = 0;
  private failuresInARow = 0;
  private probeDelayMs: number;

  constructor(
    private readonly options: Pick<ResolvedSyncOptions, 'probeBaseMs' | 'probeMaxMs' | 'offlineAfterFailures'>,
    private readonly onChange: () => void,
  ) {
    this.probeDelayMs = options.probeBaseMs;
  }

  get offline(): boolean {
    return this.connection === 'offline';
  }

  /** Clears a refused key's block when a person asked, or when it is old enough to try again. */
  releaseBlockIfDue(eager: boolean): void {
    if (eager || Date.now() - this.blockedAtMs > BLOCKED_RETRY_MS) this.blockedError = null;
  }

  probeDue(eager: boolean): boolean {
    return eager || Date.now() >= this.nextProbeAtMs;
  }

  answered(): void {
    this.failuresInARow = 0;
    if (this.connection !== 'online') {
      this.connection = 'online';
      this.lastError = null;
      this.probeDelayMs = this.options.probeBaseMs;
      this.onChange();
    }
  }

  connectionFailed(error: string, offlineNow: boolean): void {
    this.failuresInARow += 1;
    this.lastError = error;
    if (!offlineNow && this.failuresInARow < this.options.offlineAfterFailures) return;
    if (this.offline && Date.now() < this.nextProbeAtMs) return;
    const delay = this.offline ? this.probeDelayMs : this.options.probeBaseMs;
    this.connection = 'offline';
    this.nextProbeAtMs = Date.now() + backoffMs(1, delay, delay);
    this.probeDelayMs = Math.min(delay * 2, this.options.probeMaxMs);
    this.onChange();
  }

  block(error: string): void {
    this.blockedError = error;
    this.blockedAtMs = Date.now();
    this.onChange();
  }

  noteError(error: string): void {
    this.lastError = error;
    this.onChange();
  }

  /** Sorts a failed request: the service unreachable, a key or address it refuses, or anything else. */
  noteRequestFailure(error: unknown): void {
    if (error instanceof NotifyApiError && error.connectionFailed) {
      this.connectionFailed(error.message, true);
    } else if (isRefusal(error)) {
      this.block(error.message);
    } else {
      this.noteError(errorText(error));
    }
  }

  /** A probe of a service that was not answering failed: whatever the failure (a 500 too), the next probe waits longer. */
  probeFailed(error: unknown): void {
    if (isRefusal(error)) this.block(error.message);
    else this.connectionFailed(errorText(error), true);
  }
}
