import { useEffect, useRef, useState } from 'react';
import type { OutboxMessage } from '../../../../shared/contract';
import { StatusTag } from '../../components/StatusTag';
import { channelLabels } from '../../format/channels';
import { formatDateTime } from '../../format/dates';
import { cancellableStates, retryableStates } from '../../format/messageStates';
import { TableHead } from '../../components/TableHead';
import { OutcomeUnknownActions } from './OutcomeUnknownActions';

interface OutboxTableProps {
  messages: OutboxMessage[];
  onRetry: (id: string) => void;
  onCancel: (id: string) => void;
}

/** The messages, in a region of their own that scrolls sideways on a narrow screen rather than the whole page. */
export function OutboxTable({ messages, onRetry, onCancel }: OutboxTableProps) {
  const [confirmingCancel, setConfirmingCancel] = useState<string | null>(null);
  return (
    <div className="nd-table-scroll" role="region" aria-labelledby="messages-caption" tabIndex={0}>
      <table className="govuk-table nd-outbox-table">
        <caption className="govuk-table__caption govuk-table__caption--m" id="messages-caption">
          Messages
        </caption>
        <TableHead
          columns={[
            'Recipient',
            'Template',
            'Status',
            'Last change',
            <span className="govuk-visually-hidden">Actions</span>,
          ]}
        />
        <tbody className="govuk-table__body">
          {messages.map((message) => {
            const recipient = message.recipient.split('\n')[0] ?? message.recipient;
            return (
              <tr className="govuk-table__row" key={message.id} data-message-id={message.id}>
                <td className="govuk-table__cell nd-recipient">{recipient}</td>
                <td className="govuk-table__cell">
                  {message.templateName}
                  <span className="govuk-body-s govuk-hint nd-block">{channelLabels[message.type]}</span>
                </td>
                <td className="govuk-table__cell">
                  <StatusTag state={message.state} type={message.type} notifyStatus={message.notifyStatus} />
                  {message.state === 'scheduled' && (
                    <span className="govuk-body-s nd-block">To send on {formatDateTime(message.sendAfter)}</span>
                  )}
                  {message.provider && message.provider !== 'notify' && (
                    <span className="govuk-body-s govuk-hint nd-block">by {message.provider}</span>
                  )}
                  {message.lastError && (
                    <span className="govuk-body-s nd-block nd-last-error">{message.lastError}</span>
                  )}
                </td>
                <td className="govuk-table__cell">{formatDateTime(message.updatedAt)}</td>
                <td className="govuk-table__cell nd-actions">
                  {confirmingCancel === message.id ? (
                    <CancelConfirmation
                      recipient={recipient}
                      onConfirm={() => {
                        setConfirmingCancel(null);
                        onCancel(message.id);
                      }}
                      onKeep={() => setConfirmingCancel(null)}
                    />
                  ) : (
                    <>
                      {retryableStates.includes(message.state) && (
                        <button
                          type="button"
                          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                          onClick={() => onRetry(message.id)}
                        >
                          Retry<span className="govuk-visually-hidden"> message to {recipient}</span>
                        </button>
                      )}
                      {message.state === 'outcome-unknown' && (
                        <OutcomeUnknownActions message={message} recipient={recipient} />
                      )}
                      {cancellableStates.includes(message.state) && (
                        <button
                          type="button"
                          className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                          onClick={() => setConfirmingCancel(message.id)}
                        >
                          Cancel<span className="govuk-visually-hidden"> message to {recipient}</span>
                        </button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Asks before a message is cancelled; focus moves to the question so a keyboard or screen reader user hears it. */
function CancelConfirmation({
  recipient,
  onConfirm,
  onKeep,
}: {
  recipient: string;
  onConfirm: () => void;
  onKeep: () => void;
}) {
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => question.current?.focus(), []);
  return (
    <div className="nd-confirm">
      <p className="govuk-body-s govuk-!-margin-bottom-2" ref={question} tabIndex={-1}>
        Cancel the message to {recipient}? It will not be sent.
      </p>
      <div className="govuk-button-group govuk-!-margin-bottom-0">
        <button
          type="button"
          className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
          onClick={onConfirm}
        >
          Yes, cancel it<span className="govuk-visually-hidden"> (message to {recipient})</span>
        </button>
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={onKeep}>
          No, keep it<span className="govuk-visually-hidden"> (message to {recipient})</span>
        </button>
      </div>
    </div>
  );
}
