import { randomBytes, timingSafeEqual } from 'node:crypto';

const secret = (): string => randomBytes(32).toString('base64url');

function same(expected: Buffer, given: unknown): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const candidate = Buffer.from(given);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

/**
 * The secrets of one web-mode launch. The address handed to the browser carries only a one-time code (a browser's
 * command line, which `ps` shows every user, holds it); the first page to present it gets the session's token,
 * and the code is spent, so replaying the address opens nothing.
 */
export class WebSessionKeys {
  readonly code = secret();
  private readonly token = secret();
  private readonly codeBytes = Buffer.from(this.code);
  private readonly tokenBytes = Buffer.from(this.token);
  private codeSpent = false;

  /** The session's token for the launch's code, once; after that the code is `spent`, and any other is `unknown`. */
  exchange(code: unknown): { token: string } | { refused: 'spent' | 'unknown' } {
    if (!same(this.codeBytes, code)) return { refused: 'unknown' };
    if (this.codeSpent) return { refused: 'spent' };
    this.codeSpent = true;
    return { token: this.token };
  }

  acceptsToken(given: unknown): boolean {
    return same(this.tokenBytes, given);
  }
}
