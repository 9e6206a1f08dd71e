import { useEffect, useState, type FormEvent } from 'react';
import { useMay } from '../../access/access';
import { recordPeriods, type RecordFilter, type RecordSearchResult } from '../../../../shared/contract';
import {
  bucketLabels,
  notificationStatuses,
  screenStatus,
  statusBuckets,
} from '../../../../shared/notify/notification-status';
import { call, errorMessage, subscribe } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Select } from '../../components/Select';
import { TableHead } from '../../components/TableHead';
import { TextInput } from '../../components/TextInput';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { usePageTitle } from '../../hooks/usePageTitle';
import { href, navigate, type Route } from '../../routing/route';
import { ExportControls } from './ExportControls';
import { filterFromQuery, sentMessagesHref } from './recordFilterUrl';

const CHANNEL_WORDS = { sms: 'Text message', email: 'Email', letter: 'Letter' } as const;
const PERIOD_WORDS = {
  today: 'Today',
  'last-7-days': 'Last 7 days',
  'this-month': 'This month',
  'this-financial-year': 'This financial year',
} as const;
const ORIGIN_WORDS = { desk: 'This desk', 'other-desk': 'Another desk', elsewhere: 'Sent elsewhere' } as const;

const statusOptions = [
  { value: '', label: 'Any status' },
  ...statusBuckets.map((bucket) => ({ value: bucket, label: `${bucketLabels[bucket]} (all)` })),
  ...notificationStatuses.map((status) => ({ value: status, label: `${status} (${screenStatus('sms', status)})` })),
];

/** The form's fields as typed, before they become the filter in the address. */
type Draft = Record<'search' | 'type' | 'status' | 'template' | 'sentBy' | 'period' | 'since' | 'until', string>;

const draftFrom = (filter: RecordFilter): Draft => ({
  search: filter.search ?? '',
  type: filter.type ?? '',
  status: filter.status ?? '',
  template: filter.template ?? '',
  sentBy: filter.sentBy ?? '',
  period: filter.since || filter.until ? 'custom' : (filter.period ?? ''),
  since: filter.since ?? '',
  until: filter.until ?? '',
});

function filterFromDraft(draft: Draft, kept: RecordFilter): RecordFilter {
  const custom = draft.period === 'custom';
  return {
    batchId: kept.batchId,
    reference: kept.reference,
    to: kept.to,
    spreadsheet: kept.spreadsheet,
    search: draft.search.trim() || undefined,
    type: (draft.type || undefined) as RecordFilter['type'],
    status: (draft.status || undefined) as RecordFilter['status'],
    template: draft.template.trim() || undefined,
    sentBy: draft.sentBy.trim() || undefined,
    period: custom || !draft.period ? undefined : (draft.period as RecordFilter['period']),
    since: custom ? draft.since || undefined : undefined,
    until: custom ? draft.until || undefined : undefined,
  };
}

