import { ApiError, badRequest, noResultFound, validationError } from './api-error';
import { API_PAGE_SIZE } from './constants';
import type { SimulatorContext } from './context';
import { expandStatusFilter, internalStatusAt } from './lifecycle';
import type { StoredNotification } from './notification';
import { notificationResponse } from './notification-view';
import { minimalLetterPdf } from './pdf';
import { buildQueryString, queryToLists } from './query';
import { GET_NOTIFICATIONS_REQUEST } from './request-schemas';
import { validateAgainstSchema } from './schema';
import type { KeyType, NotificationType } from './types';
import { canonicalUuid, isUuid } from './uuid';

function findNotification(context: SimulatorContext, notificationId: string): StoredNotification {
  if (!isUuid(notificationId)) throw validationError('notification_id is not a valid UUID');
  const notification = context.store.get(canonicalUuid(notificationId));
  if (!notification) throw noResultFound();
  return notification;
}

/** GET /v2/notifications/{id}: whatever key type sent it. */
export function getNotification(context: SimulatorContext, notificationId: string): Record<string, unknown> {
  return notificationResponse(findNotification(context, notificationId), context.location, Date.now());
}

const SINGLE_VALUED_PARAMS = new Set(['older_than', 'reference', 'include_jobs']);

/** GET /v2/notifications: the requesting key type's notifications, newest first, 250 a page (§4.6). */
export function listNotifications(
  context: SimulatorContext,
  keyType: KeyType,
  search: URLSearchParams,
): Record<string, unknown> {
  const params: Array<[string, string | string[]]> = [...queryToLists(search)].map(([key, values]) =>
    SINGLE_VALUED_PARAMS.has(key) ? [key, values[0] ?? ''] : [key, values],
  );
  const data = Object.fromEntries(params) as Record<string, string | string[]>;
  validateAgainstSchema(data, GET_NOTIFICATIONS_REQUEST);

  const templateTypes = new Set((data['template_type'] as NotificationType[] | undefined) ?? []);
  const statuses = expandStatusFilter((data['status'] as string[] | undefined) ?? []);
  const olderThan = data['older_than'] as string | undefined;
  const reference = data['reference'] as string | undefined;
  const includeJobs = data['include_jobs'] !== undefined;
  const nowMs = Date.now();

  let page: StoredNotification[] = [];
  const bound = olderThan === undefined ? undefined : context.store.get(canonicalUuid(olderThan));
  if (olderThan === undefined || bound) {
    page = context.store.page({
      keyType,
      reference,
      createdBefore: bound?.createdMicros,
      pageSize: API_PAGE_SIZE,
      matches: (notification) =>
        (includeJobs || !notification.fromJob) &&
        (templateTypes.size === 0 || templateTypes.has(notification.type)) &&
        (statuses.size === 0 || statuses.has(internalStatusAt(notification, nowMs))),
    });
  }

  const listUrl = `${context.location.apiRoot}/v2/notifications`;
  const links: Record<string, string> = { current: `${listUrl}${buildQueryString(params)}` };
  const last = page[page.length - 1];
  if (last) {
    const nextParams: Array<[string, string | string[]]> = params.some(([key]) => key === 'older_than')
      ? params.map(([key, value]) => (key === 'older_than' ? [key, last.id] : [key, value]))
      : [...params, ['older_than', last.id]];
    links['next'] = `${listUrl}${buildQueryString(nextParams)}`;
  }
  return {
    notifications: page.map((notification) => notificationResponse(notification, context.location, nowMs)),
    links,
  };
}

/** GET /v2/notifications/{id}/pdf: the letter's PDF once it is past its virus check / rendering. */
export function getLetterPdf(context: SimulatorContext, notificationId: string): Buffer {
  const notification = findNotification(context, notificationId);
  if (notification.type !== 'letter') throw badRequest('Notification is not a letter');
  const status = internalStatusAt(notification, Date.now());
  if (status === 'virus-scan-failed') throw badRequest('File did not pass the virus scan');
  if (status === 'technical-failure') throw badRequest('PDF not available for letters in status technical-failure');
  if (status === 'pending-virus-check' || status === 'created') {
    throw ApiError.single(400, 'PDFNotReadyError', 'PDF not available yet, try again later');
  }
  if (notification.pdf) return notification.pdf;
  const address = [...notification.addressLines, notification.postcode].filter((line): line is string => !!line);
  return minimalLetterPdf([...address, '', notification.subject ?? '', '', ...notification.body.split(/\r?\n/)]);
}
