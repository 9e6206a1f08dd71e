import type { ActiveService, CoreContext } from '../core-context';
import type { NotifyClient } from '../notify-client';
import { unreadCount } from './inbox-queries';
import {
  fetchReceivedTexts,
  PRACTICE_SERVICE_KEY,
  type ReceivedTextsFetchReport,
  type ReceivedTextsSource,
} from './received-texts-fetch';

/** How often the sync engine asks Notify for new replies when nobody asked sooner. */
export const RECEIVED_TEXTS_POLL_MS = 30_000;

/**
 * When the sync engine fetches received texts: at its first cycle, then every 30 seconds, and at once when someone
 * asks (`sync --once`, the inbox's "Check for new replies"). One per core, shared by the engine and the inbox's calls.
 */
export class ReceivedTextsSchedule {
  private lastRunMs = 0;
  private requested = false;
  private lastReport: ReceivedTextsFetchReport | null = null;

  constructor(private readonly ctx: CoreContext) {}

  /** The next cycle of the sync engine fetches, whatever the time since the last fetch. */
  requestNow(): void {
    this.requested = true;
    this.lastReport = null;
  }

  /** What the fetch asked for with `requestNow` found; null when it has not run (Notify could not be reached). */
  requestedReport(): ReceivedTextsFetchReport | null {
    return this.requested ? null : this.lastReport;
  }

  async runIfDue(
    client: NotifyClient,
    service: ActiveService,
    force = false,
  ): Promise<ReceivedTextsFetchReport | null> {
    if (!force && !this.requested && Date.now() - this.lastRunMs < RECEIVED_TEXTS_POLL_MS) return null;
    this.requested = false;
    this.lastRunMs = Date.now();
    const report = await fetchReceivedTexts(this.ctx.db, client, sourceOf(service, client));
    this.lastReport = report;
    if (report.fetched > 0)
      this.ctx.events.emit('inbox.changed', { unread: unreadCount(this.ctx.db), fetched: report.fetched });
    return report;
  }
}

function sourceOf(service: ActiveService, client: NotifyClient): ReceivedTextsSource {
  return service.kind === 'practice'
    ? { serviceKey: PRACTICE_SERVICE_KEY, practiceRun: service.baseUrl }
    : { serviceKey: client.serviceId, practiceRun: null };
}

const schedules = new WeakMap<CoreContext, ReceivedTextsSchedule>();

export function receivedTextsScheduleFor(ctx: CoreContext): ReceivedTextsSchedule {
  let schedule = schedules.get(ctx);
  if (!schedule) {
    schedule = new ReceivedTextsSchedule(ctx);
    schedules.set(ctx, schedule);
  }
  return schedule;
}
