import { createHmac } from 'node:crypto';
import { isAxiosError } from 'axios';

export interface ErrorEnvelope {
  status_code: number;
  errors: Array<{ error: string; message: string }>;
}

/** The HTTP status and body of a client call that must fail. */
export async function failureOf(call: Promise<unknown>): Promise<{ status: number; data: ErrorEnvelope }> {
  try {
    await call;
  } catch (error) {
    if (isAxiosError(error) && error.response) {
      return { status: error.response.status, data: error.response.data as ErrorEnvelope };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** The messages of a failed call's error envelope. */
export async function errorMessagesOf(call: Promise<unknown>): Promise<Array<[string, string]>> {
  const { data } = await failureOf(call);
  return data.errors.map((entry) => [entry.error, entry.message]);
}

const base64Url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT signed like the clients sign it, with any header and claims. */
export function signJwt(secret: string, claims: object, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const signingInput = `${base64Url(header)}.${base64Url(claims)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

export const secretOf = (apiKey: string): string => apiKey.slice(-36);
export const nowSeconds = (): number => Math.round(Date.now() / 1000);

/** A plain fetch to the simulator, returning the status and parsed JSON. */
export async function requestJson(
  url: string,
  init: { method?: string; token?: string; authorization?: string; body?: string } = {},
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (init.authorization !== undefined) headers['Authorization'] = init.authorization;
  else if (init.token !== undefined) headers['Authorization'] = `Bearer ${init.token}`;
  const response = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

/** A request to one of the simulator's /_simulator/ control routes, with its control key. */
export function controlRequest(
  simulator: { url: string; controlKey: string },
  path: string,
  init: { method?: string; body?: string } = {},
): Promise<{ status: number; json: unknown }> {
  return requestJson(`${simulator.url}${path}`, { ...init, token: simulator.controlKey });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until the check returns something other than undefined. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(50);
  }
}