/** The whole service's sent messages: search, filters in the address, counts per bucket, pages of 50, exports. */
export function SentMessagesPage({ route }: { route: Route }) {
  const may = useMay();
  usePageTitle('Sent messages');
  const { filter, problems } = filterFromQuery(route.query);
  const after = route.query.get('after') ?? undefined;
  const filterKey = JSON.stringify(filter);
  const [result, setResult] = useState<RecordSearchResult | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(filter));
  const [refreshes, setRefreshes] = useState(0);

  useEffect(() => setDraft(draftFrom(JSON.parse(filterKey) as RecordFilter)), [filterKey]);
  useEffect(() => subscribe('record.changed', () => setRefreshes((n) => n + 1)), []);
  useEffect(() => {
    let current = true;
    setLoadError(null);
    call('record.search', { filter: JSON.parse(filterKey) as RecordFilter, after })
      .then((found) => current && setResult(found))
      .catch((error: unknown) => current && setLoadError(errorMessage(error)));
    return () => {
      current = false;
    };
  }, [filterKey, after, refreshes]);

  function submit(event: FormEvent): void {
    event.preventDefault();
    navigate(sentMessagesHref(filterFromDraft(draft, filter)));
  }
  const set = (field: keyof Draft) => (value: string) => setDraft((current) => ({ ...current, [field]: value }));
  const counts = result?.counts;
  const bucketLink = (status: RecordFilter['status']) => sentMessagesHref({ ...filter, status });

  return (
    <>
      <h1 className="govuk-heading-l">Sent messages</h1>
      <p className="govuk-body">Every message of the service the desk has seen, kept after Notify deletes it.</p>
      {problems.length > 0 && (
        <ErrorBanner message={`Some filters in the address were not used: ${problems.join('; ')}`} />
      )}
      {loadError && <ErrorBanner message={loadError} />}
      <form onSubmit={submit} role="search" aria-label="Sent messages" className="govuk-!-margin-bottom-6">
        <TextInput
          id="record-search"
          label="Search by recipient, reference or spreadsheet name"
          hint="A phone number in any format, an email address, a reference, or part of a spreadsheet's name"
          value={draft.search}
          onChange={set('search')}
        />
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-quarter">
            <Select
              id="record-type"
              label="Type"
              value={draft.type}
              onChange={set('type')}
              options={[
                { value: '', label: 'Any type' },
                ...Object.entries(CHANNEL_WORDS).map(([value, label]) => ({ value, label })),
              ]}
            />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <Select
              id="record-status"
              label="Status"
              value={draft.status}
              onChange={set('status')}
              options={statusOptions}
            />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <TextInput id="record-template" label="Template" value={draft.template} onChange={set('template')} />
          </div>
          <div className="govuk-grid-column-one-quarter">
            {may('view-service-record') && (
              <TextInput id="record-sent-by" label="Sent by" value={draft.sentBy} onChange={set('sentBy')} />
            )}
          </div>
        </div>
        <Select
          id="record-period"
          label="When"
          value={draft.period}
          onChange={set('period')}
          options={[
            { value: '', label: 'Any time' },
            ...recordPeriods.map((period) => ({ value: period, label: PERIOD_WORDS[period] })),
            { value: 'custom', label: 'Between dates' },
          ]}
        />
        {draft.period === 'custom' && (
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-quarter">
              <TextInput id="record-since" label="From (YYYY-MM-DD)" value={draft.since} onChange={set('since')} />
            </div>
            <div className="govuk-grid-column-one-quarter">
              <TextInput id="record-until" label="To (YYYY-MM-DD)" value={draft.until} onChange={set('until')} />
            </div>
          </div>
        )}
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button">
            Search
          </button>
          <a className="govuk-link" href={href('sent')}>
            Clear filters
          </a>
        </div>
      </form>

      {counts && (
        <ul className="govuk-list nd-record-counts" aria-label="Messages by status">
          <li>
            <a className="govuk-link" href={bucketLink(undefined)}>
              {formatCount(counts.total)} total
            </a>
          </li>
          {statusBuckets.map((bucket) => (
            <li key={bucket}>
              <a
                className="govuk-link"
                href={bucketLink(bucket)}
                aria-current={filter.status === bucket ? 'true' : undefined}
              >
                {formatCount(counts[bucket])} {bucketLabels[bucket].toLowerCase()}
              </a>
            </li>
          ))}
        </ul>
      )}

      {may('export-record') && <ExportControls filter={filter} label="Download these messages" />}
      {may('export-record') && filter.batchId && (
        <ExportControls filter={{}} batchId={filter.batchId} label="Download the spreadsheet report" />
      )}

      {result && result.messages.length === 0 && <p className="govuk-body">No messages match this search.</p>}
      {result && result.messages.length > 0 && (
        <table className="govuk-table" data-testid="sent-messages">
          <caption className="govuk-table__caption govuk-visually-hidden">Sent messages, newest first</caption>
          <TableHead columns={['Recipient', 'Template', 'Status', 'Sent by', 'Time']} />
          <tbody className="govuk-table__body">
            {result.messages.map((message) => (
              <tr className="govuk-table__row" key={message.id}>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={href('sent', message.id)}>
                    {message.recipient.split('\n')[0]}
                  </a>
                  <br />
                  <span className="govuk-hint govuk-body-s">
                    {CHANNEL_WORDS[message.type]}
                    {message.reference ? ` · ${message.reference}` : ''}
                  </span>
                </td>
                <td className="govuk-table__cell">{message.templateName ?? '–'}</td>
                <td className="govuk-table__cell">{message.statusText}</td>
                <td className="govuk-table__cell">
                  {message.sentBy ?? '–'}
                  <br />
                  <span className="govuk-hint govuk-body-s">{ORIGIN_WORDS[message.origin]}</span>
                </td>
                <td className="govuk-table__cell">{formatDateTime(message.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="govuk-pagination" aria-label="Pages of results">
        {after && (
          <div className="govuk-pagination__prev">
            <a className="govuk-link govuk-pagination__link" href={sentMessagesHref(filter)}>
              <span className="govuk-pagination__link-title">Newest messages</span>
            </a>
          </div>
        )}
        {result?.nextCursor && (
          <div className="govuk-pagination__next">
            <a
              className="govuk-link govuk-pagination__link"
              href={sentMessagesHref(filter, { after: result.nextCursor })}
              rel="next"
            >
              <span className="govuk-pagination__link-title">Older messages</span>
            </a>
          </div>
        )}
      </nav>
    </>
  );
}
