import { screenStatus, STATUS_UNKNOWN } from './notify/notification-status';
import type { Channel } from './contract/common';
import type { MessageState } from './contract/outbox';

/**
 * How a message's state reads to the person at the desk: before Notify has it, the desk's own words; after, Notify's
 * screen words for its status (shared/notify/notification-status), letters included.
 */
export function describeState(state: MessageState, type: Channel, notifyStatus: string | null = null): string {
  switch (state) {
    case 'scheduled':
      return 'Scheduled';
    case 'queued':
      return 'Waiting to send';
    case 'sending':
      return 'Sending to Notify';
    case 'rejected':
      return 'Rejected by Notify';
    case 'needs-attention':
      return 'Needs attention';
    case 'status-unknown':
      return screenStatus(type, STATUS_UNKNOWN);
    case 'outcome-unknown':
      return 'Not known if sent: choose to send again or mark as sent';
    case 'waiting-to-print':
      return 'Waiting to be printed';
    case 'printed':
      return 'Printed';
    case 'posted':
      return 'Posted';
    case 'accepted':
      if (notifyStatus === null) return type === 'letter' ? screenStatus(type, 'accepted') : 'Accepted by Notify';
      return screenStatus(type, notifyStatus);
    default:
      return screenStatus(type, notifyStatus ?? state);
  }
}
