import type { StateCreator } from 'zustand';
import type { TemplateSummary } from '../../../shared/contract';
import { call, errorMessage } from '../api/client';
import type { Store } from './store';

export interface TemplatesSlice {
  /** Every template, archived ones included: pages filter what they show. */
  templates: TemplateSummary[];
  templatesLoaded: boolean;
  templatesError: string | null;
  loadTemplates: () => Promise<void>;
}

export const createTemplatesSlice: StateCreator<Store, [], [], TemplatesSlice> = (set) => ({
  templates: [],
  templatesLoaded: false,
  templatesError: null,

  async loadTemplates() {
    try {
      const templates = await call('templates.list', { includeArchived: true });
      set({ templates, templatesLoaded: true, templatesError: null });
    } catch (error) {
      set({ templatesError: errorMessage(error) });
    }
  },
});
