import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './appSlice';
import { createInboxSlice, type InboxSlice } from './inboxSlice';
import { createOutboxSlice, type OutboxSlice } from './outboxSlice';
import { createSyncSlice, type SyncSlice } from './syncSlice';
import { createTemplatesSlice, type TemplatesSlice } from './templatesSlice';

export type Store = AppSlice & TemplatesSlice & OutboxSlice & SyncSlice & InboxSlice;

export const useStore = create<Store>()((...slice) => ({
  ...createAppSlice(...slice),
  ...createTemplatesSlice(...slice),
  ...createOutboxSlice(...slice),
  ...createSyncSlice(...slice),
  ...createInboxSlice(...slice),
}));
