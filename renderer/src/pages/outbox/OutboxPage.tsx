import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useStore } from '../../store/store';
import { OutboxSummary } from './OutboxSummary';
import { OutboxTable } from './OutboxTable';
import { SyncStatusPanel } from './SyncStatusPanel';
import { usePageTitle } from '../../hooks/usePageTitle';

export function OutboxPage() {
  const messages = useStore((store) => store.messages);
  const total = useStore((store) => store.total);
  const counts = useStore((store) => store.counts);
  const filter = useStore((store) => store.stateFilter);
  const loaded = useStore((store) => store.outboxLoaded);
  const loadError = useStore((store) => store.outboxError);
  const [actionError, setActionError] = useState<string | null>(null);
  usePageTitle('Outbox');

  useEffect(() => {
    const store = useStore.getState();
    void store.loadOutbox();
    void store.loadCounts();
    void store.loadSync();
  }, []);

  function act(action: (ids: string[]) => Promise<void>, id: string): void {
    setActionError(null);
    action([id]).catch((error: unknown) => setActionError(errorMessage(error)));
  }

  const { retryMessages, cancelMessages, setStateFilter } = useStore.getState();
  return (
    <>
      <h1 className="govuk-heading-l">Outbox</h1>
      <SyncStatusPanel />
      {loadError && <ErrorBanner message={loadError} />}
      {actionError && <ErrorBanner message={actionError} />}
      {counts && <OutboxSummary counts={counts} filter={filter} onFilter={setStateFilter} />}
      {loaded && messages.length === 0 ? (
        <p className="govuk-body">{filter.length > 0 ? 'No messages match this filter.' : 'Nothing has been sent from this desk yet.'}</p>
      ) : (
        <OutboxTable messages={messages} onRetry={(id) => act(retryMessages, id)} onCancel={(id) => act(cancelMessages, id)} />
      )}
      {total > messages.length && (
        <p className="govuk-body-s govuk-hint">
          Showing the latest {messages.length.toLocaleString('en-GB')} of {total.toLocaleString('en-GB')} messages.
        </p>
      )}
    </>
  );
}
