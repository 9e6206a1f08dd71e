import { createHmac } from 'node:crypto';

const base64Url = (input: string | Buffer): string => Buffer.from(input).toString('base64url');

const ENCODED_HEADER = base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** The bearer token Notify expects: HS256 over exactly `{iss, iat}`, signed with the key's secret. A fresh one per request. */
export function createNotifyToken(serviceId: string, secret: string, nowMs: number = Date.now()): string {
  return signHs256Jwt({ iss: serviceId, iat: Math.round(nowMs / 1000) }, secret);
}

export function signHs256Jwt(claims: Record<string, string | number>, secret: string): string {
  const signingInput = `${ENCODED_HEADER}.${base64Url(JSON.stringify(claims))}`;
  const signature = createHmac('sha256', secret).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}
