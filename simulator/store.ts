import type { StoredNotification } from './notification';
import type { Micros } from './timestamps';
import type { KeyType } from './types';

export interface PageQuery {
  keyType: KeyType;
  reference?: string;
  /** Only notifications created strictly before this time. */
  createdBefore?: Micros;
  matches: (notification: StoredNotification) => boolean;
  pageSize: number;
}

/**
 * Persisted notifications, indexed by id, by key type and by key type × reference. Every index is in
 * creation order, which is also created_at order (creation times are strictly increasing).
 */
export class NotificationStore {
  private readonly byId = new Map<string, StoredNotification>();
  private readonly inCreationOrder: StoredNotification[] = [];
  private readonly byKeyType = new Map<KeyType, StoredNotification[]>();
  private readonly byReference = new Map<string, StoredNotification[]>();

  add(notification: StoredNotification): void {
    this.byId.set(notification.id, notification);
    this.inCreationOrder.push(notification);
    appendTo(this.byKeyType, notification.keyType, notification);
    if (notification.reference !== null) {
      appendTo(this.byReference, referenceKey(notification.keyType, notification.reference), notification);
    }
  }

  get(id: string): StoredNotification | undefined {
    return this.byId.get(id);
  }

  all(): readonly StoredNotification[] {
    return this.inCreationOrder;
  }

  clear(): void {
    this.byId.clear();
    this.inCreationOrder.length = 0;
    this.byKeyType.clear();
    this.byReference.clear();
  }

  /** Newest first, up to pageSize matching notifications. */
  page(query: PageQuery): StoredNotification[] {
    const candidates =
      query.reference === undefined
        ? this.byKeyType.get(query.keyType)
        : this.byReference.get(referenceKey(query.keyType, query.reference));
    if (!candidates) return [];
    const page: StoredNotification[] = [];
    const start =
      query.createdBefore === undefined ? candidates.length : firstIndexAtOrAfter(candidates, query.createdBefore);
    for (let index = start - 1; index >= 0 && page.length < query.pageSize; index--) {
      const notification = candidates[index]!;
      if (query.matches(notification)) page.push(notification);
    }
    return page;
  }
}

function appendTo<K>(index: Map<K, StoredNotification[]>, key: K, notification: StoredNotification): void {
  const list = index.get(key);
  if (list) list.push(notification);
  else index.set(key, [notification]);
}

const referenceKey = (keyType: KeyType, reference: string): string => `${keyType}\u0000${reference}`;

function firstIndexAtOrAfter(sorted: readonly StoredNotification[], micros: Micros): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.createdMicros < micros) low = middle + 1;
    else high = middle;
  }
  return low;
}
