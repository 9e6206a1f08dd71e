import { useEffect, useState } from 'react';
import type { RecordMessage } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SummaryListRow } from '../../components/SummaryList';
import { formatDateTime } from '../../format/dates';
import { usePageTitle } from '../../hooks/usePageTitle';
import { href } from '../../routing/route';
import { sentMessagesHref } from './recordFilterUrl';

const ORIGIN_WORDS = {
  desk: 'This desk',
  'other-desk': 'Another notify-desk',
  elsewhere: 'Elsewhere (the API or Notify’s website)',
} as const;

function cost(message: RecordMessage): string {
  const parts: string[] = [];
  if (message.billableUnits !== null) {
    parts.push(
      message.type === 'letter'
        ? `${message.billableUnits} sheets of paper`
        : `${message.billableUnits} text message parts`,
    );
  }
  if (message.postage) parts.push(`${message.postage} class postage`);
  if (message.costInPounds !== null) parts.push(`£${message.costInPounds.toFixed(2)}`);
  return parts.length > 0 ? parts.join(', ') : 'Not known yet';
}

/** Everything the record holds about one message, and the timeline of its states. */
export function MessageDetailPage({ id }: { id: string }) {
  usePageTitle('Message');
  const [message, setMessage] = useState<RecordMessage | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    call('record.get', { id })
      .then(setMessage)
      .catch((error: unknown) => setProblem(errorMessage(error)));
  }, [id]);

  return (
    <>
      <a className="govuk-back-link" href={href('sent')}>
        Sent messages
      </a>
      <h1 className="govuk-heading-l">Message to {message ? message.recipient.split('\n')[0] : '…'}</h1>
      {problem && <ErrorBanner message={problem} />}
      {message && (
        <>
          <dl className="govuk-summary-list" data-testid="message-detail">
            <SummaryListRow label="Status">{message.statusText}</SummaryListRow>
            <SummaryListRow label="Recipient" preserveLines>
              {message.recipient}
            </SummaryListRow>
            <SummaryListRow label="Reference">{message.reference ?? '–'}</SummaryListRow>
            <SummaryListRow label="Template">
              {message.templateName ?? '–'}
              {message.templateVersion !== null && ` (version ${message.templateVersion})`}
            </SummaryListRow>
            <SummaryListRow label="Sent by">{message.sentBy ?? 'Not known'}</SummaryListRow>
            <SummaryListRow label="Sent from">{ORIGIN_WORDS[message.origin]}</SummaryListRow>
            {message.spreadsheet && (
              <SummaryListRow label="Spreadsheet">
                <a className="govuk-link" href={sentMessagesHref({ batchId: message.batchId ?? undefined })}>
                  {message.spreadsheet}
                </a>
                {message.rowNumber !== null && `, row ${message.rowNumber}`}
              </SummaryListRow>
            )}
            <SummaryListRow label="Notify ID">{message.notifyId ?? '–'}</SummaryListRow>
            <SummaryListRow label="Cost">{cost(message)}</SummaryListRow>
            <SummaryListRow label="Sent">{formatDateTime(message.createdAt)}</SummaryListRow>
            {message.subject && <SummaryListRow label="Subject">{message.subject}</SummaryListRow>}
            <SummaryListRow label="Content" preserveLines>
              {message.body ?? 'Notify did not give the content.'}
            </SummaryListRow>
          </dl>
          <h2 className="govuk-heading-m">What happened</h2>
          <ol className="govuk-list" data-testid="message-timeline">
            {message.timeline.map((entry, index) => (
              <li key={index}>
                <strong>{formatDateTime(entry.at)}</strong>: {entry.text}
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
