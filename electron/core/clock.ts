import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';

export const nowIso = (): string => new Date().toISOString();
export const newId = (): string => randomUUID();

/** The person at the desk, recorded on everything they queue. */
export function currentUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
