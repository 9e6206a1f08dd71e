import { TimeOrderedIdGenerator } from './time-ordered-id';

export const nowIso = (): string => new Date().toISOString();
const ids = new TimeOrderedIdGenerator();

/** A new id for a row: a UUID that sorts after every id made before it in this process. */
export const newId = (): string => ids.next();
