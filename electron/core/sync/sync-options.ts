import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { RetryPolicy } from './send-attempt';

export interface SyncEngineOptions extends Partial<RetryPolicy> {
  /** Requests in flight at once. */
  concurrency?: number;
  /** Messages leased per transaction. */
  claimBatchSize?: number;
  /** How long a lease lasts; another process takes a message over only after this. At least 3 × the request timeout. */
  leaseMs?: number;
  requestTimeoutMs?: number;
  /** First wait before probing an unreachable service again; doubles up to `probeMaxMs`. */
  probeBaseMs?: number;
  probeMaxMs?: number;
  /** Connection failures in a row (with no answer between) that mean the service is offline. */
  offlineAfterFailures?: number;
  minPollMs?: number;
  maxPollMs?: number;
  /** How long Notify keeps notifications (7 days unless the service changed it). */
  retentionDays?: number;
  /** How often the running engine looks for new work when nothing woke it. */
  idlePollMs?: number;
  /** Fraction of the service's rate limit to pace sends at. */
  pacing?: number;
  /** Identifies this process's leases; unique per engine by default. */
  owner?: string;
  /** A direct provider (or Notify) that throttles for longer than this is passed over for the next route. */
  throttleFailoverMs?: number;
  /** A single run (sync --once) waits at most this long for SMPP receipts already on their way. */
  receiptWaitMs?: number;
}

export type ResolvedSyncOptions = Required<SyncEngineOptions>;

export function resolveSyncOptions(options: SyncEngineOptions = {}): ResolvedSyncOptions {
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  return {
    concurrency: options.concurrency ?? 12,
    claimBatchSize: options.claimBatchSize ?? 32,
    leaseMs: Math.max(options.leaseMs ?? 60_000, requestTimeoutMs * 3),
    requestTimeoutMs,
    probeBaseMs: options.probeBaseMs ?? 1_000,
    probeMaxMs: options.probeMaxMs ?? 30_000,
    offlineAfterFailures: options.offlineAfterFailures ?? 3,
    minPollMs: options.minPollMs ?? 5_000,
    maxPollMs: options.maxPollMs ?? 3_600_000,
    retentionDays: options.retentionDays ?? 7,
    idlePollMs: options.idlePollMs ?? 1_000,
    pacing: options.pacing ?? 0.98,
    owner: options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    maxAttempts: options.maxAttempts ?? 10,
    maxRetryAgeMs: options.maxRetryAgeMs ?? 86_400_000,
    retryBaseMs: options.retryBaseMs ?? 1_000,
    retryMaxMs: options.retryMaxMs ?? 300_000,
    outcomeSettleMs: options.outcomeSettleMs ?? Math.max(5_000, requestTimeoutMs),
    throttleFailoverMs: options.throttleFailoverMs ?? 60_000,
    receiptWaitMs: options.receiptWaitMs ?? 5_000,
  };
}
