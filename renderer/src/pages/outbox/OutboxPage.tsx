import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useStore } from '../../store/store';
import { BatchProgressList } from './BatchProgressList';
import { OutboxSummary } from './OutboxSummary';
import { OutboxTable } from './OutboxTable';
import { SyncStatusPanel } from './SyncStatusPanel';
import { WatchFolderActivity } from './WatchFolderActivity';
import { usePageTitle } from '../../hooks/usePageTitle';

export function OutboxPage() {
  const messages = useStore((store) => store.messages);
  const total = useStore((store) => store.total);
  const counts = useStore((store) => store.counts);
  const filter = useStore((store) => store.stateFilter);
  const batchFilter = useStore((store) => store.batchFilter);
  const batches = useStore((store) => store.batches);
  const loaded = useStore((store) => store.outboxLoaded);
  const loadError = useStore((store) => store.outboxError);
  const [actionError, setActionError] = useState<string | null>(null);
  usePageTitle('Outbox');

  useEffect(() => {
    const store = useStore.getState();
    void store.loadOutbox();
    void store.loadCounts();
    void store.loadBatches();
    void store.loadSync();
  }, []);

  function act(action: () => Promise<void>): void {
    setActionError(null);
    action().catch((error: unknown) => setActionError(errorMessage(error)));
  }

  const { retryMessages, cancelMessages, setStateFilter, setBatchFilter, setBatchPaused, cancelBatch } =
    useStore.getState();
  const shownBatch = batches.find((batch) => batch.id === batchFilter);
  const filtered = filter.length > 0 || batchFilter !== null;
  return (
    <>
      <h1 className="govuk-heading-l">Outbox</h1>
      <SyncStatusPanel />
      {loadError && <ErrorBanner message={loadError} />}
      {actionError && <ErrorBanner message={actionError} />}
      {counts && <OutboxSummary counts={counts} filter={filter} onFilter={setStateFilter} />}
      <BatchProgressList
        batches={batches}
        shownBatchId={batchFilter}
        onShowMessages={setBatchFilter}
        onPause={(batchId, paused) => act(() => setBatchPaused(batchId, paused))}
        onCancelRest={(batchId) => act(() => cancelBatch(batchId))}
      />
      <WatchFolderActivity />
      {batchFilter !== null && (
        <p className="govuk-body" data-testid="batch-filter">
          Showing messages from {shownBatch ? shownBatch.fileName : 'one batch'}.{' '}
          <button type="button" className="govuk-link nd-link-button" onClick={() => setBatchFilter(null)}>
            Show all messages
          </button>
        </p>
      )}
      {loaded && messages.length === 0 ? (
        <p className="govuk-body">
          {filtered ? 'No messages match this filter.' : 'Nothing has been sent from this desk yet.'}
        </p>
      ) : (
        <OutboxTable
          messages={messages}
          onRetry={(id) => act(() => retryMessages([id]))}
          onCancel={(id) => act(() => cancelMessages([id]))}
        />
      )}
      {total > messages.length && (
        <p className="govuk-body-s govuk-hint">
          Showing the latest {messages.length.toLocaleString('en-GB')} of {total.toLocaleString('en-GB')} messages.
        </p>
      )}
    </>
  );
}
