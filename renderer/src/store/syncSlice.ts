import type { StateCreator } from 'zustand';
import type { SyncStatus } from '../../../shared/contract';
import { call, errorMessage } from '../api/client';
import type { Store } from './store';

export interface SyncSlice {
  sync: SyncStatus | null;
  syncError: string | null;
  loadSync(): Promise<void>;
  setSync(status: SyncStatus): void;
  pauseSync: () => Promise<void>;
  resumeSync: () => Promise<void>;
  syncNow: () => Promise<void>;
}

export const createSyncSlice: StateCreator<Store, [], [], SyncSlice> = (set) => {
  async function run(action: () => Promise<SyncStatus>): Promise<void> {
    try {
      set({ sync: await action(), syncError: null });
    } catch (error) {
      set({ syncError: errorMessage(error) });
    }
  }

  return {
    sync: null,
    syncError: null,
    loadSync: () => run(() => call('sync.status', {})),
    setSync: (status) => set({ sync: status }),
    pauseSync: () => run(() => call('sync.pause', {})),
    resumeSync: () => run(() => call('sync.resume', {})),
    syncNow: () => run(() => call('sync.now', {})),
  };
};
