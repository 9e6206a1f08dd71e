import { apiStatusOf, internalStatusAt, isFinalStatus } from './lifecycle';
import type { StoredNotification } from './notification';
import { formatMicros, formatMs } from './timestamps';
import type { AcceptedNotification, InternalStatus, Postage } from './types';

export interface ApiLocation {
  /** e.g. http://127.0.0.1:4000, no trailing slash. */
  apiRoot: string;
  serviceId: string;
}

const SMS_RATE_IN_POUNDS = 0.0227;
const LETTER_PRICE_PER_SHEET: Record<Postage, number> = {
  economy: 0.59,
  second: 0.85,
  first: 1.45,
  europe: 1.6,
  'rest-of-world': 1.6,
};
const LETTER_STATUSES_NEVER_SENT: ReadonlySet<InternalStatus> = new Set([
  'cancelled',
  'technical-failure',
  'validation-failed',
  'virus-scan-failed',
]);
const WORKING_DAYS_TO_DELIVER_LETTER_MS = 3 * 86_400_000;

interface CostFields {
  is_cost_data_ready: boolean;
  cost_in_pounds: number | null;
  cost_details: Record<string, unknown>;
}

const roundPounds = (pounds: number): number => Math.round(pounds * 10_000) / 10_000;

function costFields(notification: StoredNotification, status: InternalStatus): CostFields {
  const notReady: CostFields = { is_cost_data_ready: false, cost_in_pounds: null, cost_details: {} };
  switch (notification.type) {
    case 'email':
      return { is_cost_data_ready: true, cost_in_pounds: 0.0, cost_details: {} };
    case 'sms': {
      if (status === 'created') return notReady;
      const multiplier = notification.rateMultiplier;
      return {
        is_cost_data_ready: true,
        cost_in_pounds: roundPounds(notification.billableUnits * multiplier * SMS_RATE_IN_POUNDS),
        cost_details: {
          billable_sms_fragments: notification.billableUnits,
          international_rate_multiplier: multiplier,
          sms_rate: SMS_RATE_IN_POUNDS,
        },
      };
    }
    case 'letter': {
      if (status === 'pending-virus-check' || status === 'created') return notReady;
      const postage = notification.postage ?? 'second';
      const sheets = LETTER_STATUSES_NEVER_SENT.has(status) ? 0 : notification.billableUnits;
      return {
        is_cost_data_ready: true,
        cost_in_pounds: roundPounds(sheets * LETTER_PRICE_PER_SHEET[postage]),
        cost_details: { billable_sheets_of_paper: sheets, postage },
      };
    }
  }
}

/** GET /v2/notifications/{id} and the list endpoint's items (notify-api.md §4.5). */
export function notificationResponse(
  notification: StoredNotification,
  location: ApiLocation,
  nowMs: number,
): Record<string, unknown> {
  const status = internalStatusAt(notification, nowMs);
  const isLetter = notification.type === 'letter';
  const response: Record<string, unknown> = {
    id: notification.id,
    reference: notification.reference,
    email_address: notification.type === 'email' ? notification.recipient : null,
    phone_number: notification.type === 'sms' ? notification.recipient : null,
    line_1: notification.addressLines[0] ?? null,
    line_2: notification.addressLines[1] ?? null,
    line_3: notification.addressLines[2] ?? null,
    line_4: notification.addressLines[3] ?? null,
    line_5: notification.addressLines[4] ?? null,
    line_6: notification.addressLines[5] ?? null,
    postcode: notification.postcode,
    type: notification.type,
    status: apiStatusOf(notification, status),
    template: {
      id: notification.templateId,
      version: notification.templateVersion,
      uri: `${location.apiRoot}/service/${location.serviceId}/template/${notification.templateId}`,
    },
    body: notification.body,
    subject: notification.subject,
    created_at: formatMicros(notification.createdMicros),
    created_by_name: notification.createdByName ?? null,
    sent_at: nowMs >= notification.sendingAtMs ? formatMs(notification.sendingAtMs) : null,
    completed_at: isFinalStatus(status) ? formatMs(notification.completedAtMs) : null,
    scheduled_for: null,
    postage: notification.postage,
    one_click_unsubscribe_url: notification.oneClickUnsubscribeUrl,
    ...costFields(notification, status),
  };
  if (isLetter) {
    response['estimated_delivery'] = formatMs(
      Math.floor(notification.createdMicros / 1000) + WORKING_DAYS_TO_DELIVER_LETTER_MS,
    );
  }
  return response;
}

/** The control endpoint's view of a persisted notification. */
export function acceptedNotification(notification: StoredNotification, nowMs: number): AcceptedNotification {
  return {
    id: notification.id,
    reference: notification.reference,
    type: notification.type,
    recipient: notification.recipient ?? notification.addressLines[0] ?? '',
    status: apiStatusOf(notification, internalStatusAt(notification, nowMs)),
    key_type: notification.keyType,
    created_at: formatMicros(notification.createdMicros),
    template_id: notification.templateId,
    template_version: notification.templateVersion,
    personalisation: notification.personalisation,
    body: notification.body,
    subject: notification.subject,
    postage: notification.postage,
    precompiled: notification.precompiled,
  };
}
