import type { Channel, MessageState } from '../../../shared/contract';

/** The desk's state for a status Notify reports (section 7 of the API contract); unknown statuses count as still accepted. */
export function stateForNotifyStatus(status: string): MessageState {
  switch (status) {
    case 'delivered':
    case 'received':
    case 'sent':
      return 'delivered';
    case 'permanent-failure':
    case 'validation-failed':
    case 'virus-scan-failed':
    case 'returned-letter':
      return 'permanent-failure';
    case 'temporary-failure':
      return 'temporary-failure';
    case 'technical-failure':
    case 'failed':
      return 'technical-failure';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'accepted';
  }
}

/** How Notify's own screens describe a message's status, so staff see the words Notify support will use. */
export function describeState(state: MessageState, type: Channel, notifyStatus: string | null = null): string {
  const recipient = type === 'sms' ? 'Phone' : 'Inbox';
  switch (state) {
    case 'scheduled':
      return 'Scheduled';
    case 'queued':
      return 'Waiting to send';
    case 'sending':
      return 'Sending to Notify';
    case 'accepted':
      if (type === 'letter') return notifyStatus === 'pending-virus-check' ? 'Pending virus check' : 'Accepted';
      return notifyStatus === 'created' || notifyStatus === null ? 'Accepted by Notify' : 'Sending';
    case 'delivered':
      if (type === 'letter') return 'Received';
      return notifyStatus === 'sent' ? 'Sent to an international number' : 'Delivered';
    case 'permanent-failure':
      if (type === 'letter') return notifyStatus === 'validation-failed' ? 'Validation failed' : 'Permanent failure';
      return type === 'sms' ? 'Not delivered: phone number does not exist' : 'Not delivered: email address does not exist';
    case 'temporary-failure':
      return `Not delivered: ${recipient.toLowerCase()} not accepting messages right now`;
    case 'technical-failure':
      return 'Technical failure';
    case 'cancelled':
      return 'Cancelled';
    case 'rejected':
      return 'Rejected by Notify';
    case 'needs-attention':
      return 'Needs attention';
    case 'status-unknown':
      return 'Status no longer available from Notify';
    case 'waiting-to-print':
      return 'Waiting to be printed';
    case 'printed':
      return 'Printed';
    case 'posted':
      return 'Posted';
  }
}
