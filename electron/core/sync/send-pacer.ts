/** A pacer's bucket as it is kept between uses (in the database, shared by every process on a data folder). */
export interface PacerState {
  tokens: number;
  refilledAtMs: number;
  slowdownFactor: number;
  /** When it last slowed down or climbed back; null if never. */
  slowedAtMs: number | null;
}

/**
 * A client-side token bucket matching Notify's per-minute limit (API contract §5), so the server never has to
 * answer 429: refills at a little under the service's rate, with a small burst. After a RateLimitError it halves
 * its pace and climbs back gradually.
 */
export class SendPacer {
  private tokens = 0;
  private lastRefillMs: number;
  private slowdownFactor = 1;
  private lastSlowdownMs = Number.NEGATIVE_INFINITY;
  private ratePerSecond = 1;

  constructor(
    ratePerMinute: number,
    private readonly options: { pacing?: number; burstSeconds?: number; now?: () => number } = {},
    state?: PacerState,
  ) {
    this.lastRefillMs = state?.refilledAtMs ?? this.now();
    this.slowdownFactor = state?.slowdownFactor ?? 1;
    this.lastSlowdownMs = state?.slowedAtMs ?? Number.NEGATIVE_INFINITY;
    this.setRate(ratePerMinute);
    this.tokens = Math.min(state?.tokens ?? Number.POSITIVE_INFINITY, this.capacity());
  }

  state(): PacerState {
    return {
      tokens: this.tokens,
      refilledAtMs: this.lastRefillMs,
      slowdownFactor: this.slowdownFactor,
      slowedAtMs: Number.isFinite(this.lastSlowdownMs) ? this.lastSlowdownMs : null,
    };
  }

  setRate(ratePerMinute: number): void {
    this.ratePerSecond = Math.max(ratePerMinute, 1) / 60;
    this.tokens = Math.min(this.tokens, this.capacity());
  }

  /** Whole sends allowed now. */
  available(): number {
    this.refill();
    return Math.max(Math.floor(this.tokens), 0);
  }

  take(count: number): void {
    this.refill();
    this.tokens -= count;
  }

  /** Gives back tokens taken for sends that did not happen. */
  refund(count: number): void {
    this.tokens = Math.min(this.tokens + count, this.capacity());
  }

  /** Milliseconds until at least one send is allowed. */
  msUntilAvailable(): number {
    this.refill();
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) / this.effectiveRate()) * 1000);
  }

  /** After a RateLimitError: Notify's bucket is empty, so stop the burst and halve the pace. */
  slowDown(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
    // Answers to requests already in flight arrive together: one slow-down per second, not one per answer.
    if (this.now() - this.lastSlowdownMs < 1_000) return;
    this.slowdownFactor = Math.max(this.slowdownFactor / 2, 0.05);
    this.lastSlowdownMs = this.now();
  }

  /** Sends per second currently allowed. */
  effectiveRate(): number {
    return this.ratePerSecond * (this.options.pacing ?? 0.98) * this.slowdownFactor;
  }

  private capacity(): number {
    return Math.max(this.ratePerSecond * (this.options.pacing ?? 0.98) * (this.options.burstSeconds ?? 1), 1);
  }

  private refill(): void {
    const nowMs = this.now();
    if (this.slowdownFactor < 1 && nowMs - this.lastSlowdownMs >= 2_000) {
      this.slowdownFactor = Math.min(this.slowdownFactor * 1.5, 1);
      this.lastSlowdownMs = nowMs;
    }
    const elapsedSeconds = Math.max(nowMs - this.lastRefillMs, 0) / 1000;
    this.lastRefillMs = nowMs;
    this.tokens = Math.min(this.tokens + elapsedSeconds * this.effectiveRate(), this.capacity());
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }
}
