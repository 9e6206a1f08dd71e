import type { SyncStatus } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { countMessages, getMessages } from '../outbox/outbox-queries';

const EMIT_INTERVAL_MS = 200;
/** Above this many changes at once, only `outbox.changed` is sent: the UI reloads its list instead of patching rows. */
const MAX_MESSAGE_UPDATES = 50;

/** Gathers outbox changes and tells the UI at most every 200 ms: `outbox.changed`, `message.updated` and `sync.status`. */
export class ChangeNotifier {
  private changedIds = new Set<string>();
  private statusDirty = false;
  private timer: NodeJS.Timeout | null = null;
  private lastStatusJson = '';
  /** True while this notifier's own events are being delivered. */
  emitting = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly currentStatus: () => SyncStatus,
  ) {}

  changed(ids: readonly string[]): void {
    if (ids.length === 0) return;
    for (const id of ids) this.changedIds.add(id);
    this.statusDirty = true;
    this.schedule();
  }

  statusChanged(): void {
    this.statusDirty = true;
    this.schedule();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ids = [...this.changedIds];
    this.changedIds.clear();
    const statusDirty = this.statusDirty;
    this.statusDirty = false;
    this.emitting = true;
    try {
      if (ids.length > 0) {
        this.ctx.events.emit('outbox.changed', { messageIds: ids, counts: countMessages(this.ctx.db) });
        if (ids.length <= MAX_MESSAGE_UPDATES) {
          for (const message of getMessages(this.ctx.db, ids)) this.ctx.events.emit('message.updated', message);
        }
      }
      if (statusDirty) {
        const status = this.currentStatus();
        const json = JSON.stringify(status);
        if (json !== this.lastStatusJson) {
          this.lastStatusJson = json;
          this.ctx.events.emit('sync.status', status);
        }
      }
    } finally {
      this.emitting = false;
    }
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), EMIT_INTERVAL_MS);
  }
}
