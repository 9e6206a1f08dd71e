import { authenticate } from './auth';
import { methodNotAllowed, routeNotFound } from './api-error';
import type { SimulatorContext } from './context';
import { getLetterPdf, getNotification, listNotifications } from './notification-endpoints';
import { listReceivedTexts } from './received-texts-endpoint';
import { sendLetter } from './send-letter';
import { sendEmail, sendSms } from './send-sms-or-email';
import { getTemplate, listTemplates, previewTemplate } from './template-endpoints';
import { letterRequestKind, type RequestKind } from './request-latency';
import type { KeyType } from './types';

export interface ApiRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  authorization: string | undefined;
  body: Buffer;
}

export type ApiResult = { status: number; json: unknown } | { status: number; pdf: Buffer };

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  kind: RequestKind | ((body: Buffer) => RequestKind);
  handle: (context: SimulatorContext, keyType: KeyType, request: ApiRequest, params: string[]) => ApiResult;
}

const ok = (json: unknown): ApiResult => ({ status: 200, json });
const created = (json: unknown): ApiResult => ({ status: 201, json });

/** Notify's v2 routes; every one of them is behind the API-key check. Werkzeug picks the first rule that matches. */
const API_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v2\/notifications$/,
    kind: 'notifications',
    handle: (c, k, r) => ok(listNotifications(c, k, r.search)),
  },
  {
    method: 'POST',
    pattern: /^\/v2\/notifications\/sms$/,
    kind: 'sms',
    handle: (c, k, r) => created(sendSms(c, k, r.body)),
  },
  {
    method: 'POST',
    pattern: /^\/v2\/notifications\/email$/,
    kind: 'email',
    handle: (c, k, r) => created(sendEmail(c, k, r.body)),
  },
  {
    method: 'POST',
    pattern: /^\/v2\/notifications\/letter$/,
    kind: letterRequestKind,
    handle: (c, k, r) => created(sendLetter(c, k, r.body)),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/notifications\/([^/]+)$/,
    kind: 'notification',
    handle: (c, _k, _r, [id]) => ok(getNotification(c, id!)),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/notifications\/([^/]+)\/pdf$/,
    kind: 'letter-pdf',
    handle: (c, _k, _r, [id]) => ({ status: 200, pdf: getLetterPdf(c, id!) }),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/templates$/,
    kind: 'templates',
    handle: (c, _k, r) => ok(listTemplates(c, r.search)),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/template\/([^/]+)$/,
    kind: 'template',
    handle: (c, _k, _r, [id]) => ok(getTemplate(c, id!)),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/template\/([^/]+)\/version\/(\d+)$/,
    kind: 'template',
    handle: (c, _k, _r, [id, version]) => ok(getTemplate(c, id!, Number(version))),
  },
  {
    method: 'POST',
    pattern: /^\/v2\/template\/([^/]+)\/preview$/,
    kind: 'template-preview',
    handle: (c, _k, r, [id]) => ok(previewTemplate(c, id!, r.body)),
  },
  {
    method: 'GET',
    pattern: /^\/v2\/received-text-messages$/,
    kind: 'received-texts',
    handle: (c, _k, r) => ok(listReceivedTexts(c, r.search)),
  },
];

/** Routes first (legacy 404/405 with no auth), then the API-key check, then the handler. */
export function handleApiRequest(context: SimulatorContext, request: ApiRequest): ApiResult {
  let pathMatched = false;
  for (const route of API_ROUTES) {
    const match = route.pattern.exec(request.path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== request.method && !(route.method === 'GET' && request.method === 'HEAD')) continue;
    const keyType = authenticate(request.authorization, context.credentials);
    return route.handle(context, keyType, request, match.slice(1));
  }
  throw pathMatched ? methodNotAllowed() : routeNotFound();
}

/** The kind of request a method and path make, for the latency Notify takes over it (undefined: no route). */
export function requestKindOf(method: string, path: string, body: Buffer): RequestKind | undefined {
  const route = API_ROUTES.find(
    (candidate) =>
      candidate.pattern.test(path) &&
      (candidate.method === method || (candidate.method === 'GET' && method === 'HEAD')),
  );
  if (!route) return undefined;
  return typeof route.kind === 'function' ? route.kind(body) : route.kind;
}
