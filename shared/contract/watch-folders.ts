import * as z from 'zod';
import { emptyArgs, idSchema } from './common';
import { columnMappingSchema, type ColumnMapping, type ImportStage } from './imports';
import type { PermissionsFor } from './permissions';
import { parseTimeOfDay } from '../notify/uk-time';

/** A folder back-office systems drop spreadsheets into; each complete file is imported and queued as a batch. */
export interface WatchFolder {
  id: string;
  /** Where the folder is, to show; the UI never sends a path back (a new folder comes from the desktop's own dialog). */
  folder: string;
  templateId: string;
  templateName: string;
  sheet: string | null;
  /** Column matches for its files; null uses the ones saved for the template on the import page. */
  mapping: ColumnMapping | null;
  /** Queue the valid rows and set the others aside; otherwise a file with any problem queues nothing. */
  excludeInvalid: boolean;
  /** `HH:MM` UK time: batches wait until the next such time. Null sends at once. */
  sendTime: string | null;
  createdBy: string;
  createdAt: string;
  /** Whether this app is watching it now, and why not. */
  watching: boolean;
  problem: string | null;
}

export type WatchFolderFileState = 'importing' | 'queued' | 'done' | 'failed';

/** One file taken from a watch folder. */
export interface WatchFolderFile {
  id: string;
  watchFolderId: string | null;
  folder: string;
  fileName: string;
  state: WatchFolderFileState;
  batchId: string | null;
  queued: number;
  rejected: number;
  /** Why it failed, in the words its report gives. */
  reason: string | null;
  /** Where the file was moved: `done/…` or `failed/…` inside the folder. */
  movedTo: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** While importing: the stage and the rows done so far. */
  progress: { stage: ImportStage; rows: number } | null;
}

/** `HH:MM`, 24-hour. */
export const timeOfDaySchema = z
  .string()
  .trim()
  .refine(
    (text) => parseTimeOfDay(text) !== null,
    'Enter the time to send as hours and minutes on the 24-hour clock, for example 09:30.',
  );

export const watchFolderHandlerArgs = {
  'watchFolders.list': emptyArgs,
  /**
   * The desktop app's main process, with the folder its own dialog returned: an opaque token for the page to save
   * the watch folder with. A page never names a folder.
   */
  'watchFolders.grantFolder': z.object({ path: z.string().min(1).max(4096) }).strict(),
  'watchFolders.save': z
    .object({
      /** Changes this watch folder; absent adds one, which needs `folderToken`. */
      id: idSchema.optional(),
      folderToken: z.string().min(1).max(200).optional(),
      templateId: idSchema,
      sheet: z.string().trim().max(255).optional(),
      mapping: columnMappingSchema.nullable().default(null),
      excludeInvalid: z.boolean().default(false),
      sendTime: timeOfDaySchema.nullable().default(null),
    })
    .strict(),
  'watchFolders.remove': z.object({ id: idSchema }).strict(),
  /** The files taken most recently, newest first, with any being imported now. */
  'watchFolders.activity': z.object({ limit: z.number().int().min(1).max(200).default(10) }).strict(),
} as const;

export const watchFolderHandlerPermissions = {
  'watchFolders.list': 'manage-providers',
  'watchFolders.grantFolder': 'manage-providers',
  'watchFolders.save': 'manage-providers',
  'watchFolders.remove': 'manage-providers',
  'watchFolders.activity': 'manage-providers',
} as const satisfies PermissionsFor<typeof watchFolderHandlerArgs>;

export interface WatchFolderHandlerResults {
  'watchFolders.list': { folders: WatchFolder[] };
  'watchFolders.grantFolder': { folderToken: string; folder: string };
  'watchFolders.save': { folder: WatchFolder };
  'watchFolders.remove': { removed: boolean };
  'watchFolders.activity': { files: WatchFolderFile[] };
}
