import type { MessageState, ProviderKind, ProviderProblem, ProviderTestResult } from '../../../shared/contract';
import type { ClaimedMessage } from '../outbox/leases';

/** How one try of a direct provider ended, as the sync engine needs to know it. */
export type RouteOutcome =
  /** It took the message; `notifyStatus` is Notify's word for where it stands (`sending`: handed over, no receipt yet). */
  | { kind: 'accepted'; providerMessageId: string; notifyStatus: string; detail: string }
  /** It may have taken the message and cannot be asked: a person decides. Never sent again by itself. */
  | { kind: 'unknown'; reason: string }
  /** It took nothing: no connection, credentials refused, or throttled for too long. The next route, or wait for this one. */
  | { kind: 'unavailable'; reason: string }
  /** It refused this message. The next route, or this end state with the provider's words. */
  | { kind: 'rejected'; reason: string; state: MessageState; notifyStatus: string }
  /** It answered with an error it wants tried again later (an SMPP system error, an SMTP 4xx): counted, with backoff. */
  | { kind: 'retry'; reason: string }
  /** It asked the desk to slow down: handed back uncounted while the route paces itself. */
  | { kind: 'throttled'; reason: string };

/** Records, before a request leaves, that the message is being handed to this route and its outcome is unknown until it answers. */
export type MarkSubmitted = () => void;

/** A direct provider as a route of the sync engine. */
export interface DirectRoute {
  readonly name: string;
  readonly kind: ProviderKind;
  /** Messages it may have in flight at once (an SMPP window, an SMTP pool). */
  readonly maxInFlight: number;
  /** Why it cannot take messages now (it waits to connect again, refuses the credentials, throttles), or null. */
  problem(): ProviderProblem | null;
  send(message: ClaimedMessage, markSubmitted: MarkSubmitted): Promise<RouteOutcome>;
  /** Brings the statuses of messages it took up to date (polling where the provider must be asked); returns the ids changed. */
  refreshStatuses(force: boolean): Promise<string[]>;
  /** While the engine runs: stay connected where receipts come back over the desk's own connection. */
  keepConnected(keep: boolean): void;
  /** For a single run (sync --once): waits a little for receipts already on their way, until they stop coming. */
  awaitReceipts(): Promise<void>;
  test(): Promise<ProviderTestResult>;
  close(): Promise<void>;
}

/** What routes tell the rest of the core: statuses that changed by themselves (pushed receipts). */
export interface RouteContextEvents {
  statusesChanged(ids: readonly string[]): void;
  problemChanged(): void;
}
