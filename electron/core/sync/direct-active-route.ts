import { providerChannels, type Channel } from '../../../shared/contract';
import { claimDueMessages, type ClaimedMessage } from '../outbox/leases';
import { stateForNotifyStatus } from '../outbox/notify-status';
import type { DirectRoute, RouteOutcome } from '../providers/route-outcome';
import type { Db } from '../database/open-database';
import type { ActiveRoute } from './active-route';
import { backoffMs } from './backoff';
import { retryLater, type AttemptResult, type RetryPolicy } from './send-attempt';

const ANSWERED = { kind: 'answered' } as const;

/** A throttled message waits at least this long before it is tried again (the provider paces itself meanwhile). */
const THROTTLED_WAIT_MS = 1_000;

/** What one try of a direct provider means for the message: its outcome, and whether the next route may take it. */
export function directAttemptResult(
  message: ClaimedMessage,
  route: string,
  outcome: RouteOutcome,
  policy: RetryPolicy,
  now: Date = new Date(),
): AttemptResult {
  const id = message.id;
  switch (outcome.kind) {
    case 'accepted':
      return {
        outcome: {
          id,
          to: stateForNotifyStatus(outcome.notifyStatus),
          notifyStatus: outcome.notifyStatus,
          provider: route,
          providerMessageId: outcome.providerMessageId,
          countAttempt: true,
          outcomeUnknown: false,
          detail: outcome.detail,
        },
        signal: ANSWERED,
        sent: true,
        adopted: false,
      };
    case 'unknown':
      return {
        outcome: {
          id,
          to: 'outcome-unknown',
          provider: route,
          countAttempt: true,
          outcomeUnknown: true,
          lastError: outcome.reason,
          detail: `outcome unknown: ${outcome.reason}`,
        },
        signal: ANSWERED,
        sent: true,
        adopted: false,
      };
    case 'unavailable':
      return {
        outcome: {
          id,
          to: 'queued',
          countAttempt: false,
          outcomeUnknown: false,
          lastError: outcome.reason,
          detail: `not sent by ${route}: ${outcome.reason}`,
        },
        signal: ANSWERED,
        sent: false,
        adopted: false,
        failover: true,
      };
    case 'rejected':
      return {
        outcome: {
          id,
          to: outcome.state,
          notifyStatus: outcome.notifyStatus,
          provider: route,
          countAttempt: true,
          outcomeUnknown: false,
          lastError: outcome.reason,
          detail: `refused by ${route}: ${outcome.reason}`,
        },
        signal: ANSWERED,
        sent: true,
        adopted: false,
        failover: true,
      };
    case 'retry':
      return retryLater(message, policy, now, false, outcome.reason, ANSWERED, true);
    case 'throttled':
      return {
        outcome: {
          id,
          to: 'queued',
          countAttempt: false,
          outcomeUnknown: false,
          nextAttemptAt: new Date(now.getTime() + backoffMs(1, THROTTLED_WAIT_MS, THROTTLED_WAIT_MS * 2)).toISOString(),
          detail: `not sent: ${outcome.reason}`,
        },
        signal: ANSWERED,
        sent: false,
        adopted: false,
      };
  }
}

/** A direct provider as one of the engine's routes. */
export function directActiveRoute(
  db: Db,
  route: DirectRoute,
  claim: { owner: string; leaseMs: number },
  policy: RetryPolicy,
): ActiveRoute {
  return {
    name: route.name,
    maxInFlight: route.maxInFlight,
    available: (channel: Channel) => route.problem() === null && providerChannels[route.kind] === channel,
    claim: (channels, limit) => ({
      messages:
        route.problem() === null
          ? claimDueMessages(db, { owner: claim.owner, limit, leaseMs: claim.leaseMs, route: route.name, channels })
          : [],
      waitMs: 0,
    }),
    admit: async () => undefined,
    attempt: async (message, markSubmitted) => {
      let submitted = false;
      let outcome: RouteOutcome;
      try {
        outcome = await route.send(message, () => {
          submitted = true;
          markSubmitted();
        });
      } catch (error) {
        // A fault of the desk's own: before the request left, nothing was handed over; after, the provider may have it.
        const reason = error instanceof Error ? error.message : String(error);
        outcome = submitted ? { kind: 'unknown', reason } : { kind: 'retry', reason };
      }
      return directAttemptResult(message, route.name, outcome, policy);
    },
    refund: () => undefined,
  };
}
