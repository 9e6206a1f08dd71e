import type { OutboxMessage } from '../../../../shared/contract';
import { StatusTag } from '../../components/StatusTag';
import { channelLabels } from '../../format/channels';
import { formatDateTime } from '../../format/dates';
import { cancellableStates, retryableStates } from '../../format/messageStates';
import { TableHead } from '../../components/TableHead';

interface OutboxTableProps {
  messages: OutboxMessage[];
  onRetry(id: string): void;
  onCancel(id: string): void;
}

export function OutboxTable({ messages, onRetry, onCancel }: OutboxTableProps) {
  return (
    <table className="govuk-table nd-outbox-table">
      <caption className="govuk-table__caption govuk-table__caption--m">Messages</caption>
      <TableHead columns={['Recipient', 'Template', 'Status', 'Last change', <span className="govuk-visually-hidden">Actions</span>]} />
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
                {message.lastError && <span className="govuk-body-s nd-block nd-last-error">{message.lastError}</span>}
              </td>
              <td className="govuk-table__cell">{formatDateTime(message.updatedAt)}</td>
              <td className="govuk-table__cell nd-actions">
                {retryableStates.includes(message.state) && (
                  <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => onRetry(message.id)}>
                    Retry<span className="govuk-visually-hidden"> message to {recipient}</span>
                  </button>
                )}
                {cancellableStates.includes(message.state) && (
                  <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" onClick={() => onCancel(message.id)}>
                    Cancel<span className="govuk-visually-hidden"> message to {recipient}</span>
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
