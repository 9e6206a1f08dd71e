import { userInfo } from 'node:os';
import { TimeOrderedIdGenerator } from './time-ordered-id';

export const nowIso = (): string => new Date().toISOString();
const ids = new TimeOrderedIdGenerator();

/** A new id for a row: a UUID that sorts after every id made before it in this process. */
export const newId = (): string => ids.next();

/** The person at the desk, recorded on everything they queue. */
export function currentUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
