import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  createNotifyClient,
  NotifyApiError,
  parseApiKey,
  responseError,
  signHs256Jwt,
} from '../../../electron/core/notify-client';

const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
const API_KEY = `my-test-key-${SERVICE_ID}-${SECRET}`;

describe('Notify client', () => {
  it('signs exactly like the official client (known vector)', () => {
    expect(signHs256Jwt({ iss: 123, iat: 1234567890 }, 'SECRET')).toBe(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOjEyMywiaWF0IjoxMjM0NTY3ODkwfQ.18aBKSLffjbX_TLmosB_qYgW9EkWIQpBgWy7GpiKg6o',
    );
  });

  it('splits the key by position from the end, whatever the key name holds', () => {
    expect(parseApiKey(API_KEY)).toEqual({ serviceId: SERVICE_ID, secret: SECRET });
    expect(parseApiKey(`${SERVICE_ID}:${SECRET}`)).toEqual({ serviceId: SERVICE_ID, secret: SECRET });
    expect(() => parseApiKey('too-short')).toThrow(/whole key/);
  });

  it('classifies Notify’s errors by what the sender should do', () => {
    const kind = (status: number, error: string, message = 'x') => responseError(status, [{ error, message }]).kind;
    expect(kind(429, 'RateLimitError')).toBe('rate-limit');
    expect(kind(429, 'TooManyRequestsError')).toBe('daily-limit');
    expect(kind(400, 'ValidationError')).toBe('rejected');
    expect(kind(400, 'BadRequestError')).toBe('rejected');
    expect(kind(403, 'BadRequestError')).toBe('rejected');
    expect(kind(403, 'AuthError')).toBe('auth');
    expect(kind(401, 'AuthError')).toBe('auth');
    expect(kind(500, 'Exception')).toBe('server');
    expect(kind(504, 'EventletTimeout')).toBe('server');
    const daily = responseError(429, [
      { error: 'TooManyRequestsError', message: 'Exceeded send limits (sms: 250000) for today' },
    ]);
    expect(daily.dailyLimitType).toBe('sms');
    expect(daily.outcomeUnknown).toBe(false);
    expect(responseError(500, []).outcomeUnknown).toBe(true);
    const rejected = responseError(400, [
      { error: 'ValidationError', message: 'phone_number Not enough digits' },
      { error: 'ValidationError', message: 'template_id is not a valid UUID' },
    ]);
    expect(rejected.message).toBe('phone_number Not enough digits; template_id is not a valid UUID');
  });

  it('sends a fresh {iss, iat} token, a User-Agent and the reference; checks the answer; reports no connection as unreachable', async () => {
    const seen: { headers: IncomingHttpHeaders; body: string }[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen.push({ headers: request.headers, body });
        response.setHeader('content-type', 'application/json');
        if (request.url === '/v2/notifications/sms') {
          response.statusCode = 201;
          response.end(JSON.stringify({ id: 'b0d6e4c8-0000-4000-8000-000000000001', reference: 'ref-1', content: {} }));
        } else {
          response.statusCode = 200;
          response.end(JSON.stringify({ not: 'a list' }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = createNotifyClient({ baseUrl: `http://127.0.0.1:${port}/`, apiKey: API_KEY, timeoutMs: 2_000 });
    try {
      const sent = await client.sendSms({
        templateId: 't',
        phoneNumber: '07700900123',
        personalisation: { body: 'Hi' },
        reference: 'ref-1',
      });
      expect(sent.id).toBe('b0d6e4c8-0000-4000-8000-000000000001');
      const request = seen[0]!;
      expect(JSON.parse(request.body)).toEqual({
        template_id: 't',
        phone_number: '07700900123',
        personalisation: { body: 'Hi' },
        reference: 'ref-1',
      });
      expect(request.headers['user-agent']).toMatch(/^notify-desk\//);
      const token = String(request.headers.authorization).replace(/^Bearer /, '');
      const [header, claims, signature] = token.split('.');
      expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
      const decoded = JSON.parse(Buffer.from(claims!, 'base64url').toString()) as Record<string, unknown>;
      expect(Object.keys(decoded)).toEqual(['iss', 'iat']);
      expect(decoded.iss).toBe(SERVICE_ID);
      expect(Math.abs((decoded.iat as number) - Date.now() / 1000)).toBeLessThan(5);
      expect(signature).toBe(createHmac('sha256', SECRET).update(`${header}.${claims}`).digest('base64url'));

      await expect(client.listNotifications()).rejects.toMatchObject({ kind: 'invalid-response' });
    } finally {
      client.close();
      await new Promise((resolve) => server.close(resolve));
    }
    const offline = createNotifyClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: API_KEY, timeoutMs: 2_000 });
    const error = await offline.listNotifications().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotifyApiError);
    expect((error as NotifyApiError).kind).toBe('unreachable');
    offline.close();
  });
});
