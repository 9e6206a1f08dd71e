import type { OutboxCounts, OutboxMessage } from './outbox';
import type { SyncStatus } from './sync';
import type { ImportProgress } from './imports';
import type { LetterPrintProgress } from './letters';
import type { RecordExportProgress } from './record';
import type { WatchFolderFile } from './watch-folders';

/** Events the core pushes to every host's UI. */
export interface CoreEvents {
  'outbox.changed': { messageIds: string[]; counts: OutboxCounts };
  'sync.status': SyncStatus;
  'message.updated': OutboxMessage;
  'templates.changed': { templateId: string };
  'import.progress': ImportProgress;
  /** Desktop app: the core's process stopped unexpectedly; `restarting` says whether a new one is starting. */
  'core.restarted': { message: string; restarting: boolean };
  'letters.progress': LetterPrintProgress;
  'record.exportProgress': RecordExportProgress;
  'record.changed': { adopted: number; statusesChanged: number };
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
  'core.restarted',
  'letters.progress',
  'record.exportProgress',
  'record.changed',
  'inbox.changed',
  'watchFolders.file',
];
