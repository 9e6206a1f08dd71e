import type { StateCreator } from 'zustand';
import type { AppStatus, HandlerInput, ServiceSummary } from '../../../shared/contract';
import { call, errorMessage } from '../api/client';
import type { Store } from './store';

export interface AppSlice {
  status: AppStatus | null;
  statusError: string | null;
  loadStatus(): Promise<void>;
  /** Throws the core's message when Notify refuses the key; returns the warning to show when it was saved unchecked. */
  configureService: (
    args: HandlerInput<'services.configure'>,
  ) => Promise<{ service: ServiceSummary; warning: string | null }>;
  removeService: () => Promise<void>;
}

export const createAppSlice: StateCreator<Store, [], [], AppSlice> = (set, get) => ({
  status: null,
  statusError: null,

  async loadStatus() {
    try {
      set({ status: await call('app.status', {}), statusError: null });
    } catch (error) {
      set({ statusError: errorMessage(error) });
    }
  },

  async configureService(args) {
    const result = await call('services.configure', args);
    await get().loadStatus();
    return result;
  },

  async removeService() {
    set({ status: await call('services.remove', {}) });
  },
});
