import type { MessageState } from '../../../shared/contract';

/** The colour of a state's tag; its words are Notify's, for the message's channel (shared/contract/message-state-words). */
interface StateLook {
  tagClass: string;
}

export const messageStateLooks: Record<MessageState, StateLook> = {
  scheduled: { tagClass: 'govuk-tag--grey' },
  queued: { tagClass: 'govuk-tag--grey' },
  sending: { tagClass: 'govuk-tag--light-blue' },
  accepted: { tagClass: 'govuk-tag--blue' },
  delivered: { tagClass: 'govuk-tag--green' },
  'permanent-failure': { tagClass: 'govuk-tag--red' },
  'temporary-failure': { tagClass: 'govuk-tag--orange' },
  'technical-failure': { tagClass: 'govuk-tag--red' },
  cancelled: { tagClass: 'govuk-tag--grey' },
  rejected: { tagClass: 'govuk-tag--red' },
  'needs-attention': { tagClass: 'govuk-tag--yellow' },
  'status-unknown': { tagClass: 'govuk-tag--purple' },
};

/** States a person can send again or stop. */
// Only messages that never reached Notify can be sent again as they are; the core refuses the rest.
export const retryableStates: readonly MessageState[] = ['needs-attention'];
export const cancellableStates: readonly MessageState[] = ['scheduled', 'queued', 'needs-attention'];

/**
 * The outbox's summary groups states under words that differ from the status tags,
 * so "Delivered" or "Queued" on the page always means a message's own status.
 */
export const stateGroups: readonly { id: string; label: string; states: readonly MessageState[] }[] = [
  { id: 'waiting', label: 'waiting to send', states: ['scheduled', 'queued'] },
  { id: 'in-progress', label: 'in progress', states: ['sending', 'accepted'] },
  { id: 'arrived', label: 'reached the recipient', states: ['delivered'] },
  { id: 'failed', label: 'failed', states: ['permanent-failure', 'temporary-failure', 'technical-failure', 'rejected'] },
  { id: 'attention', label: 'need attention', states: ['needs-attention', 'status-unknown'] },
  { id: 'stopped', label: 'stopped before sending', states: ['cancelled'] },
];
