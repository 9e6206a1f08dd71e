import { useEffect, useState } from 'react';
import {
  smsFreeAllowances,
  type Channel,
  type DashboardPeriod,
  type RecordDashboard,
} from '../../../../shared/contract';
import { call, errorMessage, subscribe } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Select } from '../../components/Select';
import { TableHead } from '../../components/TableHead';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { usePageTitle } from '../../hooks/usePageTitle';
import { sentMessagesHref } from './recordFilterUrl';
import './dashboard.css';

const CHANNELS: readonly Channel[] = ['email', 'sms', 'letter'];
const CHANNEL_WORDS: Record<Channel, string> = { sms: 'Text messages', email: 'Emails', letter: 'Letters' };

function PeriodTable({ period }: { period: DashboardPeriod }) {
  const link = (type: Channel, status?: 'delivering' | 'delivered' | 'failed') =>
    sentMessagesHref({ type, status, period: period.period });
  return (
    <table className="govuk-table" data-testid={`dashboard-${period.period}`}>
      <caption className="govuk-table__caption govuk-table__caption--m">{period.label}</caption>
      <TableHead columns={['', 'Requested', 'Delivering', 'Delivered', 'Failed']} />
      <tbody className="govuk-table__body">
        {CHANNELS.map((type) => {
          const figures = period.byChannel[type];
          return (
            <tr className="govuk-table__row" key={type}>
              <th scope="row" className="govuk-table__header">
                {CHANNEL_WORDS[type]}
              </th>
              <td className="govuk-table__cell">
                <a className="govuk-link" href={link(type)}>
                  {formatCount(figures.requested)}
                </a>
              </td>
              <td className="govuk-table__cell">
                <a className="govuk-link" href={link(type, 'delivering')}>
                  {formatCount(figures.delivering)}
                </a>
              </td>
              <td className="govuk-table__cell">
                <a className="govuk-link" href={link(type, 'delivered')}>
                  {formatCount(figures.delivered)}
                </a>
              </td>
              <td className="govuk-table__cell">
                <a className="govuk-link" href={link(type, 'failed')}>
                  {formatCount(figures.failed)}
                </a>{' '}
                ({figures.failureRate}%)
                {figures.failureWarning && (
                  <strong className="govuk-tag govuk-tag--red nd-dashboard__warning">More than 3% failed</strong>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Sent, delivered and failed for the last 30 days: bars for the eye, the same figures as a table for everyone. */
function DailyChart({ daily }: { daily: RecordDashboard['daily'] }) {
  const most = Math.max(1, ...daily.map((day) => day.sent));
  return (
    <>
      <h2 className="govuk-heading-m">The last 30 days</h2>
      <div className="nd-dashboard__chart" aria-hidden="true">
        {daily.map((day) => (
          <div
            className="nd-dashboard__day"
            key={day.date}
            title={`${day.date}: ${day.sent} sent, ${day.delivered} delivered, ${day.failed} failed`}
          >
            <span
              className="nd-dashboard__bar nd-dashboard__bar--sent"
              style={{ height: `${(day.sent / most) * 100}%` }}
            />
            <span
              className="nd-dashboard__bar nd-dashboard__bar--delivered"
              style={{ height: `${(day.delivered / most) * 100}%` }}
            />
            <span
              className="nd-dashboard__bar nd-dashboard__bar--failed"
              style={{ height: `${(day.failed / most) * 100}%` }}
            />
          </div>
        ))}
      </div>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">The figures for each day</span>
        </summary>
        <div className="govuk-details__text">
          <table className="govuk-table" data-testid="dashboard-daily">
            <TableHead columns={['Day', 'Sent', 'Delivered', 'Failed']} />
            <tbody className="govuk-table__body">
              {daily.map((day) => (
                <tr className="govuk-table__row" key={day.date}>
                  <th scope="row" className="govuk-table__header">
                    {day.date}
                  </th>
                  <td className="govuk-table__cell">{formatCount(day.sent)}</td>
                  <td className="govuk-table__cell">{formatCount(day.delivered)}</td>
                  <td className="govuk-table__cell">{formatCount(day.failed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

/** The supervisor's first screen: what the whole service sent, delivered and failed, usage and allowances. */
export function DashboardPage() {
  usePageTitle('Dashboard');
  const [dashboard, setDashboard] = useState<RecordDashboard | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [refreshes, setRefreshes] = useState(0);
  useEffect(() => subscribe('record.changed', () => setRefreshes((n) => n + 1)), []);
  useEffect(() => {
    call('record.dashboard', {})
      .then(setDashboard)
      .catch((error: unknown) => setProblem(errorMessage(error)));
  }, [refreshes]);

  const [harvest, setHarvest] = useState<string | null>(null);
  async function harvestNow(): Promise<void> {
    setProblem(null);
    setHarvest('Reading Notify’s list of messages…');
    try {
      const report = await call('record.harvest', {});
      setHarvest(
        `Notify listed ${formatCount(report.seen)} messages: ${formatCount(report.adopted)} sent elsewhere were added, ${formatCount(report.statusesChanged)} statuses changed.`,
      );
      setRefreshes((n) => n + 1);
    } catch (error) {
      setHarvest(null);
      setProblem(errorMessage(error));
    }
  }

  async function setAllowance(value: string): Promise<void> {
    try {
      await call('record.setSmsAllowance', { allowance: Number(value) });
      setRefreshes((n) => n + 1);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <>
      <h1 className="govuk-heading-l">Dashboard</h1>
      {problem && <ErrorBanner message={problem} />}
      {dashboard && (
        <>
          <p className="govuk-body-s govuk-hint">
            {dashboard.lastHarvestAt
              ? `Notify’s list last read ${formatDateTime(dashboard.lastHarvestAt)}.`
              : 'Notify’s list has not been read yet.'}
          </p>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void harvestNow()}>
            Read Notify’s list now
          </button>
          {harvest && (
            <p className="govuk-body" role="status">
              {harvest}
            </p>
          )}
          {dashboard.periods.map((period) => (
            <PeriodTable period={period} key={period.period} />
          ))}
          {dashboard.statusUnknown > 0 && (
            <p className="govuk-body">
              <a className="govuk-link" href={sentMessagesHref({ status: 'status-unknown' })}>
                {formatCount(dashboard.statusUnknown)} messages
              </a>{' '}
              have no final status: Notify stopped listing them before the desk saw one.
            </p>
          )}
          <h2 className="govuk-heading-m">Today’s usage</h2>
          <p className="govuk-body-s govuk-hint">Notify’s daily limits reset at midnight UTC.</p>
          <ul className="govuk-list">
            {dashboard.dailyUsage.map((usage) => (
              <li key={usage.channel}>
                {CHANNEL_WORDS[usage.channel]}: {formatCount(usage.sent)}
                {usage.limit !== null && ` of ${formatCount(usage.limit)} a day`}
              </li>
            ))}
          </ul>
          <h2 className="govuk-heading-m">This financial year</h2>
          <p className="govuk-body">
            {formatCount(dashboard.smsPartsThisYear)} text message parts sent;{' '}
            {formatCount(dashboard.smsFreeAllowanceLeft)} of {formatCount(dashboard.smsFreeAllowance)} free text message
            parts left.
          </p>
          <Select
            id="sms-allowance"
            label="Free text message parts a year"
            hint="Set by your organisation type in Notify's pricing"
            value={String(dashboard.smsFreeAllowance)}
            onChange={(value) => void setAllowance(value)}
            options={smsFreeAllowances.map((allowance) => ({
              value: String(allowance),
              label: formatCount(allowance),
            }))}
          />
          <ul className="govuk-list">
            {dashboard.lettersThisYear.map((letters) => (
              <li key={letters.postage}>
                {formatCount(letters.count)} letters, {letters.postage || 'unknown'} postage
              </li>
            ))}
          </ul>
          <h2 className="govuk-heading-m">Templates used in the last 7 days</h2>
          <table className="govuk-table">
            <TableHead columns={['Template', 'Type', 'Messages']} />
            <tbody className="govuk-table__body">
              {dashboard.templateUsage.map((usage) => (
                <tr className="govuk-table__row" key={`${usage.type}:${usage.templateName}`}>
                  <td className="govuk-table__cell">
                    <a
                      className="govuk-link"
                      href={sentMessagesHref({ template: usage.templateName || undefined, period: 'last-7-days' })}
                    >
                      {usage.templateName || 'Not known'}
                    </a>
                  </td>
                  <td className="govuk-table__cell">{CHANNEL_WORDS[usage.type]}</td>
                  <td className="govuk-table__cell">{formatCount(usage.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2 className="govuk-heading-m">Spreadsheets this week</h2>
          <ul className="govuk-list">
            {dashboard.batchesThisWeek.map((batch) => (
              <li key={batch.batchId}>
                <a className="govuk-link" href={sentMessagesHref({ batchId: batch.batchId })}>
                  {batch.fileName}
                </a>
                : {formatCount(batch.total)} messages, {formatCount(batch.delivered)} delivered,{' '}
                {formatCount(batch.failed)} failed, {formatCount(batch.delivering)} delivering
              </li>
            ))}
          </ul>
          <DailyChart daily={dashboard.daily} />
        </>
      )}
    </>
  );
}
