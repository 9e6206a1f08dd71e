import type { StateCreator } from 'zustand';
import type { MessageState, OutboxBatchProgress, OutboxCounts, OutboxMessage } from '../../../shared/contract';
import { call, errorMessage } from '../api/client';
import type { Store } from './store';

export const outboxPageSize = 100;
export const outboxBatchesShown = 20;

export interface OutboxSlice {
  messages: OutboxMessage[];
  total: number;
  counts: OutboxCounts | null;
  /** Which states the table shows; empty means all. */
  stateFilter: MessageState[];
  /** The batch whose messages the table shows; null means every message. */
  batchFilter: string | null;
  batches: OutboxBatchProgress[];
  outboxLoaded: boolean;
  outboxError: string | null;
  loadOutbox(): Promise<void>;
  loadCounts(): Promise<void>;
  loadBatches(): Promise<void>;
  setStateFilter: (states: MessageState[]) => void;
  setBatchFilter: (batchId: string | null) => void;
  setCounts(counts: OutboxCounts): void;
  /** Puts a message the core says changed in place; false when it is not on the page (or no longer belongs there). */
  replaceMessage(message: OutboxMessage): boolean;
  retryMessages: (ids: string[]) => Promise<void>;
  cancelMessages: (ids: string[]) => Promise<void>;
  /** A message whose outcome is unknown: send it again by the route chosen, or count it sent. */
  resendUnknown: (id: string, provider: string) => Promise<void>;
  markSent: (id: string) => Promise<void>;
  /** Stops or restarts sending one batch. */
  setBatchPaused: (batchId: string, paused: boolean) => Promise<void>;
  /** Cancels what a batch has not yet handed to Notify. */
  cancelBatch: (batchId: string) => Promise<void>;
}

export const createOutboxSlice: StateCreator<Store, [], [], OutboxSlice> = (set, get) => {
  async function reloadAll(): Promise<void> {
    await Promise.all([get().loadOutbox(), get().loadCounts(), get().loadBatches()]);
  }

  return {
    messages: [],
    total: 0,
    counts: null,
    stateFilter: [],
    batchFilter: null,
    batches: [],
    outboxLoaded: false,
    outboxError: null,

    async loadOutbox() {
      const { stateFilter: states, batchFilter } = get();
      try {
        const page = await call('outbox.list', {
          states: states.length > 0 ? states : undefined,
          batchId: batchFilter ?? undefined,
          limit: outboxPageSize,
        });
        set({ messages: page.messages, total: page.total, outboxLoaded: true, outboxError: null });
      } catch (error) {
        set({ outboxError: errorMessage(error) });
      }
    },

    async loadCounts() {
      try {
        set({ counts: await call('outbox.counts', {}) });
      } catch (error) {
        set({ outboxError: errorMessage(error) });
      }
    },

    async loadBatches() {
      try {
        set({ batches: (await call('outbox.batches', { limit: outboxBatchesShown })).batches });
      } catch (error) {
        set({ outboxError: errorMessage(error) });
      }
    },

    setStateFilter(states) {
      set({ stateFilter: states });
      void get().loadOutbox();
    },

    setBatchFilter(batchId) {
      set({ batchFilter: batchId });
      void get().loadOutbox();
    },

    setCounts(counts) {
      set({ counts });
    },

    replaceMessage(message) {
      const { messages, stateFilter, batchFilter } = get();
      const index = messages.findIndex((shown) => shown.id === message.id);
      const stillMatches =
        (stateFilter.length === 0 || stateFilter.includes(message.state)) &&
        (batchFilter === null || batchFilter === message.batchId);
      if (index < 0 || !stillMatches) return false;
      set({ messages: messages.with(index, message) });
      return true;
    },

    async retryMessages(ids) {
      await call('outbox.retry', { ids });
      await reloadAll();
    },

    async cancelMessages(ids) {
      await call('outbox.cancel', { ids });
      await reloadAll();
    },

    async resendUnknown(id, provider) {
      await call('outbox.resendUnknown', { id, provider });
      await reloadAll();
    },

    async markSent(id) {
      await call('outbox.markSent', { id });
      await reloadAll();
    },

    async setBatchPaused(batchId, paused) {
      const status = await call(paused ? 'sync.pause' : 'sync.resume', { batchId });
      get().setSync(status);
      await get().loadBatches();
    },

    async cancelBatch(batchId) {
      await call('outbox.cancelBatch', { batchId });
      await reloadAll();
    },
  };
};
