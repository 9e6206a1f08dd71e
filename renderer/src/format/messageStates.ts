import type { MessageState } from '../../../shared/contract';

interface StateLook {
  /** The desk's word for a state before Notify has the message; from then on tags say Notify's words (StatusTag). */
  label: string;
  tagClass: string;
}

export const messageStateLooks: Record<MessageState, StateLook> = {
  scheduled: { label: 'Scheduled', tagClass: 'govuk-tag--grey' },
  queued: { label: 'Queued', tagClass: 'govuk-tag--grey' },
  sending: { label: 'Sending', tagClass: 'govuk-tag--light-blue' },
  accepted: { label: 'Accepted', tagClass: 'govuk-tag--blue' },
  delivered: { label: 'Delivered', tagClass: 'govuk-tag--green' },
  'permanent-failure': { label: 'Permanent failure', tagClass: 'govuk-tag--red' },
  'temporary-failure': { label: 'Temporary failure', tagClass: 'govuk-tag--orange' },
  'technical-failure': { label: 'Technical failure', tagClass: 'govuk-tag--red' },
  cancelled: { label: 'Cancelled', tagClass: 'govuk-tag--grey' },
  rejected: { label: 'Rejected', tagClass: 'govuk-tag--red' },
  'needs-attention': { label: 'Needs attention', tagClass: 'govuk-tag--yellow' },
  'status-unknown': { label: 'Status unknown', tagClass: 'govuk-tag--purple' },
  'waiting-to-print': { label: 'Waiting to be printed', tagClass: 'govuk-tag--grey' },
  printed: { label: 'Printed', tagClass: 'govuk-tag--blue' },
  posted: { label: 'Posted', tagClass: 'govuk-tag--green' },
  'outcome-unknown': { label: 'Outcome unknown', tagClass: 'govuk-tag--orange' },
};

/** States in which Notify has the message: their tags say Notify's words for the channel, not the labels above. */
export const statesAtNotify: readonly MessageState[] = [
  'accepted',
  'delivered',
  'permanent-failure',
  'temporary-failure',
  'technical-failure',
  'status-unknown',
];

/** States a person can send again or stop. */
// Only messages that never reached Notify can be sent again as they are; the core refuses the rest.
export const retryableStates: readonly MessageState[] = ['needs-attention'];
export const cancellableStates: readonly MessageState[] = [
  'scheduled',
  'queued',
  'needs-attention',
  'waiting-to-print',
];

/**
 * The outbox's summary groups states under words that differ from the status tags,
 * so "Delivered" or "Queued" on the page always means a message's own status.
 */
export const stateGroups: readonly { id: string; label: string; states: readonly MessageState[] }[] = [
  { id: 'waiting', label: 'waiting to send', states: ['scheduled', 'queued'] },
  { id: 'in-progress', label: 'in progress', states: ['sending', 'accepted'] },
  { id: 'arrived', label: 'reached the recipient', states: ['delivered'] },
  {
    id: 'failed',
    label: 'failed',
    states: ['permanent-failure', 'temporary-failure', 'technical-failure', 'rejected'],
  },
  { id: 'attention', label: 'need attention', states: ['needs-attention', 'status-unknown', 'outcome-unknown'] },
  { id: 'stopped', label: 'stopped before sending', states: ['cancelled'] },
  { id: 'post-room', label: 'letters in the post room', states: ['waiting-to-print', 'printed'] },
  { id: 'posted', label: 'letters posted', states: ['posted'] },
];
