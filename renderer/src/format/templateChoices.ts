import type { Channel, TemplateSummary } from '../../../shared/contract';
import type { SelectOption } from '../components/Select';
import { channelLabels } from './channels';

/** A select's options for the templates a person can use (not archived), by name; of one type, or each with its type. */
export function templateChoices(templates: readonly TemplateSummary[], type?: Channel): SelectOption[] {
  return [
    { value: '', label: 'Choose a template' },
    ...templates
      .filter((template) => !template.archived && (type === undefined || template.type === type))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((template) => ({
        value: template.id,
        label: type ? template.name : `${template.name} (${channelLabels[template.type]})`,
      })),
  ];
}
