import type { SyncStatus } from '../../../../shared/contract';
import { useMay } from '../../access/access';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime, formatTime } from '../../format/dates';
import { useStore } from '../../store/store';

const messages = (count: number): string => `${count.toLocaleString('en-GB')} ${count === 1 ? 'message' : 'messages'}`;

/** The headline: what is being sent now, and when what is scheduled for later will go. */
export function describeSync(sync: SyncStatus): string {
  const dueNow = sync.waiting - sync.scheduled.count;
  const waiting = `${dueNow.toLocaleString('en-GB')} waiting`;
  const { count, firstAt, lastAt } = sync.scheduled;
  const later =
    count === 0 || firstAt === null
      ? null
      : firstAt === lastAt
        ? `${messages(count)} will be sent on ${formatDateTime(firstAt)}`
        : `${messages(count)} will be sent from ${formatDateTime(firstAt)}`;
  let now: string | null;
  switch (sync.connection) {
    case 'offline':
      now = `Offline: ${waiting}`;
      break;
    case 'paused':
      now = `Paused: ${waiting}`;
      break;
    case 'online':
      now = dueNow > 0 ? `Sending: ${waiting}` : null;
      break;
    case 'idle':
      now = dueNow > 0 ? `Ready: ${waiting}` : null;
      break;
  }
  if (now && later) return `${now}. Scheduled: ${later}`;
  if (later) return `Scheduled: ${later}`;
  return now ?? 'Up to date';
}

export function SyncStatusPanel() {
  const may = useMay();
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
            {describeSync(sync)}
          </p>
          <p className="govuk-body-s govuk-hint">
            {sync.lastSyncAt
              ? `Last in touch with Notify at ${formatTime(sync.lastSyncAt)}.`
              : 'Not in touch with Notify yet.'}
            {sync.connection === 'offline' && sync.nextProbeAt && ` Trying again at ${formatTime(sync.nextProbeAt)}.`}
          </p>
          {sync.lastError && <p className="govuk-body-s">{sync.lastError}</p>}
          {sync.providerProblems.map((problem) => (
            <p className="govuk-body-s" key={problem.provider} data-testid="provider-problem">
              {problem.provider}: {problem.message}
            </p>
          ))}
          {sync.heldChannels.map((held) => (
            <div
              className="govuk-inset-text govuk-!-margin-top-2 govuk-!-margin-bottom-2"
              key={held.channel}
              data-testid="channel-hold"
            >
              <p className="govuk-body-s govuk-!-margin-bottom-1">{held.description}</p>
              <p className="govuk-body-s govuk-hint govuk-!-margin-bottom-0">
                Sending starts again at {formatTime(held.until)}. Notify said: {held.reason}
              </p>
            </div>
          ))}
        </>
      )}
      <div className="govuk-button-group">
        {!may('manage-any-batch') ? null : sync?.connection === 'paused' ? (
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
