import type { ClaimedMessage } from '../outbox/leases';
import type { ActiveRoute, RoutePlan } from './active-route';

export interface DrainHooks {
  /** False once sending must stop (the engine stops, or a person paused everything). */
  mayContinue(): boolean;
  /** Messages leased per claim. */
  claimBatchSize: number;
  /** Sends one message, starting with `route` (and on to the next route when one proves it did not take it). */
  send(message: ClaimedMessage, route: ActiveRoute): Promise<void>;
  /** Messages leased but not started when sending stopped. */
  handBack(route: ActiveRoute, messages: ClaimedMessage[]): void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends due messages by every route that can send now, each with its own window of requests in flight, until none is
 * left. A route whose claim came back empty is asked again once one of its own sends has finished (its messages may be
 * due again) or at the next drain; one waiting for its rate budget is asked again when the budget allows.
 */
export async function drainRoutes(plan: RoutePlan, hooks: DrainHooks): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const queues = new Map<ActiveRoute, ClaimedMessage[]>(plan.all().map((route) => [route, []]));
  const busy = new Map<ActiveRoute, number>();
  const exhausted = new Set<ActiveRoute>();
  const room = (route: ActiveRoute) => route.maxInFlight - (busy.get(route) ?? 0);

  const start = (route: ActiveRoute, message: ClaimedMessage) => {
    busy.set(route, (busy.get(route) ?? 0) + 1);
    const task: Promise<void> = hooks.send(message, route).finally(() => {
      inFlight.delete(task);
      busy.set(route, (busy.get(route) ?? 1) - 1);
      exhausted.delete(route);
    });
    inFlight.add(task);
  };

  while (hooks.mayContinue()) {
    let waitMs = Infinity;
    for (const [route, queue] of queues) {
      if (queue.length === 0 && room(route) > 0 && !exhausted.has(route)) {
        const claimed = route.claim(plan.firstFor(route.name), hooks.claimBatchSize);
        if (claimed.messages.length > 0) queue.push(...claimed.messages);
        else if (claimed.waitMs > 0) waitMs = Math.min(waitMs, claimed.waitMs);
        else exhausted.add(route);
      }
      while (queue.length > 0 && room(route) > 0 && hooks.mayContinue()) start(route, queue.shift() as ClaimedMessage);
    }
    if (inFlight.size === 0 && waitMs === Infinity) break;
    await Promise.race([...inFlight, ...(waitMs < Infinity ? [sleep(waitMs)] : [])]);
  }
  for (const [route, queue] of queues) if (queue.length > 0) hooks.handBack(route, queue.splice(0));
  await Promise.all(inFlight);
}
