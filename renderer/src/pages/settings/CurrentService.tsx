import type { ServiceSummary } from '../../../../shared/contract';

const keyStatusLooks = {
  ok: { label: 'Key accepted', tagClass: 'govuk-tag--green' },
  unchecked: { label: 'Not checked yet', tagClass: 'govuk-tag--yellow' },
  rejected: { label: 'Key refused', tagClass: 'govuk-tag--red' },
} as const;

export function CurrentService({ service }: { service: ServiceSummary }) {
  const keyStatus = keyStatusLooks[service.keyStatus];
  const passThrough = [service.passThroughTemplates.sms, service.passThroughTemplates.email, service.passThroughTemplates.letter].filter(Boolean).length;
  return (
    <dl className="govuk-summary-list">
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Service</dt>
        <dd className="govuk-summary-list__value">{service.name}</dd>
      </div>
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Address</dt>
        <dd className="govuk-summary-list__value">{service.baseUrl}</dd>
      </div>
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">API key</dt>
        <dd className="govuk-summary-list__value">
          <strong className={`govuk-tag ${keyStatus.tagClass}`}>{keyStatus.label}</strong>
          {service.keyStatusMessage && <span className="nd-block govuk-body-s">{service.keyStatusMessage}</span>}
        </dd>
      </div>
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Templates written on this desk</dt>
        <dd className="govuk-summary-list__value">{passThrough > 0 ? `Sent through ${passThrough} pass-through ${passThrough === 1 ? 'template' : 'templates'}` : 'No pass-through templates set'}</dd>
      </div>
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Sending speed</dt>
        <dd className="govuk-summary-list__value">Up to {service.rateLimitPerMinute.toLocaleString('en-GB')} messages a minute</dd>
      </div>
    </dl>
  );
}
