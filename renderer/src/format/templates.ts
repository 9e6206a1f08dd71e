import type { TemplateSummary } from '../../../shared/contract';
import { channelLabels } from './channels';

/** Where a template lives, in the words every list uses. */
export const templateSourceLabels: Record<TemplateSummary['source'], string> = {
  local: 'On this desk',
  notify: 'From Notify',
};

const sourceInList: Record<TemplateSummary['source'], string> = { local: 'on this desk', notify: 'from Notify' };

/** A template as a choice in a list: its name, type and where it lives, so two of the same name cannot be confused. */
export function templateOptionLabel(template: Pick<TemplateSummary, 'name' | 'type' | 'source'>): string {
  return `${template.name} (${channelLabels[template.type].toLowerCase()}, ${sourceInList[template.source]})`;
}
