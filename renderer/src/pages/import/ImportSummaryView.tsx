import type { Channel, ImportCheckReport } from '../../../../shared/contract';
import { SummaryListRow } from '../../components/SummaryList';
import { formatCount } from '../../format/numbers';

const nouns: Record<Channel, string> = { sms: 'text messages', email: 'emails', letter: 'letters' };

/** How many messages the file makes, what they cost in fragments, and where that leaves the service's daily limit. */
export function ImportSummaryView({ report }: { report: ImportCheckReport }) {
  const { messages, fragments, dailyLimit, alreadyToday, overDailyLimit } = report.summary;
  const noun = nouns[report.type];
  const leftToday = Math.max(dailyLimit - alreadyToday, 0);
  const sentToday = Math.min(messages, leftToday);
  return (
    <section aria-labelledby="import-summary-heading">
      <h2 className="govuk-heading-m" id="import-summary-heading">
        What this file will send
      </h2>
      <dl className="govuk-summary-list">
        <SummaryListRow label="Messages">
          {formatCount(messages)} {noun}
        </SummaryListRow>
        {fragments !== null && (
          <SummaryListRow label="Text message fragments">
            {formatCount(fragments)} in total, charged by Notify
          </SummaryListRow>
        )}
        <SummaryListRow label="Daily limit">
          {formatCount(dailyLimit)} {noun} a day
        </SummaryListRow>
        <SummaryListRow label="Already in the outbox for today">{formatCount(alreadyToday)}</SummaryListRow>
        <SummaryListRow label="The service can still send today">{formatCount(leftToday)}</SummaryListRow>
      </dl>
      {overDailyLimit && (
        <div className="govuk-warning-text" data-testid="daily-limit-warning">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This batch goes past the daily limit: {formatCount(sentToday)} of its {formatCount(messages)} {noun} can be
            sent today, and the other {formatCount(messages - sentToday)} wait until tomorrow.
          </strong>
        </div>
      )}
    </section>
  );
}
