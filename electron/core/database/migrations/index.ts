import type { Migration } from '../migration';
import { initialSchema } from './001-initial';

/** Every migration, oldest first. Append only: a released migration never changes. */
export const migrations: readonly Migration[] = [initialSchema];
