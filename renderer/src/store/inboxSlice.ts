import type { StateCreator } from 'zustand';
import { call } from '../api/client';
import type { Store } from './store';

export interface InboxSlice {
  /** Replies nobody has read yet, for the menu; null until known (or when this person may not read the inbox). */
  unreadReplies: number | null;
  loadUnreadReplies(): Promise<void>;
  setUnreadReplies(unread: number): void;
}

export const createInboxSlice: StateCreator<Store, [], [], InboxSlice> = (set) => ({
  unreadReplies: null,

  async loadUnreadReplies() {
    try {
      set({ unreadReplies: (await call('inbox.conversations', { limit: 1 })).unread });
    } catch {
      set({ unreadReplies: null });
    }
  },

  setUnreadReplies(unread) {
    set({ unreadReplies: unread });
  },
});
