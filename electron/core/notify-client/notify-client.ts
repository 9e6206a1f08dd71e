import type { AxiosInstance, AxiosResponse } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { z } from 'zod';
import { createNetworkAccess, type NetworkAccess } from '../network/network-access';
import type { RequestRoute } from '../network/network-failure';
import { APP_VERSION } from '../app-version';
import { parseApiKey } from './api-key';
import { requestTarget } from './connection-failure';
import { connectionError, NotifyApiError, responseError } from './errors';
import { createNotifyToken } from './jwt';
import { axiosProxy, proxyAnswerError, routeError, setupError } from './network-route';
import {
  errorEnvelopeSchema,
  notificationListSchema,
  notificationSchema,
  receivedTextListSchema,
  sendResponseSchema,
  templateListSchema,
  templateSchema,
  type Notification,
  type NotificationList,
  type NotifyTemplate,
  type ReceivedTextList,
  type SendResponse,
} from './schemas';

export const NOTIFY_DESK_USER_AGENT = `notify-desk/${APP_VERSION}`;
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface NotifyClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  /** Sockets kept open per host; several requests in flight need several. */
  maxSockets?: number;
  /** The proxy and the certificates to trust; by default the environment's proxy variables and the system's CAs. */
  network?: NetworkAccess;
}

export interface SendSmsRequest {
  templateId: string;
  phoneNumber: string;
  personalisation?: Record<string, unknown>;
  reference?: string;
  smsSenderId?: string;
}

export interface SendEmailRequest {
  templateId: string;
  emailAddress: string;
  personalisation?: Record<string, unknown>;
  reference?: string;
  emailReplyToId?: string;
}

export interface SendLetterRequest {
  templateId: string;
  personalisation: Record<string, unknown>;
  reference?: string;
}

export interface SendPrecompiledLetterRequest {
  reference: string;
  pdf: Uint8Array;
  postage?: 'first' | 'second' | 'economy';
}

export interface ListNotificationsQuery {
  templateType?: 'sms' | 'email' | 'letter';
  status?: string;
  reference?: string;
  olderThan?: string;
  /** Also list notifications from spreadsheets uploaded in Notify's web interface. */
  includeJobs?: boolean;
}

export interface NotifyClient {
  readonly serviceId: string;
  sendSms(request: SendSmsRequest): Promise<SendResponse>;
  sendEmail(request: SendEmailRequest): Promise<SendResponse>;
  sendLetter(request: SendLetterRequest): Promise<SendResponse>;
  /** A letter the service made itself, as a PDF (Notify's precompiled letter). */
  sendPrecompiledLetter(request: SendPrecompiledLetterRequest): Promise<SendResponse>;
  getNotification(id: string): Promise<Notification>;
  listNotifications(query?: ListNotificationsQuery): Promise<NotificationList>;
  /** The notification Notify holds with this reference, or null. */
  findByReference(reference: string): Promise<Notification | null>;
  listTemplates(type?: 'sms' | 'email' | 'letter'): Promise<NotifyTemplate[]>;
  getTemplate(id: string, version?: number): Promise<NotifyTemplate>;
  /** One page of the texts the service received, newest first, strictly older than `olderThan` when given. */
  listReceivedTexts(olderThan?: string): Promise<ReceivedTextList>;
  /** Closes the kept-alive sockets. */
  close(): void;
}

