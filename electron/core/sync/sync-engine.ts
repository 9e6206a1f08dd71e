import { finalMessageStates, type Channel, type SyncStatus } from '../../../shared/contract';
import type { ActiveService, CoreContext } from '../core-context';
import { UserError } from '../dispatch';
import { createNotifyClient, parseApiKey, type NotifyClient } from '../notify-client';
import { routeDueLettersToPrint } from '../letters/print-queue';
import { receivedTextsScheduleFor } from '../inbox/received-texts-schedule';
import type { ReceivedTextsFetchReport } from '../inbox/received-texts-fetch';
import { claimDueMessages, nextDueAt, promoteDueScheduled, type ClaimedMessage } from '../outbox/leases';
import { countAcceptedThrough, countWaiting, scheduledMessages } from '../outbox/outbox-queries';
import {
  activeChannelHolds,
  describeHold,
  holdChannel,
  isSendingPaused,
  nextMidnightUtc,
  setSendingPaused,
} from '../outbox/sending-controls';
import { markSubmitted, recordFailover } from '../outbox/submissions';
import { finishAttempts, type AttemptOutcome } from '../outbox/transitions';
import { DirectRoutes, defaultDirectRouteOptions } from '../providers/direct-routes';
import { applyPartStatuses } from '../providers/provider-receipts';
import { ProviderRepository } from '../providers/provider-repository';
import { NOTIFY_PROVIDER } from '../routing/channel-routes';
import { RoutePlan, type ActiveRoute } from './active-route';
import type { HarvestReport } from '../../../shared/contract';
import { HarvestSchedule } from '../record/harvest-schedule';
import { ChangeNotifier } from './change-notifier';
import { ConnectionState } from './connection-state';
import { directActiveRoute } from './direct-active-route';
import { drainRoutes } from './route-drain';
import { attemptSend, type AttemptResult } from './send-attempt';
import { readyToSend } from './service-readiness';
import { SharedSendBudget } from './shared-send-budget';
import { refreshStatuses } from './status-refresh';
import { resolveSyncOptions, type ResolvedSyncOptions, type SyncEngineOptions } from './sync-options';

export interface RunOnceReport {
  /** Sends a route took (Notify, or a direct provider). */
  sent: number;
  /** Sends a direct provider may have taken without answering: they wait for a person. */
  outcomeUnknown: number;
  /** Messages a route proved it did not take, handed to the next route. */
  failedOver: number;
  /** Messages found at Notify by their reference after an interrupted attempt, recorded without sending again. */
  adopted: number;
  rejected: number;
  /** Attempts that failed and will be retried later. */
  retrying: number;
  needsAttention: number;
  /** Sends Notify refused with RateLimitError (handed back and paced more slowly). */
  rateLimited: number;
  statusRequests: number;
  statusesChanged: number;
  /** Messages not yet handed to Notify when the run ended. */
  waiting: number;
  status: SyncStatus;
  /** The harvest of the service's notifications into the delivery record, when one ran. */
  harvest: HarvestReport | null;
  /** The fetch of texts the service received, when one ran. */
  receivedTexts: ReceivedTextsFetchReport | null;
}

export interface SyncEngine {
  /** The direct providers as routes (their connections, their tests). */
  readonly directRoutes: DirectRoutes;
  start(): void;
  stop(): Promise<void>;
  status(): SyncStatus;
  syncNow(): Promise<SyncStatus>;
  pause(batchId?: string): SyncStatus;
  resume(batchId?: string): SyncStatus;
  runOnce(): Promise<RunOnceReport>;
}

interface CycleMode {
  /** Probe an offline service now and retry after a refused key (a person asked). */
  eager: boolean;
  /** Check the status of every accepted message, not only those due a check. */
  refreshAll: boolean;
}

const OUTCOME_FLUSH_SIZE = 64;
const OUTCOME_FLUSH_DELAY_MS = 20;

