import type { ReactNode } from 'react';
import type { TemplateVersion } from '../../../../shared/contract';
import { SummaryListRow } from '../../components/SummaryList';

/** A version's subject (when it has one) and message, then any further rows the page adds. */
export function TemplateContentList({
  version,
  children,
}: {
  version: Pick<TemplateVersion, 'subject' | 'body'>;
  children?: ReactNode;
}) {
  return (
    <dl className="govuk-summary-list">
      {version.subject !== null && <SummaryListRow label="Subject">{version.subject}</SummaryListRow>}
      <SummaryListRow label="Message" preserveLines>
        {version.body}
      </SummaryListRow>
      {children}
    </dl>
  );
}