/** A client for Notify's API v2. Every method resolves with validated data or rejects with a classified NotifyApiError. */
export function createNotifyClient(options: NotifyClientOptions): NotifyClient {
  const { serviceId, secret } = parseApiKey(options.apiKey);
  const maxSockets = options.maxSockets ?? 32;
  const network = options.network ?? createNetworkAccess();
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const secure = new URL(baseUrl).protocol === 'https:';
  const host = new URL(baseUrl).hostname;
  const target = requestTarget(options.baseUrl, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets });
  // Made at the first request, so that a CA file that cannot be read is reported as that request's failure.
  let httpsAgent: HttpsAgent | null = null;
  // axios is loaded on the first request, not with the core: loading it probes Node's fetch machinery (tens of
  // milliseconds), and most command-line calls never reach Notify.
  let http: Promise<AxiosInstance> | undefined;
  const loadAxios = () => import('axios');
  const createHttp = async (): Promise<AxiosInstance> =>
    (await loadAxios()).default.create({
      baseURL: baseUrl,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      httpAgent,
      headers: { 'User-Agent': NOTIFY_DESK_USER_AGENT, Accept: 'application/json' },
      validateStatus: () => true,
      maxRedirects: 0,
      transitional: { clarifyTimeoutError: true },
    });

  async function request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.output<S>> {
    let route: RequestRoute;
    try {
      route = { host, proxy: await network.proxyFor(baseUrl) };
      if (secure)
        httpsAgent ??= new HttpsAgent({ keepAlive: true, maxSockets, secureContext: network.secureContext() });
    } catch (error) {
      throw setupError(error) ?? error;
    }
    let response: AxiosResponse<unknown>;
    try {
      http ??= createHttp();
      response = await (
        await http
      ).request({
        method,
        url: path,
        data: body,
        headers: { Authorization: `Bearer ${createNotifyToken(serviceId, secret)}` },
        proxy: axiosProxy(route.proxy),
        ...(httpsAgent ? { httpsAgent } : {}),
      });
    } catch (error) {
      if (error instanceof (await loadAxios()).AxiosError) {
        throw routeError(error.code, route, error) ?? connectionError(error.code, error.message, target, error);
      }
      throw connectionError(undefined, error instanceof Error ? error.message : String(error), target, error);
    }
    const refusedByProxy = proxyAnswerError(response, route, secure);
    if (refusedByProxy) throw refusedByProxy;
    if (response.status < 200 || response.status >= 300) {
      const envelope = errorEnvelopeSchema.safeParse(response.data);
      throw responseError(response.status, envelope.success ? envelope.data.errors : legacyErrors(response.data));
    }
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      throw new NotifyApiError(
        'invalid-response',
        `Notify answered ${method} ${path} with something the desk does not understand: ${parsed.error.issues[0]?.message ?? 'invalid data'}`,
        response.status,
      );
    }
    return parsed.data;
  }

  return {
    serviceId,
    sendSms: (r) =>
      request('POST', '/v2/notifications/sms', sendResponseSchema, {
        template_id: r.templateId,
        phone_number: r.phoneNumber,
        ...(r.personalisation ? { personalisation: r.personalisation } : {}),
        ...(r.reference ? { reference: r.reference } : {}),
        ...(r.smsSenderId ? { sms_sender_id: r.smsSenderId } : {}),
      }),
    sendEmail: (r) =>
      request('POST', '/v2/notifications/email', sendResponseSchema, {
        template_id: r.templateId,
        email_address: r.emailAddress,
        ...(r.personalisation ? { personalisation: r.personalisation } : {}),
        ...(r.reference ? { reference: r.reference } : {}),
        ...(r.emailReplyToId ? { email_reply_to_id: r.emailReplyToId } : {}),
      }),
    sendLetter: (r) =>
      request('POST', '/v2/notifications/letter', sendResponseSchema, {
        template_id: r.templateId,
        personalisation: r.personalisation,
        ...(r.reference ? { reference: r.reference } : {}),
      }),
    sendPrecompiledLetter: (r) =>
      request('POST', '/v2/notifications/letter', sendResponseSchema, {
        reference: r.reference,
        content: Buffer.from(r.pdf).toString('base64'),
        ...(r.postage ? { postage: r.postage } : {}),
      }),
    getNotification: (id) => request('GET', `/v2/notifications/${encodeURIComponent(id)}`, notificationSchema),
    listNotifications: (query = {}) =>
      request('GET', `/v2/notifications${listQueryString(query)}`, notificationListSchema),
    async findByReference(reference) {
      const page = await request('GET', `/v2/notifications${listQueryString({ reference })}`, notificationListSchema);
      return page.notifications.find((notification) => notification.reference === reference) ?? null;
    },
    async listTemplates(type) {
      const query = type ? `?type=${encodeURIComponent(type)}` : '';
      return (await request('GET', `/v2/templates${query}`, templateListSchema)).templates;
    },
    getTemplate: (id, version) =>
      request(
        'GET',
        `/v2/template/${encodeURIComponent(id)}${version === undefined ? '' : `/version/${version}`}`,
        templateSchema,
      ),
    listReceivedTexts: (olderThan) =>
      request(
        'GET',
        `/v2/received-text-messages${olderThan ? `?older_than=${encodeURIComponent(olderThan)}` : ''}`,
        receivedTextListSchema,
      ),
    close() {
      httpAgent.destroy();
      httpsAgent?.destroy();
    },
  };
}

function listQueryString(query: ListNotificationsQuery): string {
  const params = new URLSearchParams();
  if (query.templateType) params.set('template_type', query.templateType);
  if (query.status) params.set('status', query.status);
  if (query.reference) params.set('reference', query.reference);
  if (query.olderThan) params.set('older_than', query.olderThan);
  if (query.includeJobs) params.set('include_jobs', 'true');
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Routing-level errors use `{"result":"error","message":...}`; anything else is reported by its status alone. */
function legacyErrors(data: unknown): { error: string; message: string }[] {
  if (data && typeof data === 'object' && 'message' in data) {
    const message = data.message;
    return [{ error: 'HTTPError', message: typeof message === 'string' ? message : JSON.stringify(message) }];
  }
  return [];
}
