import { createHmac, timingSafeEqual } from 'node:crypto';
import { authError } from './api-error';
import { JWT_CLOCK_TOLERANCE_SECONDS } from './constants';
import type { KeyType } from './types';
import { canonicalUuid, isUuid } from './uuid';

export interface ServiceCredentials {
  serviceId: string;
  /** The service's active keys; each key's secret signs the JWT. */
  keys: ReadonlyArray<{ keyType: KeyType; secret: string }>;
}

const GENERAL_MESSAGE =
  'Invalid token: make sure your API token matches the example at https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header';

interface DecodedToken {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function decodeWithoutVerifying(token: string): DecodedToken | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
  if (!BASE64URL.test(headerPart) || !BASE64URL.test(claimsPart) || !BASE64URL.test(signaturePart)) return undefined;
  const header = decodeJsonSegment(headerPart);
  const claims = decodeJsonSegment(claimsPart);
  if (!header || !claims) return undefined;
  return {
    header,
    claims,
    signingInput: `${headerPart}.${claimsPart}`,
    signature: Buffer.from(signaturePart, 'base64url'),
  };
}

function signatureMatches(token: DecodedToken, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(token.signingInput).digest();
  return expected.length === token.signature.length && timingSafeEqual(expected, token.signature);
}

// Clients mint a new token per request but with whole-second iat, so tokens repeat within a second: a token that
// verified once only needs its clock window checked again.
const VERIFIED_TOKEN_CACHE_LIMIT = 10_000;
const verifiedTokens = new Map<string, { keyType: KeyType; issuedAt: number; serviceId: string }>();

function checkClock(issuedAt: number, nowSeconds: number): void {
  if (Math.abs(nowSeconds - issuedAt) > JWT_CLOCK_TOLERANCE_SECONDS) {
    throw authError(403, 'Error: Your system clock must be accurate to within 30 seconds');
  }
}

/**
 * Notify's before-request auth check (notify-api.md §2.3), in its order, with its exact messages.
 * Returns the type of the key that signed the token.
 */
export function authenticate(
  authorizationHeader: string | undefined,
  service: ServiceCredentials,
  nowSeconds: number = Date.now() / 1000,
): KeyType {
  if (!authorizationHeader) throw authError(401, 'Unauthorized: authentication token must be provided');
  if (authorizationHeader.slice(0, 7).toLowerCase() !== 'bearer ') {
    throw authError(401, 'Unauthorized: authentication bearer scheme must be used');
  }
  const rawToken = authorizationHeader.slice(7);
  const verified = verifiedTokens.get(rawToken);
  if (verified && verified.serviceId === service.serviceId) {
    checkClock(verified.issuedAt, nowSeconds);
    return verified.keyType;
  }
  const token = decodeWithoutVerifying(rawToken);
  if (!token) throw authError(403, GENERAL_MESSAGE);

  const issuer = token.claims['iss'];
  if (issuer === undefined || issuer === null) throw authError(403, 'Invalid token: iss field not provided');
  if (typeof issuer !== 'string' || !isUuid(issuer)) {
    throw authError(403, 'Invalid token: service id is not the right data type');
  }
  if (canonicalUuid(issuer) !== service.serviceId) throw authError(403, 'Invalid token: service not found');
  if (service.keys.length === 0) throw authError(403, 'Invalid token: service has no API keys');

  for (const key of service.keys) {
    if (token.header['alg'] !== 'HS256') throw authError(403, 'Invalid token: algorithm used is not HS256');
    if (!signatureMatches(token, key.secret)) continue;
    const issuedAt = token.claims['iat'];
    if (issuedAt === undefined) continue; // PyJWT treats a missing iat as a decode error: the key is skipped
    if (typeof issuedAt !== 'number' || !Number.isFinite(issuedAt)) throw authError(403, GENERAL_MESSAGE);
    checkClock(issuedAt, nowSeconds);
    if ('aud' in token.claims) throw authError(403, GENERAL_MESSAGE);
    if (verifiedTokens.size >= VERIFIED_TOKEN_CACHE_LIMIT) verifiedTokens.clear();
    verifiedTokens.set(rawToken, { keyType: key.keyType, issuedAt, serviceId: service.serviceId });
    return key.keyType;
  }
  throw authError(403, 'Invalid token: API key not found');
}
