import { useEffect, useState } from 'react';
import type { TemplateDetail, TemplateVersion } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SummaryListRow } from '../../components/SummaryList';
import { formatDateTime } from '../../format/dates';
import { href } from '../../routing/route';
import { usePageTitle } from '../../hooks/usePageTitle';
import { TemplateContentList } from './TemplateContentList';

const postageLabels = { first: 'First class', second: 'Second class', economy: 'Economy' } as const;

export function TemplateVersionsPage({ templateId }: { templateId: string }) {
  const [template, setTemplate] = useState<TemplateDetail | null>(null);
  const [versions, setVersions] = useState<TemplateVersion[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  usePageTitle('Version history');

  useEffect(() => {
    Promise.all([call('templates.get', { id: templateId }), call('templates.versions', { id: templateId })]).then(
      ([loaded, history]) => {
        setTemplate(loaded);
        setVersions([...history].sort((a, b) => b.version - a.version));
      },
      (error: unknown) => setProblem(errorMessage(error)),
    );
  }, [templateId]);

  return (
    <>
      <a href={href('templates', templateId, 'edit')} className="govuk-back-link">
        Back
      </a>
      {problem && <ErrorBanner message={problem} />}
      {template && <span className="govuk-caption-l">{template.name}</span>}
      <h1 className="govuk-heading-l">Version history</h1>
      {versions?.map((version) => (
        <section key={version.version} className="nd-version" aria-labelledby={`version-${version.version}`}>
          <h2 className="govuk-heading-m" id={`version-${version.version}`}>
            Version {version.version}
            {template && version.version === template.currentVersion && (
              <strong className="govuk-tag govuk-tag--green nd-tag-after">Current</strong>
            )}
          </h2>
          <p className="govuk-body-s govuk-hint">
            Saved {formatDateTime(version.createdAt)} by {version.createdBy}
          </p>
          <TemplateContentList version={version}>
            {version.letterContactBlock !== null && (
              <SummaryListRow label="Contact block" preserveLines>
                {version.letterContactBlock}
              </SummaryListRow>
            )}
            {version.postage !== null && (
              <SummaryListRow label="Postage">{postageLabels[version.postage]}</SummaryListRow>
            )}
          </TemplateContentList>
        </section>
      ))}
    </>
  );
}
