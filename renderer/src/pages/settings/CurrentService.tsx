import type { AppStatus, ServiceSummary } from '../../../../shared/contract';
import { SummaryListRow } from '../../components/SummaryList';
import { formatCount } from '../../format/numbers';

const keyStatusLooks = {
  ok: { label: 'Key accepted', tagClass: 'govuk-tag--green' },
  unchecked: { label: 'Not checked yet', tagClass: 'govuk-tag--yellow' },
  rejected: { label: 'Key refused', tagClass: 'govuk-tag--red' },
} as const;

function describePassThrough(templatesCheckedAt: string | null, passThrough: number): string {
  if (templatesCheckedAt === null)
    return 'The service’s templates will be looked up as soon as Notify answers; until then messages wait in the queue';
  if (passThrough === 0) return 'No pass-through templates on the service';
  return `Sent through ${passThrough} pass-through ${passThrough === 1 ? 'template' : 'templates'}`;
}

const keyTypeWords = {
  live: 'Live key: sends messages to anyone',
  team: 'Team and guest list key: sends only to your team and guest list',
  test: 'Test key: Notify accepts messages but never delivers them',
} as const;

export function CurrentService({
  service,
  providedKey,
}: {
  service: ServiceSummary;
  providedKey: AppStatus['providedKey'];
}) {
  const keyStatus = keyStatusLooks[service.keyStatus];
  const passThrough = [
    service.passThroughTemplates.sms,
    service.passThroughTemplates.email,
    service.passThroughTemplates.letter,
  ].filter(Boolean).length;
  return (
    <dl className="govuk-summary-list">
      <SummaryListRow label="Service">{service.name}</SummaryListRow>
      <SummaryListRow label="Address">{service.baseUrl}</SummaryListRow>
      <SummaryListRow label="API key">
        <strong className={`govuk-tag ${keyStatus.tagClass}`}>{keyStatus.label}</strong>
        {service.keyStatusMessage && <span className="nd-block govuk-body-s">{service.keyStatusMessage}</span>}
        <span className="nd-block govuk-body-s" data-testid="key-type">
          {keyTypeWords[service.keyType]}
        </span>
        <span className="nd-block govuk-body-s" data-testid="key-location">
          {service.keyLocation === 'keychain'
            ? 'Kept in this computer’s keychain, and nowhere else.'
            : `Read from ${providedKey?.describedAs ?? 'where IT provides it'} for as long as the desk runs: the desk never stores it.`}
        </span>
      </SummaryListRow>
      <SummaryListRow label="Templates written on this desk">
        {describePassThrough(service.templatesCheckedAt, passThrough)}
      </SummaryListRow>
      <SummaryListRow label="Sending speed">
        Up to {formatCount(service.rateLimitPerMinute)} messages a minute
      </SummaryListRow>
    </dl>
  );
}
