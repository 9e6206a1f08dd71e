import type { MessagePreview } from '../../../shared/contract';

export function EmailPreview({ preview }: { preview: MessagePreview }) {
  return (
    <div className="nd-email">
      <dl className="govuk-summary-list govuk-summary-list--no-border nd-email__headers">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Subject</dt>
          <dd className="govuk-summary-list__value">{preview.subject}</dd>
        </div>
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
