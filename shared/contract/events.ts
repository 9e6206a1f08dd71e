import type { OutboxCounts, OutboxMessage } from './outbox';
import type { SyncStatus } from './sync';
import type { ImportProgress } from './imports';
import type { WatchFolderFile } from './watch-folders';

/** Events the core pushes to every host's UI. */
export interface CoreEvents {
  'outbox.changed': { messageIds: string[]; counts: OutboxCounts };
  'sync.status': SyncStatus;
  'message.updated': OutboxMessage;
  'templates.changed': { templateId: string };
  'import.progress': ImportProgress;
  /** New replies arrived, or some were read. */
  'inbox.changed': { unread: number; fetched: number };
  /** A file of a watch folder was taken, moved on in its import, or finished. */
  'watchFolders.file': WatchFolderFile;
}
export type CoreEventName = keyof CoreEvents;
export const coreEventNames: readonly CoreEventName[] = [
  'outbox.changed',
  'sync.status',
  'message.updated',
  'templates.changed',
  'import.progress',
  'inbox.changed',
  'watchFolders.file',
];
