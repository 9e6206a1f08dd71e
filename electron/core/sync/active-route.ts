import { channelSchema, type Channel } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import type { ClaimedMessage } from '../outbox/leases';
import { channelRoute, NOTIFY_PROVIDER, PRINT_PROVIDER } from '../routing/channel-routes';
import type { AttemptResult } from './send-attempt';

/** A way out the sync engine sends by in a cycle: the Notify service, or a direct provider. */
export interface ActiveRoute {
  readonly name: string;
  /** Messages it may have in flight at once. */
  readonly maxInFlight: number;
  /** Whether it can take messages of this channel now. */
  available(channel: Channel): boolean;
  /** Leases up to `limit` due messages for it: those pinned to it, and those of `channels`. `waitMs`: none may be sent before then. */
  claim(channels: readonly Channel[], limit: number): { messages: ClaimedMessage[]; waitMs: number };
  /** A message another route did not take: waits until this route may send it (Notify's rate budget). */
  admit(message: ClaimedMessage): Promise<void>;
  /** One attempt; never throws. `markSubmitted` is called just before the request leaves. */
  attempt(message: ClaimedMessage, markSubmitted: () => void): Promise<AttemptResult>;
  /** Messages handed back unsent: what claiming them cost is given back. */
  refund(messages: readonly ClaimedMessage[]): void;
}

/** Each channel's routes in order, and those of them the engine can send by, asked afresh at every turn. */
export class RoutePlan {
  private readonly order: Map<Channel, string[]>;

  constructor(
    db: Db,
    private readonly routes: ReadonlyMap<string, ActiveRoute>,
  ) {
    // Letters the post room prints leave the queue before any route claims them (print-queue.ts); the letters left
    // (PDF letters, and those Notify may already have) go through Notify.
    const sendable = (name: string) => (name === PRINT_PROVIDER ? NOTIFY_PROVIDER : name);
    this.order = new Map(channelSchema.options.map((channel) => [channel, channelRoute(db, channel).map(sendable)]));
  }

  all(): ActiveRoute[] {
    return [...this.routes.values()];
  }

  /** The channels whose first route that can send now is this one. */
  firstFor(name: string): Channel[] {
    return channelSchema.options.filter((channel) => this.first(channel)?.name === name);
  }

  /** The route after `after` in the channel's order that can send now, or null. */
  next(channel: Channel, after: string): ActiveRoute | null {
    const names = this.order.get(channel) ?? [];
    return this.firstAvailable(channel, names.slice(names.indexOf(after) + 1));
  }

  private first(channel: Channel): ActiveRoute | null {
    return this.firstAvailable(channel, this.order.get(channel) ?? []);
  }

  private firstAvailable(channel: Channel, names: readonly string[]): ActiveRoute | null {
    for (const name of names) {
      const route = this.routes.get(name);
      if (route?.available(channel)) return route;
    }
    return null;
  }
}
