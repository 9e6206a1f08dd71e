import { SummaryListRow } from './SummaryList';
import type { MessagePreview } from '../../../shared/contract';

export function EmailPreview({ preview }: { preview: MessagePreview }) {
  return (
    <div className="nd-email">
      <dl className="govuk-summary-list govuk-summary-list--no-border nd-email__headers">
        <SummaryListRow label="Subject">{preview.subject}</SummaryListRow>
      </dl>
      {preview.html !== null ? (
        // No allow-scripts and no allow-same-origin: the email cannot run code or reach the app.
        <iframe className="nd-email__frame" title="Email preview" sandbox="" srcDoc={preview.html} />
      ) : (
        <div className="nd-email__text">{preview.body}</div>
      )}
    </div>
  );
}
