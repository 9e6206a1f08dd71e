import { useEffect, useState } from 'react';
import type { TemplateDetail } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { href, navigate } from '../../routing/route';
import { useStore } from '../../store/store';
import { usePageTitle } from '../../hooks/usePageTitle';

export function ArchiveTemplatePage({ templateId }: { templateId: string }) {
  const loadTemplates = useStore((store) => store.loadTemplates);
  const [template, setTemplate] = useState<TemplateDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [archiving, setArchiving] = useState(false);
  usePageTitle('Archive template');

  useEffect(() => {
    call('templates.get', { id: templateId }).then(setTemplate, (error: unknown) => setProblem(errorMessage(error)));
  }, [templateId]);

  async function archive(): Promise<void> {
    setArchiving(true);
    try {
      await call('templates.archive', { id: templateId });
      await loadTemplates();
      navigate(href('templates'));
    } catch (error) {
      setProblem(errorMessage(error));
      setArchiving(false);
    }
  }

  return (
    <>
      <a href={href('templates', templateId, 'edit')} className="govuk-back-link">
        Back
      </a>
      {problem && <ErrorBanner message={problem} />}
      {template && (
        <>
          <h1 className="govuk-heading-l">Are you sure you want to archive ‘{template.name}’?</h1>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              Nobody will be able to send messages with it. Messages already in the outbox are still sent.
            </strong>
          </div>
          <div className="govuk-button-group">
            <button
              type="button"
              className="govuk-button govuk-button--warning"
              disabled={archiving}
              onClick={() => void archive()}
            >
              Yes, archive this template
            </button>
            <a className="govuk-link" href={href('templates', templateId, 'edit')}>
              Cancel
            </a>
          </div>
        </>
      )}
    </>
  );
}
