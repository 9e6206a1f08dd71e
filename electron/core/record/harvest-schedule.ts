import type { HarvestReport } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { createNotifyClient, type NotifyClient } from '../notify-client';
import { harvestNotifications } from './harvest';
import { readRecordSettings } from './record-settings';

const DAY_MS = 86_400_000;

/**
 * When the sync engine harvests the service's notifications into the record: on its first cycle, whenever a person
 * asks for a full sync, and at least once a day. One harvest at a time per process.
 */
export class HarvestSchedule {
  private ranThisProcess = false;
  private running: Promise<HarvestReport> | null = null;

  constructor(
    private readonly ctx: Pick<CoreContext, 'db' | 'events'>,
    private readonly intervalMs = DAY_MS,
  ) {}

  isDue(now = Date.now()): boolean {
    if (!this.ranThisProcess) return true;
    const last = readRecordSettings(this.ctx.db).lastHarvestAt;
    return last === null || now - Date.parse(last) >= this.intervalMs;
  }

  /** Harvests when due (or when `force`); null when it was not due. */
  async runIfDue(client: NotifyClient, force: boolean): Promise<HarvestReport | null> {
    if (!force && !this.isDue()) return null;
    return this.run(client);
  }

  run(client: NotifyClient): Promise<HarvestReport> {
    this.running ??= harvestNotifications(this.ctx.db, client)
      .then((report) => {
        this.ranThisProcess = true;
        if (report.adopted > 0 || report.statusesChanged > 0 || report.markedUnknown > 0) {
          this.ctx.events.emit('record.changed', { adopted: report.adopted, statusesChanged: report.statusesChanged });
        }
        return report;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}

/** A harvest a person asked for, through the service the desk sends with. */
export async function harvestActiveService(ctx: CoreContext, schedule: HarvestSchedule): Promise<HarvestReport> {
  const service = await ctx.activeService();
  const client = createNotifyClient({ baseUrl: service.baseUrl, apiKey: await service.apiKey() });
  try {
    return await schedule.run(client);
  } finally {
    client.close();
  }
}
