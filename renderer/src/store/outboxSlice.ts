import type { StateCreator } from 'zustand';
import type { MessageState, OutboxCounts, OutboxMessage } from '../../../shared/contract';
import { call, errorMessage } from '../api/client';
import type { Store } from './store';

export const outboxPageSize = 100;

export interface OutboxSlice {
  messages: OutboxMessage[];
  total: number;
  counts: OutboxCounts | null;
  /** Which states the table shows; empty means all. */
  stateFilter: MessageState[];
  outboxLoaded: boolean;
  outboxError: string | null;
  loadOutbox(): Promise<void>;
  loadCounts(): Promise<void>;
  setStateFilter(states: MessageState[]): void;
  setCounts(counts: OutboxCounts): void;
  /** Puts a message the core says changed in place; false when it is not on the page (or no longer belongs there). */
  replaceMessage(message: OutboxMessage): boolean;
  retryMessages(ids: string[]): Promise<void>;
  cancelMessages(ids: string[]): Promise<void>;
}

export const createOutboxSlice: StateCreator<Store, [], [], OutboxSlice> = (set, get) => ({
  messages: [],
  total: 0,
  counts: null,
  stateFilter: [],
  outboxLoaded: false,
  outboxError: null,

  async loadOutbox() {
    const states = get().stateFilter;
    try {
      const page = await call('outbox.list', { states: states.length > 0 ? states : undefined, limit: outboxPageSize });
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

  setStateFilter(states) {
    set({ stateFilter: states });
    void get().loadOutbox();
  },

  setCounts(counts) {
    set({ counts });
  },

  replaceMessage(message) {
    const { messages, stateFilter } = get();
    const index = messages.findIndex((shown) => shown.id === message.id);
    const stillMatches = stateFilter.length === 0 || stateFilter.includes(message.state);
    if (index < 0 || !stillMatches) return false;
    set({ messages: messages.with(index, message) });
    return true;
  },

  async retryMessages(ids) {
    await call('outbox.retry', { ids });
    await Promise.all([get().loadOutbox(), get().loadCounts()]);
  },

  async cancelMessages(ids) {
    await call('outbox.cancel', { ids });
    await Promise.all([get().loadOutbox(), get().loadCounts()]);
  },
});
