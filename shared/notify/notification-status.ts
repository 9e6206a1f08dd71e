// Notify's words for a notification's status: on its screens (notifications-admin format_notification_status and the
// letter sentences), in its CSV reports (notifications-api Notification.formatted_status), and the three buckets its
// dashboard counts (app/utils SENDING, DELIVERED, FAILURE). Every page, export and command of the desk reads them here.

export type NotificationChannel = 'sms' | 'email' | 'letter';

/**
 * Every status the desk records for a notification: Notify's internal ones, the two letter-only API presentations
 * (`accepted`, `received`), and the desk's own `status-unknown` for a message whose final status Notify stopped
 * listing before the desk saw it.
 */
export const notificationStatuses = [
  'created',
  'pending',
  'sending',
  'sent',
  'delivered',
  'accepted',
  'received',
  'pending-virus-check',
  'returned-letter',
  'permanent-failure',
  'temporary-failure',
  'technical-failure',
  'failed',
  'validation-failed',
  'virus-scan-failed',
  'cancelled',
  'status-unknown',
] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

export const STATUS_UNKNOWN = 'status-unknown' satisfies NotificationStatus;

export const statusBuckets = ['delivering', 'delivered', 'failed'] as const;
export type StatusBucket = (typeof statusBuckets)[number];

const BUCKET_OF: Readonly<Record<string, StatusBucket>> = {
  created: 'delivering',
  pending: 'delivering',
  sending: 'delivering',
  accepted: 'delivering',
  'pending-virus-check': 'delivering',
  delivered: 'delivered',
  sent: 'delivered',
  received: 'delivered',
  'returned-letter': 'delivered',
  failed: 'failed',
  'permanent-failure': 'failed',
  'temporary-failure': 'failed',
  'technical-failure': 'failed',
  'validation-failed': 'failed',
  'virus-scan-failed': 'failed',
};

/** The bucket Notify counts a status in; null for cancelled letters and statuses never seen (Notify counts neither). */
export function statusBucket(status: string): StatusBucket | null {
  return BUCKET_OF[status] ?? null;
}

/** The statuses a bucket holds, for filtering. */
export function statusesInBucket(bucket: StatusBucket): NotificationStatus[] {
  return notificationStatuses.filter((status) => BUCKET_OF[status] === bucket);
}

export const bucketLabels: Readonly<Record<StatusBucket, string>> = {
  delivering: 'Delivering',
  delivered: 'Delivered',
  failed: 'Failed',
};

const STATUS_UNKNOWN_WORDS = 'Final status not known';

/** A status as Notify's own screens say it (its message-status guidance; for letters: received, then printed and posted). */
export function screenStatus(type: NotificationChannel, status: string): string {
  if (status === STATUS_UNKNOWN) return STATUS_UNKNOWN_WORDS;
  if (type === 'letter') return LETTER_SCREEN_WORDS[status] ?? rawStatus(status);
  switch (status) {
    case 'created':
    case 'pending':
    case 'sending':
      return 'Delivering';
    case 'delivered':
      return 'Delivered';
    case 'sent':
      return type === 'sms' ? 'Sent to an international number' : 'Delivered';
    case 'permanent-failure':
      return type === 'sms' ? 'Not delivered' : 'Email address does not exist';
    case 'temporary-failure':
      return type === 'sms' ? 'Phone not accepting messages right now' : 'Inbox not accepting messages right now';
    case 'technical-failure':
      return 'Technical failure';
    case 'failed':
      return 'Failed';
    case 'validation-failed':
      return 'Validation failed';
    default:
      return rawStatus(status);
  }
}

const LETTER_SCREEN_WORDS: Readonly<Record<string, string>> = {
  created: 'Received by Notify',
  sending: 'Received by Notify',
  accepted: 'Received by Notify',
  'pending-virus-check': 'Checking for viruses',
  delivered: 'Printed and posted',
  received: 'Printed and posted',
  'returned-letter': 'Returned',
  cancelled: 'Cancelled',
  'permanent-failure': 'Permanent failure',
  'technical-failure': 'Technical failure',
  'validation-failed': 'Validation failed',
  'virus-scan-failed': 'Virus detected',
};

/** A status as Notify's CSV reports write it: different words from its screens, curly apostrophes and all. */
export function csvStatus(type: NotificationChannel, status: string): string {
  if (status === STATUS_UNKNOWN) return STATUS_UNKNOWN_WORDS;
  if (type === 'letter') return LETTER_CSV_WORDS[status] ?? status;
  switch (status) {
    case 'created':
    case 'sending':
      return 'Sending';
    case 'delivered':
      return 'Delivered';
    case 'sent':
      return type === 'sms' ? 'Sent internationally' : 'Delivered';
    case 'permanent-failure':
      return type === 'sms' ? 'Phone number doesn’t exist' : 'Email address doesn’t exist';
    case 'temporary-failure':
      return type === 'sms' ? 'Phone not accepting messages right now' : 'Inbox not accepting messages right now';
    case 'technical-failure':
      return 'Technical failure';
    case 'failed':
      return 'Failed';
    default:
      // Notify writes the rest (pending, validation-failed, …) as the raw status.
      return status;
  }
}

const LETTER_CSV_WORDS: Readonly<Record<string, string>> = {
  created: 'Accepted',
  sending: 'Accepted',
  accepted: 'Accepted',
  delivered: 'Received',
  received: 'Received',
  'returned-letter': 'Returned',
  'technical-failure': 'Technical failure',
  'permanent-failure': 'Permanent failure',
};

function rawStatus(status: string): string {
  const words = status.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Whether Notify will not change this status again. */
export function isFinalNotificationStatus(status: string): boolean {
  return !['created', 'pending', 'sending', 'accepted', 'pending-virus-check'].includes(status);
}
