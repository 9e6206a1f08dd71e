import { describe, expect, it } from 'vitest';
import { describeState } from '../../../shared/message-state-words';
import {
  csvStatus,
  notificationStatuses,
  screenStatus,
  statusBucket,
  statusesInBucket,
} from '../../../shared/notify/notification-status';

describe("Notify's status words, in one place", () => {
  it('puts statuses in the three buckets Notify counts, and cancelled and never-seen statuses in none', () => {
    expect(statusesInBucket('delivering').sort()).toEqual([
      'accepted',
      'created',
      'pending',
      'pending-virus-check',
      'sending',
    ]);
    expect(statusesInBucket('delivered').sort()).toEqual(['delivered', 'received', 'returned-letter', 'sent']);
    expect(statusesInBucket('failed').sort()).toEqual([
      'failed',
      'permanent-failure',
      'technical-failure',
      'temporary-failure',
      'validation-failed',
      'virus-scan-failed',
    ]);
    expect(statusBucket('cancelled')).toBeNull();
    expect(statusBucket('status-unknown')).toBeNull();
    const bucketed = notificationStatuses.filter((status) => statusBucket(status) !== null);
    expect(bucketed).toHaveLength(notificationStatuses.length - 2);
  });

  it('says statuses as Notify’s screens do, which differ from its CSV reports', () => {
    expect(screenStatus('sms', 'permanent-failure')).toBe('Not delivered');
    expect(csvStatus('sms', 'permanent-failure')).toBe('Phone number doesn’t exist');
    expect(screenStatus('email', 'permanent-failure')).toBe('Email address does not exist');
    expect(csvStatus('email', 'permanent-failure')).toBe('Email address doesn’t exist');
    expect(screenStatus('sms', 'sent')).toBe('Sent to an international number');
    expect(csvStatus('sms', 'sent')).toBe('Sent internationally');
    expect(screenStatus('email', 'sending')).toBe('Delivering');
    expect(csvStatus('email', 'sending')).toBe('Sending');
    expect(csvStatus('sms', 'pending')).toBe('pending');
    expect(csvStatus('sms', 'validation-failed')).toBe('validation-failed');
    expect(screenStatus('sms', 'temporary-failure')).toBe('Phone not accepting messages right now');
    expect(csvStatus('email', 'temporary-failure')).toBe('Inbox not accepting messages right now');
  });

  it('never calls a letter delivered: received by Notify, then printed and posted; its CSV words are Notify’s', () => {
    for (const status of ['accepted', 'created', 'sending'])
      expect(screenStatus('letter', status)).toBe('Received by Notify');
    for (const status of ['received', 'delivered']) expect(screenStatus('letter', status)).toBe('Printed and posted');
    expect(csvStatus('letter', 'accepted')).toBe('Accepted');
    expect(csvStatus('letter', 'received')).toBe('Received');
    expect(csvStatus('letter', 'returned-letter')).toBe('Returned');
    expect(csvStatus('letter', 'cancelled')).toBe('cancelled');
    expect(describeState('delivered', 'letter', 'received')).toBe('Printed and posted');
    expect(describeState('delivered', 'letter')).toBe('Printed and posted');
    expect(describeState('accepted', 'letter')).toBe('Received by Notify');
    for (const status of notificationStatuses) expect(screenStatus('letter', status)).not.toBe('Delivered');
  });

  it('says so when the final status was never seen, on screen and in reports', () => {
    expect(screenStatus('sms', 'status-unknown')).toBe('Final status not known');
    expect(csvStatus('letter', 'status-unknown')).toBe('Final status not known');
    expect(describeState('status-unknown', 'email')).toBe('Final status not known');
  });
});
