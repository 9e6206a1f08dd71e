import type { ServiceSummary } from '../../../../shared/contract';
import { SummaryListRow } from '../../components/SummaryList';
import { formatCount } from '../../format/numbers';

const keyStatusLooks = {
  ok: { label: 'Key accepted', tagClass: 'govuk-tag--green' },
  unchecked: { label: 'Not checked yet', tagClass: 'govuk-tag--yellow' },
  rejected: { label: 'Key refused', tagClass: 'govuk-tag--red' },
} as const;

function describePassThrough(templatesCheckedAt: string | null, passThrough: number): string {
  if (templatesCheckedAt === null) return 'The service’s templates will be looked up as soon as Notify answers; until then messages wait in the queue';
  if (passThrough === 0) return 'No pass-through templates on the service';
  return `Sent through ${passThrough} pass-through ${passThrough === 1 ? 'template' : 'templates'}`;
}

export function CurrentService({ service }: { service: ServiceSummary }) {
  const keyStatus = keyStatusLooks[service.keyStatus];
  const passThrough = [service.passThroughTemplates.sms, service.passThroughTemplates.email, service.passThroughTemplates.letter].filter(Boolean).length;
  return (
    <dl className="govuk-summary-list">
      <SummaryListRow label="Service">{service.name}</SummaryListRow>
      <SummaryListRow label="Address">{service.baseUrl}</SummaryListRow>
      <SummaryListRow label="API key">
        <strong className={`govuk-tag ${keyStatus.tagClass}`}>{keyStatus.label}</strong>
        {service.keyStatusMessage && <span className="nd-block govuk-body-s">{service.keyStatusMessage}</span>}
      </SummaryListRow>
      <SummaryListRow label="Templates written on this desk">{describePassThrough(service.templatesCheckedAt, passThrough)}</SummaryListRow>
      <SummaryListRow label="Sending speed">Up to {formatCount(service.rateLimitPerMinute)} messages a minute</SummaryListRow>
    </dl>
  );
}
