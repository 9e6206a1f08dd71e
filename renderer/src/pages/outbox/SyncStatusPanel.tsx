import type { SyncStatus } from '../../../../shared/contract';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatTime } from '../../format/dates';
import { useStore } from '../../store/store';

function describe(sync: SyncStatus): string {
  const waiting = `${sync.waiting.toLocaleString('en-GB')} waiting`;
  switch (sync.connection) {
    case 'offline':
      return `Offline: ${waiting}`;
    case 'paused':
      return `Paused: ${waiting}`;
    case 'online':
      return sync.waiting > 0 ? `Sending: ${waiting}` : 'Up to date';
    case 'idle':
      return sync.waiting > 0 ? `Ready: ${waiting}` : 'Up to date';
  }
}

export function SyncStatusPanel() {
  const sync = useStore((store) => store.sync);
  const syncError = useStore((store) => store.syncError);
  const { pauseSync, resumeSync, syncNow } = useStore.getState();

  return (
    <section className="nd-sync" aria-labelledby="sync-heading">
      <h2 className="govuk-visually-hidden" id="sync-heading">
        Sending to Notify
      </h2>
      {syncError && <ErrorBanner message={syncError} />}
      {sync && (
        <>
          <p className="govuk-body-l nd-sync__line" role="status" data-testid="sync-status">
            {describe(sync)}
          </p>
          <p className="govuk-body-s govuk-hint">
            {sync.lastSyncAt ? `Last in touch with Notify at ${formatTime(sync.lastSyncAt)}.` : 'Not in touch with Notify yet.'}
            {sync.connection === 'offline' && sync.nextProbeAt && ` Trying again at ${formatTime(sync.nextProbeAt)}.`}
          </p>
          {sync.lastError && <p className="govuk-body-s">{sync.lastError}</p>}
          {sync.providerProblems.map((problem) => (
            <p className="govuk-body-s" key={problem.provider} data-testid="provider-problem">
              {problem.provider}: {problem.message}
            </p>
          ))}
          {sync.heldChannels.map((held) => (
            <div className="govuk-inset-text govuk-!-margin-top-2 govuk-!-margin-bottom-2" key={held.channel} data-testid="channel-hold">
              <p className="govuk-body-s govuk-!-margin-bottom-1">{held.description}</p>
              <p className="govuk-body-s govuk-hint govuk-!-margin-bottom-0">
                Sending starts again at {formatTime(held.until)}. Notify said: {held.reason}
              </p>
            </div>
          ))}
        </>
      )}
      <div className="govuk-button-group">
        {sync?.connection === 'paused' ? (
          <button type="button" className="govuk-button" onClick={() => void resumeSync()}>
            Resume sending
          </button>
        ) : (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void pauseSync()}>
            Pause sending
          </button>
        )}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void syncNow()}>
          Sync now
        </button>
      </div>
    </section>
  );
}
