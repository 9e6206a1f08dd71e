import type { Migration } from '../migration';
import { initialSchema } from './001-initial';
import { importColumnMappings } from './002-import-column-mappings';
import { outboxMessageConstraints } from './003-outbox-message-constraints';
import { inboxAndWatchFolders } from './009-inbox-and-watch-folders';

/** Every migration, oldest first. Append only: a released migration never changes. */
export const migrations: readonly Migration[] = [initialSchema, importColumnMappings, outboxMessageConstraints, inboxAndWatchFolders];
