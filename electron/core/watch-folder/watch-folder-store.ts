import type { ColumnMapping, WatchFolder, WatchFolderFile, WatchFolderFileState } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { newId, nowIso } from '../clock';

/** What a watch folder imports its files with. */
export interface WatchSettings {
  /** Null for a folder watched from the command line without being saved. */
  watchFolderId: string | null;
  folder: string;
  templateId: string;
  sheet?: string;
  mapping: ColumnMapping | null;
  excludeInvalid: boolean;
  sendTime: string | null;
}

interface WatchFolderRow {
  id: string;
  folder: string;
  template_id: string;
  template_name: string;
  sheet: string | null;
  column_mapping: string | null;
  exclude_invalid: number;
  send_time: string | null;
  created_by: string;
  created_at: string;
}

export interface WatchFolderFileRow {
  id: string;
  watch_folder_id: string | null;
  folder: string;
  file_name: string;
  content_hash: string | null;
  state: WatchFolderFileState;
  batch_id: string | null;
  queued: number;
  rejected: number;
  reason: string | null;
  report: string | null;
  moved_to: string | null;
  owner: string | null;
  lease_until: string | null;
  started_at: string;
  finished_at: string | null;
}

export type SavedWatchFolder = Omit<WatchFolder, 'watching' | 'problem'>;

function toSavedWatchFolder(row: WatchFolderRow): SavedWatchFolder {
  return {
    id: row.id,
    folder: row.folder,
    templateId: row.template_id,
    templateName: row.template_name,
    sheet: row.sheet,
    mapping: row.column_mapping === null ? null : (JSON.parse(row.column_mapping) as ColumnMapping),
    excludeInvalid: row.exclude_invalid === 1,
    sendTime: row.send_time,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export function settingsOf(folder: SavedWatchFolder): WatchSettings {
  return {
    watchFolderId: folder.id,
    folder: folder.folder,
    templateId: folder.templateId,
    sheet: folder.sheet ?? undefined,
    mapping: folder.mapping,
    excludeInvalid: folder.excludeInvalid,
    sendTime: folder.sendTime,
  };
}

const SELECT_FOLDER = `SELECT w.*, t.name AS template_name FROM watch_folders w JOIN templates t ON t.id = w.template_id`;

export function listWatchFolders(db: Db): SavedWatchFolder[] {
  return (db.prepare(`${SELECT_FOLDER} ORDER BY w.created_at`).all() as WatchFolderRow[]).map(toSavedWatchFolder);
}

export function getWatchFolder(db: Db, id: string): SavedWatchFolder | null {
  const row = db.prepare(`${SELECT_FOLDER} WHERE w.id = ?`).get(id) as WatchFolderRow | undefined;
  return row ? toSavedWatchFolder(row) : null;
}

export function findWatchFolderByPath(db: Db, folder: string): SavedWatchFolder | null {
  const row = db.prepare(`${SELECT_FOLDER} WHERE w.folder = ?`).get(folder) as WatchFolderRow | undefined;
  return row ? toSavedWatchFolder(row) : null;
}

/** Adds a watch folder (no id) or changes one; returns its id. */
export function saveWatchFolder(
  db: Db,
  settings: Omit<WatchSettings, 'watchFolderId'> & { id?: string },
  user: string,
): string {
  const now = nowIso();
  const values = {
    folder: settings.folder,
    templateId: settings.templateId,
    sheet: settings.sheet ?? null,
    mapping: settings.mapping === null ? null : JSON.stringify(settings.mapping),
    excludeInvalid: settings.excludeInvalid ? 1 : 0,
    sendTime: settings.sendTime,
    now,
  };
  if (settings.id) {
    db.prepare(
      `UPDATE watch_folders SET folder = @folder, template_id = @templateId, sheet = @sheet, column_mapping = @mapping,
         exclude_invalid = @excludeInvalid, send_time = @sendTime, updated_at = @now WHERE id = @id`,
    ).run({ ...values, id: settings.id });
    return settings.id;
  }
  const id = newId();
  db.prepare(
    `INSERT INTO watch_folders (id, folder, template_id, sheet, column_mapping, exclude_invalid, send_time, created_by, created_at, updated_at)
     VALUES (@id, @folder, @templateId, @sheet, @mapping, @excludeInvalid, @sendTime, @user, @now, @now)`,
  ).run({ ...values, id, user });
  return id;
}

export function removeWatchFolder(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM watch_folders WHERE id = ?').run(id).changes > 0;
}

export function toWatchFolderFile(
  row: WatchFolderFileRow,
  progress: WatchFolderFile['progress'] = null,
): WatchFolderFile {
  return {
    id: row.id,
    watchFolderId: row.watch_folder_id,
    folder: row.folder,
    fileName: row.file_name,
    state: row.state,
    batchId: row.batch_id,
    queued: row.queued,
    rejected: row.rejected,
    reason: row.reason,
    movedTo: row.moved_to,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    progress,
  };
}

export function getWatchFolderFile(db: Db, id: string): WatchFolderFileRow {
  return db.prepare('SELECT * FROM watch_folder_files WHERE id = ?').get(id) as WatchFolderFileRow;
}

/** The files taken most recently, newest first. */
export function recentWatchFolderFiles(db: Db, limit: number): WatchFolderFileRow[] {
  return db
    .prepare('SELECT * FROM watch_folder_files ORDER BY started_at DESC, rowid DESC LIMIT ?')
    .all(limit) as WatchFolderFileRow[];
}
