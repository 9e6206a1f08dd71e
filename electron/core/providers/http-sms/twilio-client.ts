// An HTTP SMS gateway in the shape of Twilio's Messages API (2010-04-01): a form-encoded POST with HTTP Basic auth
// creates a message, a GET reads its status. The base URL is configurable, so Twilio-compatible gateways work too.
// Requests go through the core's network access (proxy, trusted certificates) as Notify's do.
import type { AxiosInstance, AxiosResponse } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import * as z from 'zod';
import type { NetworkAccess } from '../../network/network-access';
import type { RequestRoute } from '../../network/network-failure';
import { requestTarget } from '../../notify-client/connection-failure';
import { connectionError, NotifyApiError } from '../../notify-client/errors';
import { axiosProxy, proxyAnswerError, routeError, setupError } from '../../notify-client/network-route';
import { tidyErrorText } from '../../error-text';

const messageSchema = z.object({
  sid: z.string().min(1),
  status: z.string(),
  error_code: z.union([z.number(), z.string(), z.null()]).optional(),
  error_message: z.string().nullable().optional(),
});
export type TwilioMessage = z.infer<typeof messageSchema>;

const errorSchema = z.object({ code: z.number().optional(), message: z.string().optional() });

/** How a request ended without a message resource. */
export type TwilioFailure =
  /** No connection, a proxy or certificate failure: nothing reached the gateway. */
  | { kind: 'no-connection'; message: string }
  /** It may have reached the gateway (a timeout, a lost connection, a server error, an answer the desk cannot read). */
  | { kind: 'no-answer'; message: string }
  | { kind: 'refused-credentials'; message: string }
  | { kind: 'throttled'; message: string; retryAfterMs: number | null }
  /** The gateway refused the request, with its error code. */
  | { kind: 'refused'; message: string; code: number | null };

export class TwilioRequestError extends Error {
  constructor(readonly failure: TwilioFailure) {
    super(failure.message);
    this.name = 'TwilioRequestError';
  }
}

export interface TwilioClientOptions {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  timeoutMs: number;
  network: NetworkAccess;
  maxSockets: number;
}

export const errorCodeOf = (message: TwilioMessage): number | null => {
  const code = Number(message.error_code);
  return message.error_code === null || message.error_code === undefined || Number.isNaN(code) ? null : code;
};

export class TwilioClient {
  private readonly secure: boolean;
  private readonly host: string;
  private readonly httpAgent: HttpAgent;
  private httpsAgent: HttpsAgent | null = null;
  private http: Promise<AxiosInstance> | null = null;
  private readonly accountPath: string;

  constructor(private readonly options: TwilioClientOptions) {
    const url = new URL(options.baseUrl);
    this.secure = url.protocol === 'https:';
    this.host = url.hostname;
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets: options.maxSockets });
    this.accountPath = `/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}`;
  }

  createMessage(to: string, from: string, body: string): Promise<TwilioMessage> {
    const form = new URLSearchParams({ To: to, From: from, Body: body }).toString();
    return this.request('POST', `${this.accountPath}/Messages.json`, messageSchema, form);
  }

  getMessage(sid: string): Promise<TwilioMessage> {
    return this.request('GET', `${this.accountPath}/Messages/${encodeURIComponent(sid)}.json`, messageSchema);
  }

  /** The account itself: what "Test connection" asks for. */
  async checkAccount(): Promise<void> {
    await this.request('GET', `${this.accountPath}.json`, z.object({ sid: z.string() }));
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent?.destroy();
  }

  private async request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    form?: string,
  ): Promise<z.output<S>> {
    let route: RequestRoute;
    try {
      route = { host: this.host, proxy: await this.options.network.proxyFor(this.options.baseUrl) };
      if (this.secure)
        this.httpsAgent ??= new HttpsAgent({
          keepAlive: true,
          maxSockets: this.options.maxSockets,
          secureContext: this.options.network.secureContext(),
        });
    } catch (error) {
      throw this.asFailure(setupError(error) ?? error);
    }
    const axios = await import('axios');
    this.http ??= Promise.resolve(
      axios.default.create({
        baseURL: this.options.baseUrl,
        timeout: this.options.timeoutMs,
        httpAgent: this.httpAgent,
        auth: { username: this.options.accountSid, password: this.options.authToken },
        headers: { Accept: 'application/json' },
        validateStatus: () => true,
        maxRedirects: 0,
        transitional: { clarifyTimeoutError: true },
      }),
    );
    let response: AxiosResponse<unknown>;
    try {
      response = await (
        await this.http
      ).request({
        method,
        url: path,
        data: form,
        headers: form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {},
        proxy: axiosProxy(route.proxy),
        ...(this.httpsAgent ? { httpsAgent: this.httpsAgent } : {}),
      });
    } catch (error) {
      const target = requestTarget(this.options.baseUrl, this.options.timeoutMs, 'The SMS gateway');
      const code = error instanceof axios.AxiosError ? error.code : undefined;
      throw this.asFailure(
        routeError(code, route, error) ??
          connectionError(code, error instanceof Error ? error.message : String(error), target, error),
      );
    }
    const refusedByProxy = proxyAnswerError(response, route, this.secure);
    if (refusedByProxy) throw this.asFailure(refusedByProxy);
    if (response.status < 200 || response.status >= 300) throw new TwilioRequestError(this.httpFailure(response));
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      throw new TwilioRequestError({
        kind: 'no-answer',
        message: `The SMS gateway answered with something notify-desk does not understand (HTTP ${response.status}).`,
      });
    }
    return parsed.data;
  }

  private httpFailure(response: AxiosResponse<unknown>): TwilioFailure {
    const body = errorSchema.safeParse(response.data);
    const code = body.success ? (body.data.code ?? null) : null;
    const words = tidyErrorText(body.success && body.data.message ? body.data.message : `HTTP ${response.status}`);
    const message = `The SMS gateway said: ${words}${code !== null ? ` (error ${code})` : ''}`;
    if (response.status === 401 || response.status === 403) {
      return {
        kind: 'refused-credentials',
        message: `The SMS gateway refused the account SID or auth token: ${words}`,
      };
    }
    if (response.status === 429) {
      const seconds = Number(response.headers['retry-after']);
      return {
        kind: 'throttled',
        message,
        retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null,
      };
    }
    if (response.status >= 500)
      return { kind: 'no-answer', message: `The SMS gateway had a problem (HTTP ${response.status}): ${words}` };
    return { kind: 'refused', message, code };
  }

  private asFailure(error: unknown): TwilioRequestError {
    if (!(error instanceof NotifyApiError))
      return new TwilioRequestError({
        kind: 'no-answer',
        message: error instanceof Error ? error.message : String(error),
      });
    const nothingSent = ['unreachable', 'proxy', 'certificate'].includes(error.kind);
    return new TwilioRequestError({ kind: nothingSent ? 'no-connection' : 'no-answer', message: error.message });
  }
}
