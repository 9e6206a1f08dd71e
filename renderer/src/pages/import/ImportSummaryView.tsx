import type { Channel, ImportCheckReport } from '../../../../shared/contract';

const number = (value: number): string => value.toLocaleString('en-GB');
const nouns: Record<Channel, string> = { sms: 'text messages', email: 'emails', letter: 'letters' };

/** How many messages the file makes, what they cost in fragments, and where that leaves the service's daily limit. */
export function ImportSummaryView({ report }: { report: ImportCheckReport }) {
  const { messages, fragments, dailyLimit, alreadyToday, overDailyLimit } = report.summary;
  const noun = nouns[report.type];
  const leftToday = Math.max(dailyLimit - alreadyToday, 0);
  const sentToday = Math.min(messages, leftToday);
  return (
    <section aria-labelledby="import-summary-heading">
      <h2 className="govuk-heading-m" id="import-summary-heading">What this file will send</h2>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Messages</dt>
          <dd className="govuk-summary-list__value">{number(messages)} {noun}</dd>
        </div>
        {fragments !== null && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Text message fragments</dt>
            <dd className="govuk-summary-list__value">{number(fragments)} in total, charged by Notify</dd>
          </div>
        )}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Daily limit</dt>
          <dd className="govuk-summary-list__value">{number(dailyLimit)} {noun} a day</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Already in the outbox for today</dt>
          <dd className="govuk-summary-list__value">{number(alreadyToday)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">The service can still send today</dt>
          <dd className="govuk-summary-list__value">{number(leftToday)}</dd>
        </div>
      </dl>
      {overDailyLimit && (
        <div className="govuk-warning-text" data-testid="daily-limit-warning">
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This batch goes past the daily limit: {number(sentToday)} of its {number(messages)} {noun} can be sent today, and the
            other {number(messages - sentToday)} wait until tomorrow.
          </strong>
        </div>
      )}
    </section>
  );
}
