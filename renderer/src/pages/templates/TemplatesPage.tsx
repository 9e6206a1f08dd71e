import { useState } from 'react';
import { NotForYou, useMay } from '../../access/access';
import type { TemplateSummary } from '../../../../shared/contract';
import { Checkbox } from '../../components/Checkbox';
import { ErrorBanner } from '../../components/ErrorBanner';
import { NotificationBanner } from '../../components/NotificationBanner';
import { Select } from '../../components/Select';
import { channelLabels, channels, isChannel } from '../../format/channels';
import { formatDateTime } from '../../format/dates';
import { templateSourceLabels } from '../../format/templates';
import { href, navigate, useRoute } from '../../routing/route';
import { useStore } from '../../store/store';
import { usePageTitle } from '../../hooks/usePageTitle';
import { TableHead } from '../../components/TableHead';

const typeOptions = [
  { value: 'all', label: 'All types' },
  ...channels.map((channel) => ({ value: channel, label: channelLabels[channel] })),
];

function groupByFolder(templates: TemplateSummary[]): [string | null, TemplateSummary[]][] {
  const folders = new Map<string | null, TemplateSummary[]>();
  for (const template of templates) {
    folders.set(template.folder, [...(folders.get(template.folder) ?? []), template]);
  }
  return [...folders.entries()].sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a.localeCompare(b)));
}

export function TemplatesPage() {
  usePageTitle('Templates');
  const templates = useStore((store) => store.templates);
  const loaded = useStore((store) => store.templatesLoaded);
  const loadError = useStore((store) => store.templatesError);
  const savedId = useRoute().query.get('saved');
  const [typeFilter, setTypeFilter] = useState('all');
  const [showArchived, setShowArchived] = useState(false);
  const may = useMay();

  const shown = templates
    .filter((template) => showArchived || !template.archived)
    .filter((template) => !isChannel(typeFilter) || template.type === typeFilter)
    .sort((a, b) => a.name.localeCompare(b.name));
  const saved = savedId ? templates.find((template) => template.id === savedId) : undefined;

  return (
    <>
      {saved && <NotificationBanner id="saved-title" success heading={`‘${saved.name}’ was saved`} />}
      <h1 className="govuk-heading-l">Templates</h1>
      {loadError && <ErrorBanner message={loadError} />}
      {may('manage-templates') ? (
        <button type="button" className="govuk-button" onClick={() => navigate(href('templates', 'new'))}>
          Create a template
        </button>
      ) : (
        <NotForYou permission="manage-templates" />
      )}
      <div className="nd-filters">
        <Select
          id="template-type-filter"
          label="Show"
          value={typeFilter}
          options={typeOptions}
          onChange={setTypeFilter}
        />
        <Checkbox
          id="show-archived"
          label="Show archived templates"
          checked={showArchived}
          onChange={setShowArchived}
        />
      </div>
      {loaded && shown.length === 0 && (
        <p className="govuk-body">There are no templates to show. Create one to start sending.</p>
      )}
      {groupByFolder(shown).map(([folder, inFolder]) => (
        <TemplateTable key={folder ?? ''} folder={folder} templates={inFolder} canChange={may('manage-templates')} />
      ))}
    </>
  );
}

function TemplateTable({
  folder,
  templates,
  canChange,
}: {
  folder: string | null;
  templates: TemplateSummary[];
  canChange: boolean;
}) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">
        {folder === null ? 'Templates' : `Folder: ${folder}`}
      </caption>
      <TableHead columns={['Name', 'Type', 'Kept', 'Last changed']} />
      <tbody className="govuk-table__body">
        {templates.map((template) => (
          <tr className="govuk-table__row" key={template.id}>
            <td className="govuk-table__cell">
              <a className="govuk-link" href={href('templates', template.id, canChange ? 'edit' : 'versions')}>
                {template.name}
              </a>{' '}
              {template.archived && <strong className="govuk-tag govuk-tag--grey">Archived</strong>}
            </td>
            <td className="govuk-table__cell">{channelLabels[template.type]}</td>
            <td className="govuk-table__cell">
              <strong
                className={`govuk-tag ${template.source === 'local' ? 'govuk-tag--blue' : 'govuk-tag--turquoise'}`}
              >
                {templateSourceLabels[template.source]}
              </strong>
            </td>
            <td className="govuk-table__cell">
              {formatDateTime(template.updatedAt)} (version {template.currentVersion})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
