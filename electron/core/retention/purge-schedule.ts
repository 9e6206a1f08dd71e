import type { PurgeSummary, RetentionPeriods } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { errorText } from '../error-text';
import type { Logger } from '../log';
import { purge, type PurgeOptions } from './purge';

const DAY_MS = 86_400_000;

/** Where each purge is recorded: the audit trail (the host wires it); a failure to record never undoes the purge. */
export type AuditPurge = (summary: PurgeSummary) => void | Promise<void>;

export interface PurgeScheduleOptions {
  periods: () => RetentionPeriods;
  log: Logger;
  auditPurge?: AuditPurge;
  intervalMs?: number;
}

/**
 * Purges once when the desk starts and then once a day, and when a person asks. One purge at a time in this process
 * (a second request waits for the running one and then runs); each real one is recorded by `auditPurge`.
 */
export class PurgeSchedule {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private readonly stopping = new AbortController();

  constructor(
    private readonly ctx: { db: Db; dataDir: string },
    private readonly options: PurgeScheduleOptions,
  ) {}

  start(): void {
    const daily = () =>
      void this.run({ requestedBy: null }).catch((error: unknown) =>
        this.options.log.error('purge failed', { error: errorText(error) }),
      );
    setImmediate(daily);
    this.timer = setInterval(daily, this.options.intervalMs ?? DAY_MS);
    this.timer.unref();
  }

  /** Runs a purge after any running one; a dry run changes nothing and is not recorded. */
  run(options: Omit<PurgeOptions, 'signal'>): Promise<PurgeSummary> {
    const next = this.running
      .catch(() => undefined)
      .then(async () => {
        this.stopping.signal.throwIfAborted();
        const summary = await purge(this.ctx, this.options.periods(), { ...options, signal: this.stopping.signal });
        if (!summary.dryRun) await this.audit(summary);
        return summary;
      });
    this.running = next;
    return next;
  }

  /** Stops between two chunks (what was taken stays taken) and waits for that. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.stopping.abort();
    await this.running.catch(() => undefined);
  }

  private async audit(summary: PurgeSummary): Promise<void> {
    try {
      await this.options.auditPurge?.(summary);
    } catch (error) {
      this.options.log.error('the purge could not be recorded in the audit trail', { error: errorText(error) });
    }
  }
}
