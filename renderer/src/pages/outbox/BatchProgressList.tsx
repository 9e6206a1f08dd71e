import { useState } from 'react';
import type { OutboxBatchProgress } from '../../../../shared/contract';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { sentMessagesHref } from '../record/recordFilterUrl';
import './batch-progress.css';

interface BatchProgressListProps {
  batches: OutboxBatchProgress[];
  /** The batch whose messages the table shows. */
  shownBatchId: string | null;
  onShowMessages(batchId: string | null): void;
  onPause(batchId: string, paused: boolean): void;
  onCancelRest(batchId: string): void;
}

/** Where a batch's messages stand, as a person would say it: "2 delivered, 1 failed, 3 waiting". */
export function describeBatch(batch: OutboxBatchProgress): string {
  const parts = [
    [batch.delivered, 'delivered'],
    [batch.failed, 'failed'],
    [batch.sending + batch.accepted, 'in progress'],
    [batch.waiting, 'waiting'],
    [batch.inPostRoom, 'in the post room'],
    [batch.posted, 'posted'],
    [batch.cancelled, 'cancelled'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, words]) => `${formatCount(n)} ${words}`);
  const messages = `${formatCount(batch.total)} ${batch.total === 1 ? 'message' : 'messages'}`;
  return said.length > 0 ? `${messages}: ${said.join(', ')}` : messages;
}

/** Messages that will not move any more: delivered, failed, cancelled or posted. */
const finished = (batch: OutboxBatchProgress): number =>
  batch.delivered + batch.failed + batch.cancelled + batch.posted;

function ProgressBar({ batch }: { batch: OutboxBatchProgress }) {
  const share = (n: number): string => `${batch.total > 0 ? (n / batch.total) * 100 : 0}%`;
  const segments = [
    ['delivered', batch.delivered + batch.posted],
    ['failed', batch.failed],
    ['in-progress', batch.sending + batch.accepted + batch.inPostRoom],
    ['cancelled', batch.cancelled],
  ] as const;
  return (
    <div
      className="nd-batch__bar"
      role="progressbar"
      aria-label={`Progress of ${batch.fileName}`}
      aria-valuemin={0}
      aria-valuemax={batch.total}
      aria-valuenow={finished(batch)}
      aria-valuetext={`${formatCount(finished(batch))} of ${formatCount(batch.total)} finished`}
    >
      {segments.map(([kind, n]) =>
        n > 0 ? (
          <span key={kind} className={`nd-batch__segment nd-batch__segment--${kind}`} style={{ width: share(n) }} />
        ) : null,
      )}
    </div>
  );
}

function BatchProgressItem({
  batch,
  shown,
  onShowMessages,
  onPause,
  onCancelRest,
}: { batch: OutboxBatchProgress; shown: boolean } & Omit<BatchProgressListProps, 'batches' | 'shownBatchId'>) {
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const notYetSent = batch.waiting;
  return (
    <li className="nd-batch" data-batch-id={batch.id}>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
        {batch.fileName}
        {batch.paused && <strong className="govuk-tag govuk-tag--yellow nd-batch__tag">Paused</strong>}
      </h3>
      <p className="govuk-body-s govuk-hint govuk-!-margin-bottom-2">
        Imported by {batch.importedBy} on {formatDateTime(batch.createdAt)}
        {batch.sendAfter > batch.createdAt && `, to send from ${formatDateTime(batch.sendAfter)}`}
      </p>
      <ProgressBar batch={batch} />
      <p className="govuk-body-s govuk-!-margin-top-2 nd-batch__counts">{describeBatch(batch)}</p>
      {confirmingCancel ? (
        <div className="govuk-button-group">
          <p className="govuk-body-s govuk-!-margin-bottom-0">
            Cancel the {formatCount(notYetSent)} {notYetSent === 1 ? 'message' : 'messages'} of {batch.fileName} not yet
            sent? Messages already sent are not affected.
          </p>
          <button
            type="button"
            className="govuk-button govuk-button--warning"
            onClick={() => {
              setConfirmingCancel(false);
              onCancelRest(batch.id);
            }}
          >
            Yes, cancel them
          </button>
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={() => setConfirmingCancel(false)}
          >
            No, keep them
          </button>
        </div>
      ) : (
        <div className="govuk-button-group">
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            aria-pressed={shown}
            onClick={() => onShowMessages(shown ? null : batch.id)}
          >
            {shown ? 'Show all messages' : 'Show these messages'}
            <span className="govuk-visually-hidden"> ({batch.fileName})</span>
          </button>
          <a className="govuk-link nd-batch__report" href={sentMessagesHref({ batchId: batch.id })}>
            Delivery report<span className="govuk-visually-hidden"> for {batch.fileName}</span>
          </a>
          {notYetSent > 0 && (
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => onPause(batch.id, !batch.paused)}
            >
              {batch.paused ? 'Resume sending' : 'Pause sending'}
              <span className="govuk-visually-hidden"> {batch.fileName}</span>
            </button>
          )}
          {notYetSent > 0 && (
            <button
              type="button"
              className="govuk-button govuk-button--warning"
              onClick={() => setConfirmingCancel(true)}
            >
              Cancel the rest<span className="govuk-visually-hidden"> of {batch.fileName}</span>
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** Each imported batch: who sent it and when, a progress bar, its counts in words, and its own controls. */
export function BatchProgressList({ batches, shownBatchId, ...actions }: BatchProgressListProps) {
  if (batches.length === 0) return null;
  return (
    <section className="nd-batches" aria-labelledby="batches-heading">
      <h2 className="govuk-heading-m" id="batches-heading">
        Batches
      </h2>
      <ul className="nd-batches__list">
        {batches.map((batch) => (
          <BatchProgressItem key={batch.id} batch={batch} shown={batch.id === shownBatchId} {...actions} />
        ))}
      </ul>
    </section>
  );
}