export function createSyncEngine(ctx: CoreContext, options?: SyncEngineOptions): SyncEngine {
  return new NotifySyncEngine(ctx, resolveSyncOptions(options));
}

class NotifySyncEngine implements SyncEngine {
  readonly directRoutes: DirectRoutes;
  private running = false;
  private stopping = false;
  /** Stopped for good: routes closing now tell nobody. */
  private closed = false;
  /** Set by a pause of everything: messages already leased but not yet sent are handed back. */
  private pausedHere = false;
  private loopDone: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private cycleChain: Promise<unknown> = Promise.resolve();

  private readonly connection: ConnectionState;
  private lastRefreshMs = 0;
  private lastSyncAt: string | null = null;
  private notifyThrottledSinceMs: number | null = null;

  private client: { key: string; client: NotifyClient } | null = null;
  private readonly budget: SharedSendBudget;
  private pendingOutcomes: AttemptOutcome[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly notifier: ChangeNotifier;
  private report = emptyCounters();
  private readonly harvest: HarvestSchedule;
  private readonly stopListening: () => void;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: ResolvedSyncOptions,
  ) {
    this.budget = new SharedSendBudget(ctx.db, { pacing: options.pacing });
    this.notifier = new ChangeNotifier(ctx, () => this.status());
    this.directRoutes = new DirectRoutes(
      {
        db: ctx.db,
        providers: new ProviderRepository(ctx.db, ctx.secrets),
        network: ctx.network,
        events: {
          statusesChanged: (ids) => {
            if (!this.closed) this.notifier.changed(ids);
          },
          problemChanged: () => {
            if (!this.closed) this.notifier.statusChanged();
          },
        },
      },
      {
        ...defaultDirectRouteOptions(options.requestTimeoutMs),
        minPollMs: options.minPollMs,
        maxPollMs: options.maxPollMs,
        retryBaseMs: options.probeBaseMs,
        retryMaxMs: options.probeMaxMs,
        throttleFailoverMs: options.throttleFailoverMs,
        receiptWaitMs: options.receiptWaitMs,
      },
    );
    this.harvest = new HarvestSchedule(ctx);
    this.connection = new ConnectionState(options, () => this.notifier.statusChanged());
    // Someone queued, retried or cancelled messages: look for work now rather than at the next poll.
    this.stopListening = ctx.events.onAny((event) => {
      if (event === 'outbox.changed' && !this.notifier.emitting) this.wake();
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.directRoutes.keepConnected(true);
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.running = false;
    this.wake();
    await this.loopDone;
    await this.cycleChain.catch(() => undefined);
    this.flushOutcomes();
    this.closed = true;
    await this.directRoutes.closeAll();
    this.notifier.flush();
    this.stopListening();
    this.client?.client.close();
    this.client = null;
  }

  status(): SyncStatus {
    const now = new Date();
    const paused = isSendingPaused(this.ctx.db);
    const connection = this.connection;
    return {
      connection: paused ? 'paused' : connection.blockedError ? 'idle' : connection.connection,
      waiting: countWaiting(this.ctx.db),
      scheduled: scheduledMessages(this.ctx.db),
      lastSyncAt: this.lastSyncAt,
      lastError: connection.blockedError ?? connection.lastError,
      nextProbeAt: connection.offline ? new Date(connection.nextProbeAtMs).toISOString() : null,
      heldChannels: activeChannelHolds(this.ctx.db, now.toISOString()).map(describeHold),
      providerProblems: this.directRoutes.problems(this.routedProviders),
    };
  }

  async syncNow(): Promise<SyncStatus> {
    await this.runCycle({ eager: true, refreshAll: false });
    return this.status();
  }

  pause(batchId?: string): SyncStatus {
    if (!setSendingPaused(this.ctx.db, true, batchId)) throw new UserError('That batch is not in the outbox.');
    if (!batchId) this.pausedHere = true;
    this.notifier.statusChanged();
    return this.status();
  }

  resume(batchId?: string): SyncStatus {
    if (!setSendingPaused(this.ctx.db, false, batchId)) throw new UserError('That batch is not in the outbox.');
    if (!batchId) this.pausedHere = false;
    this.notifier.statusChanged();
    this.wake();
    return this.status();
  }

  async runOnce(): Promise<RunOnceReport> {
    this.report = emptyCounters();
    await this.runCycle({ eager: true, refreshAll: true });
    await this.settlePracticeStatuses();
    this.notifier.flush();
    const status = this.status();
    return { ...this.report, waiting: status.waiting, status };
  }

  /**
   * Practice mode forgets its messages when this process ends, so a single run waits (a few seconds) for the statuses
   * of the messages it handed over to become final rather than leave them unknowable.
   */
  private async settlePracticeStatuses(): Promise<void> {
    const service = await this.ctx.activeService().catch(() => null);
    if (!service?.practice) return;
    const deadline = Date.now() + service.practice.finalStatusWithinMs * 2 + 5_000;
    while (countAcceptedThrough(this.ctx.db, service.id) > 0 && Date.now() < deadline && !this.stopping) {
      await sleep(Math.min(1_000, service.practice.finalStatusWithinMs / 4));
      await this.runCycle({ eager: true, refreshAll: true });
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      await this.runCycle({ eager: false, refreshAll: false });
      if (!this.running) break;
      const delay = this.idleDelayMs();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  /** Until the next probe when offline; otherwise until the next scheduled or retry time, polling at least every `idlePollMs`. */
  private idleDelayMs(): number {
    const now = Date.now();
    if (this.connection.offline) return Math.max(this.connection.nextProbeAtMs - now, 50);
    const nextDue = nextDueAt(this.ctx.db);
    const untilDue = nextDue ? Date.parse(nextDue) - now : Infinity;
    return Math.min(Math.max(untilDue, 10), this.options.idlePollMs);
  }

  private wake(): void {
    this.wakeUp?.();
  }

  /** Cycles never overlap: a person's "sync now" waits for the running one and then runs its own. */
  private runCycle(mode: CycleMode): Promise<void> {
    const next = this.cycleChain.then(() =>
      this.cycle(mode).catch((error: unknown) => {
        this.connection.noteError(error instanceof Error ? error.message : String(error));
      }),
    );
    this.cycleChain = next;
    return next;
  }

  private async cycle(mode: CycleMode): Promise<void> {
    // Letters for the post room's printer need no service: they move even while Notify cannot be reached.
    this.notifier.changed(routeDueLettersToPrint(this.ctx.db));
    const notify = await this.prepareNotify(mode);
    this.pausedHere = isSendingPaused(this.ctx.db);
    const promoted = promoteDueScheduled(this.ctx.db);
    this.notifier.changed(promoted);
    const plan = await this.plan(notify);
    await drainRoutes(plan, {
      mayContinue: () => !this.stopping && !this.pausedHere,
      claimBatchSize: this.options.claimBatchSize,
      send: (message, route) => this.sendByRoutes(message, route, plan),
      handBack: (route, messages) => {
        route.refund(messages);
        this.queueOutcomes(messages.map(handBackUnsent));
      },
    });
    this.flushOutcomes();
    const refreshDue = mode.refreshAll || Date.now() - this.lastRefreshMs >= this.options.minPollMs;
    if (refreshDue) {
      this.lastRefreshMs = Date.now();
      if (notify && !this.connection.offline && !this.connection.blockedError)
        await this.refreshNotifyStatuses(notify.client, notify.service, mode.refreshAll);
      await this.refreshDirectStatuses(mode.refreshAll);
    }
    if (notify && !this.connection.offline && !this.connection.blockedError && !this.stopping) {
      try {
        this.report.harvest = (await this.harvest.runIfDue(notify.client, mode.refreshAll)) ?? this.report.harvest;
        const fetched = await receivedTextsScheduleFor(this.ctx).runIfDue(
          notify.client,
          notify.service,
          mode.refreshAll,
        );
        this.report.receivedTexts = fetched ?? this.report.receivedTexts;
      } catch (error) {
        this.connection.noteRequestFailure(error);
      }
    }
    if (this.connection.connection === 'online') this.lastSyncAt = new Date().toISOString();
    this.notifier.statusChanged();
  }

  /** The Notify service when it can be sent through in this cycle (its key accepted, set up, answering), else null. */
  private async prepareNotify(mode: CycleMode): Promise<{ client: NotifyClient; service: ActiveService } | null> {
    let service: ActiveService;
    let client: NotifyClient;
    try {
      service = await this.ctx.activeService();
      client = await this.clientFor(service);
    } catch (error) {
      this.connection.block(error instanceof Error ? error.message : String(error));
      return null;
    }
    this.connection.releaseBlockIfDue(mode.eager);
    if (this.connection.blockedError) return null;
    if (this.connection.offline && !this.connection.probeDue(mode.eager)) return null;
    if (!(await readyToSend(service, client, this.connection, mode.eager))) return null;
    // Set-up may have just found the service's pass-through templates.
    if (service.setUp) service = await this.ctx.activeService();
    if (this.connection.offline && !(await this.probe(client))) return null;
    return { client, service };
  }

  /** Every route that can send now: Notify when ready, the direct providers the routes name, and those a person chose. */
  private async plan(notify: { client: NotifyClient; service: ActiveService } | null): Promise<RoutePlan> {
    const routes = new Map<string, ActiveRoute>();
    if (notify) routes.set(NOTIFY_PROVIDER, this.notifyRoute(notify.client, notify.service));
    for (const name of this.routedProviders) {
      const route = await this.directRoutes.get(name);
      if (route)
        routes.set(
          route.name,
          directActiveRoute(
            this.ctx.db,
            route,
            { owner: this.options.owner, leaseMs: this.options.leaseMs },
            this.options,
          ),
        );
    }
    return new RoutePlan(this.ctx.db, routes);
  }

  /** Direct providers the routes name, or that messages waiting to be sent again were given by a person. */
  private get routedProviders(): string[] {
    return this.ctx.db
      .prepare(
        `SELECT provider FROM routes WHERE provider <> 'notify' AND provider <> 'print'
         UNION SELECT chosen_provider FROM outbox_messages WHERE state = 'queued' AND chosen_provider IS NOT NULL AND chosen_provider <> 'notify'`,
      )
      .pluck()
      .all() as string[];
  }

  /** The Notify service as a route: paced by the shared budget, a held channel left to the next route. */
  private notifyRoute(client: NotifyClient, service: ActiveService): ActiveRoute {
    const held = () => activeChannelHolds(this.ctx.db, new Date().toISOString()).map((hold) => hold.channel);
    return {
      name: NOTIFY_PROVIDER,
      maxInFlight: this.options.concurrency,
      available: (channel: Channel) =>
        !this.connection.offline && !this.connection.blockedError && !held().includes(channel),
      claim: (channels, limit) => {
        if (this.connection.offline || this.connection.blockedError) return { messages: [], waitMs: 0 };
        // Letters that came due since: to the post room's printer first, when it is their route.
        this.notifier.changed(routeDueLettersToPrint(this.ctx.db));
        const heldChannels = held();
        const { items, waitMs } = this.budget.spend(
          limit,
          (allowed) =>
            claimDueMessages(this.ctx.db, {
              owner: this.options.owner,
              limit: allowed,
              leaseMs: this.options.leaseMs,
              heldChannels,
              route: NOTIFY_PROVIDER,
              channels,
            }),
          sendCost,
        );
        return { messages: items, waitMs };
      },
      admit: async (message) => {
        for (;;) {
          const { items, waitMs } = this.budget.spend(1, () => [message], sendCost);
          if (items.length > 0 || this.stopping) return;
          await sleep(waitMs);
        }
      },
      attempt: (message, submitted) => attemptSend(client, service, message, this.options, () => new Date(), submitted),
      refund: (messages) => this.budget.refund(messages.reduce((tokens, message) => tokens + sendCost(message), 0)),
    };
  }

  /**
   * One message through its channel's routes: the first that can send, then the next only while each proves it did
   * not take the message. A message a route may already have stays with that route.
   */
  private async sendByRoutes(message: ClaimedMessage, first: ActiveRoute, plan: RoutePlan): Promise<void> {
    let route = first;
    for (;;) {
      const current = route;
      const result = await current.attempt(message, () =>
        markSubmitted(this.ctx.db, this.options.owner, message.id, current.name),
      );
      if (current.name === NOTIFY_PROVIDER) this.applySignal(result);
      const failover = result.failover === true || (current.name === NOTIFY_PROVIDER && this.notifyThrottledTooLong());
      const next = failover && !message.pinned ? plan.next(message.type, current.name) : null;
      if (!next) {
        this.handleResult(result);
        return;
      }
      this.report.failedOver += 1;
      const why = result.outcome.lastError ?? result.outcome.detail;
      recordFailover(
        this.ctx.db,
        this.options.owner,
        message.id,
        `${current.name} did not take it: ${why} Sending by ${next.name} instead.`,
        this.options.leaseMs,
      );
      await next.admit(message);
      route = next;
    }
  }

  private async refreshNotifyStatuses(client: NotifyClient, service: ActiveService, force: boolean): Promise<void> {
    try {
      const refresh = await refreshStatuses(this.ctx.db, client, {
        serviceId: service.id,
        force,
        minPollMs: this.options.minPollMs,
        maxPollMs: this.options.maxPollMs,
        retentionDays: this.options.retentionDays,
      });
      this.report.statusRequests += refresh.requests;
      this.report.statusesChanged += refresh.changedIds.length + refresh.unknownIds.length;
      this.notifier.changed([...refresh.changedIds, ...refresh.unknownIds]);
      if (refresh.requests > 0) this.connection.answered();
    } catch (error) {
      this.connection.noteRequestFailure(error);
    }
  }

  /** Statuses from direct providers: polled where they must be asked; receipts already on their way for a single run. */
  private async refreshDirectStatuses(force: boolean): Promise<void> {
    for (const route of this.directRoutes.routes()) {
      try {
        if (force) await route.awaitReceipts();
        const changed = await route.refreshStatuses(force);
        this.report.statusesChanged += changed.length;
        this.notifier.changed(changed);
      } catch (error) {
        this.connection.noteError(error instanceof Error ? error.message : String(error));
      }
    }
  }

  private handleResult(result: AttemptResult): void {
    const { outcome } = result;
    const taken = result.sent && (Boolean(outcome.notifyId) || Boolean(outcome.providerMessageId));
    if (outcome.to === 'outcome-unknown') this.report.outcomeUnknown += 1;
    else if (taken) this.report.sent += 1;
    else if (result.adopted) this.report.adopted += 1;
    else if (outcome.to === 'rejected' || (result.sent && finalMessageStates.includes(outcome.to)))
      this.report.rejected += 1;
    else if (outcome.to === 'needs-attention') this.report.needsAttention += 1;
    else if (outcome.countAttempt) this.report.retrying += 1;
    this.queueOutcomes([outcome]);
  }

  /** Notify has answered RateLimitError without a break for longer than the set time. */
  private notifyThrottledTooLong(): boolean {
    return (
      this.notifyThrottledSinceMs !== null &&
      Date.now() - this.notifyThrottledSinceMs >= this.options.throttleFailoverMs
    );
  }

  /** What a Notify attempt says about the service: answering, unreachable, pacing, a daily limit, a refused key. */
  private applySignal(result: AttemptResult): void {
    const { signal } = result;
    if (signal.kind === 'rate-limited') this.notifyThrottledSinceMs ??= Date.now();
    else this.notifyThrottledSinceMs = null;
    switch (signal.kind) {
      case 'answered':
        this.connection.answered();
        break;
      case 'connection-failed':
        this.connection.connectionFailed(signal.error, signal.unreachable);
        break;
      case 'rate-limited':
        this.report.rateLimited += 1;
        this.connection.answered();
        this.budget.slowDown();
        break;
      case 'daily-limit':
        this.connection.answered();
        holdChannel(this.ctx.db, { channel: signal.channel, until: nextMidnightUtc(), reason: signal.reason });
        this.notifier.statusChanged();
        break;
      case 'blocked':
        this.connection.block(signal.error);
        break;
    }
  }

  private queueOutcomes(outcomes: AttemptOutcome[]): void {
    this.pendingOutcomes.push(...outcomes);
    if (this.pendingOutcomes.length >= OUTCOME_FLUSH_SIZE) this.flushOutcomes();
    else this.flushTimer ??= setTimeout(() => this.flushOutcomes(), OUTCOME_FLUSH_DELAY_MS);
  }

  /** Writes the outcomes gathered so far in one transaction. Losing them in a crash is safe: the messages stay `sending` with the outcome unknown. */
  private flushOutcomes(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pendingOutcomes.length === 0) return;
    const outcomes = this.pendingOutcomes;
    this.pendingOutcomes = [];
    let changed: string[];
    try {
      changed = finishAttempts(this.ctx.db, this.options.owner, outcomes);
    } catch (error) {
      // Kept for the next flush: these messages stay leased to this process until their outcome is written.
      this.pendingOutcomes = [...outcomes, ...this.pendingOutcomes];
      this.flushTimer ??= setTimeout(() => this.flushOutcomes(), 1_000);
      this.connection.lastError = `Could not record sending results: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    // Receipts a direct provider sent back before its message's outcome was written.
    const takenDirectly = outcomes.filter((outcome) => outcome.providerMessageId).map((outcome) => outcome.id);
    this.notifier.changed([...changed, ...applyPartStatuses(this.ctx.db, takenDirectly)]);
  }

  private async probe(client: NotifyClient): Promise<boolean> {
    try {
      await client.listNotifications({ reference: 'notify-desk-connection-check' });
      this.connection.answered();
      return true;
    } catch (error) {
      this.connection.probeFailed(error);
      return false;
    }
  }

  private async clientFor(service: ActiveService): Promise<NotifyClient> {
    const apiKey = await service.apiKey();
    const key = `${service.baseUrl}\n${apiKey}`;
    // Notify keeps one rate-limit bucket per service.
    this.budget.use(`${service.baseUrl} ${parseApiKey(apiKey).serviceId}`, service.rateLimitPerMinute);
    if (this.client?.key === key) return this.client.client;
    this.client?.client.close();
    const client = createNotifyClient({
      baseUrl: service.baseUrl,
      apiKey,
      timeoutMs: this.options.requestTimeoutMs,
      maxSockets: this.options.concurrency * 2,
      network: service.network,
    });
    this.client = { key, client };
    this.connection.blockedError = null;
    return client;
  }
}

/** Notify takes two tokens for a templated letter (API contract §5). */
const sendCost = (message: ClaimedMessage): number => (message.type === 'letter' ? 2 : 1);

const handBackUnsent = (message: ClaimedMessage): AttemptOutcome => ({
  id: message.id,
  to: 'queued',
  countAttempt: false,
  outcomeUnknown: message.previousOutcomeUnknown,
  detail: 'handed back unsent (sending stopped)',
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function emptyCounters(): Omit<RunOnceReport, 'waiting' | 'status'> {
  return {
    sent: 0,
    outcomeUnknown: 0,
    failedOver: 0,
    adopted: 0,
    rejected: 0,
    retrying: 0,
    needsAttention: 0,
    rateLimited: 0,
    statusRequests: 0,
    statusesChanged: 0,
    harvest: null,
    receivedTexts: null,
  };
}
