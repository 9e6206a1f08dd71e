import { ApiError } from './api-error';
import { utcDate } from './timestamps';
import type { DailyLimitType, KeyType } from './types';

const TOKEN_BUCKET_MAX = 1000;
const TOKEN_BUCKET_MIN = 0;

interface Bucket {
  tokens: number;
  lastReplenishedSeconds: number;
}

const KEY_TYPE_IN_MESSAGES: Record<KeyType, string> = { live: 'LIVE', team: 'TEAM', test: 'TEST' };

/**
 * Notify's per-minute limit: a token bucket per service × key type (the Redis "tally-bucket-rate-limit" script).
 * Whole tokens are replenished at rate/60 per second up to min(ceil(rate/3)+1, 1000); every check takes one
 * token (down to 0) and the request is refused when fewer than one is left.
 */
export class RateLimiter {
  private readonly buckets = new Map<KeyType, Bucket>();
  private stormUntilMs = 0;

  constructor(private readonly ratePerMinute: number) {}

  /** Takes one token; throws RateLimitError when the bucket is exhausted. */
  check(keyType: KeyType, nowMs: number = Date.now()): void {
    if (nowMs < this.stormUntilMs || this.remainingAfterTaking(keyType, nowMs / 1000) < 1) {
      throw ApiError.single(
        429,
        'RateLimitError',
        `Exceeded rate limit for key type ${KEY_TYPE_IN_MESSAGES[keyType]} of ${this.ratePerMinute} requests per 60 seconds`,
      );
    }
  }

  /** Every send is refused until then (fault injection). */
  startStorm(durationMs: number, nowMs: number = Date.now()): void {
    this.stormUntilMs = nowMs + durationMs;
  }

  reset(): void {
    this.buckets.clear();
    this.stormUntilMs = 0;
  }

  private remainingAfterTaking(keyType: KeyType, nowSeconds: number): number {
    const replenishPerSecond = this.ratePerMinute / 60;
    const bucketMax = Math.min(Math.ceil(this.ratePerMinute / 3) + 1, TOKEN_BUCKET_MAX);
    const bucket = this.buckets.get(keyType) ?? { tokens: bucketMax, lastReplenishedSeconds: nowSeconds };
    const elapsed = Math.max(nowSeconds - bucket.lastReplenishedSeconds, 0);
    const replenishment = Math.floor(elapsed * replenishPerSecond);
    bucket.tokens = Math.max(Math.min(bucket.tokens + replenishment, bucketMax) - 1, TOKEN_BUCKET_MIN);
    bucket.lastReplenishedSeconds += replenishment / replenishPerSecond;
    this.buckets.set(keyType, bucket);
    return bucket.tokens;
  }
}

/** Live and team keys share one counter per type and UTC day; test keys have their own, never incremented. */
type CounterGroup = 'live-and-team' | 'test';

export class DailyLimits {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limits: Readonly<Record<DailyLimitType, number>>) {}

  /** Throws TooManyRequestsError when one more send of this type would go over today's limit. */
  check(keyType: KeyType, type: DailyLimitType, nowMs: number = Date.now()): void {
    const limit = this.limits[type];
    if (this.count(keyType, type, nowMs) + 1 > limit) {
      throw ApiError.single(429, 'TooManyRequestsError', `Exceeded send limits (${type}: ${limit}) for today`);
    }
  }

  /** Called when a notification is persisted (not for smoke-test recipients, never for test keys). */
  record(keyType: KeyType, type: DailyLimitType, nowMs: number = Date.now()): void {
    if (keyType === 'test') return;
    const key = counterKey(keyType, type, nowMs);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  reset(): void {
    this.counts.clear();
  }

  private count(keyType: KeyType, type: DailyLimitType, nowMs: number): number {
    return this.counts.get(counterKey(keyType, type, nowMs)) ?? 0;
  }
}

function counterKey(keyType: KeyType, type: DailyLimitType, nowMs: number): string {
  const group: CounterGroup = keyType === 'test' ? 'test' : 'live-and-team';
  return `${group}:${type}:${utcDate(nowMs)}`;
}
