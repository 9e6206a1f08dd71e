import type { MessageState } from '../../../shared/contract';

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

export { describeState } from '../../../shared/message-state-words';
