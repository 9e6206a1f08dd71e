import { hostname } from 'node:os';
import { formatUkDateTimeNumeric } from '../../../shared/notify/uk-time';
import type { Db } from '../database/open-database';
import { newId, nowIso } from '../clock';
import type { WatchFolderFileRow, WatchSettings } from './watch-folder-store';

/** How long a claim on a file holds without its process renewing it (a process on another computer sharing the folder). */
export const CLAIM_LEASE_MS = 60_000;

const THIS_HOST = hostname();
/** Who is importing: this computer and process. */
export const THIS_PROCESS = `${THIS_HOST}:${process.pid}`;

/** Contents this process is importing now. */
const inProgress = new Set<string>();

/** What to do with a complete file, decided in one transaction against every file and batch the desk has seen. */
export type Claim =
  /** New content: import it. */
  | { kind: 'import'; row: WatchFolderFileRow }
  /** An import of this file was interrupted after its batch was queued: take that batch, do not queue again. */
  | { kind: 'adopt'; row: WatchFolderFileRow; batchId: string }
  /** Queued already; it was interrupted before the file was moved. */
  | { kind: 'finish'; row: WatchFolderFileRow }
  /** The same content was queued before: never again. */
  | { kind: 'duplicate'; reason: string }
  /** Another process is importing the same content now. */
  | { kind: 'busy' };

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether another process still holds this claim: its lease runs, and on this computer its process still runs. */
function heldElsewhere(row: WatchFolderFileRow, nowMs: number): boolean {
  if (!row.owner || !row.lease_until || Date.parse(row.lease_until) <= nowMs) return false;
  const separator = row.owner.lastIndexOf(':');
  const host = row.owner.slice(0, separator);
  const pid = Number(row.owner.slice(separator + 1));
  if (host !== THIS_HOST) return true;
  return pid !== process.pid && processAlive(pid);
}

const leaseUntil = (nowMs: number): string => new Date(nowMs + CLAIM_LEASE_MS).toISOString();

export function claimFile(db: Db, settings: WatchSettings, fileName: string, contentHash: string): Claim {
  if (inProgress.has(contentHash)) return { kind: 'busy' };
  const claim = db
    .transaction((): Claim => {
      const nowMs = Date.now();
      const seen = db
        .prepare(
          `SELECT * FROM watch_folder_files WHERE content_hash = ? AND state <> 'failed' ORDER BY started_at DESC`,
        )
        .all(contentHash) as WatchFolderFileRow[];
      let interrupted: WatchFolderFileRow | null = null;
      for (const row of seen) {
        if (row.state === 'queued' && row.folder === settings.folder && row.file_name === fileName)
          return { kind: 'finish', row };
        if (row.state === 'queued' || row.state === 'done') {
          return { kind: 'duplicate', reason: alreadyQueued(row.file_name, row.started_at, row.batch_id) };
        }
        if (heldElsewhere(row, nowMs)) return { kind: 'busy' };
        interrupted ??= row;
      }
      const batch = db
        .prepare(
          `SELECT id, file_name, created_at FROM batches WHERE content_hash = ? AND status = 'ready' ORDER BY created_at DESC LIMIT 1`,
        )
        .get(contentHash) as { id: string; file_name: string; created_at: string } | undefined;
      if (interrupted && (!batch || batch.created_at >= interrupted.started_at)) {
        db.prepare(
          `UPDATE watch_folder_files SET owner = ?, lease_until = ?, folder = ?, file_name = ?, watch_folder_id = ? WHERE id = ?`,
        ).run(THIS_PROCESS, leaseUntil(nowMs), settings.folder, fileName, settings.watchFolderId, interrupted.id);
        const row = {
          ...interrupted,
          owner: THIS_PROCESS,
          folder: settings.folder,
          file_name: fileName,
          watch_folder_id: settings.watchFolderId,
        };
        return batch ? { kind: 'adopt', row, batchId: batch.id } : { kind: 'import', row };
      }
      if (batch) {
        if (interrupted) db.prepare('DELETE FROM watch_folder_files WHERE id = ?').run(interrupted.id);
        return { kind: 'duplicate', reason: alreadyQueued(batch.file_name, batch.created_at, batch.id) };
      }
      const row: WatchFolderFileRow = {
        id: newId(),
        watch_folder_id: settings.watchFolderId,
        folder: settings.folder,
        file_name: fileName,
        content_hash: contentHash,
        state: 'importing',
        batch_id: null,
        queued: 0,
        rejected: 0,
        reason: null,
        report: null,
        moved_to: null,
        owner: THIS_PROCESS,
        lease_until: leaseUntil(nowMs),
        started_at: nowIso(),
        finished_at: null,
      };
      db.prepare(
        `INSERT INTO watch_folder_files (id, watch_folder_id, folder, file_name, content_hash, state, owner, lease_until, started_at)
       VALUES (@id, @watch_folder_id, @folder, @file_name, @content_hash, 'importing', @owner, @lease_until, @started_at)`,
      ).run(row);
      return { kind: 'import', row };
    })
    .immediate();
  if (claim.kind === 'import' || claim.kind === 'adopt' || claim.kind === 'finish') inProgress.add(contentHash);
  return claim;
}

/** Keeps the claim while the import runs. */
export function renewClaim(db: Db, rowId: string): void {
  db.prepare('UPDATE watch_folder_files SET lease_until = ? WHERE id = ? AND owner = ?').run(
    leaseUntil(Date.now()),
    rowId,
    THIS_PROCESS,
  );
}

/** The file stays where it is, to be taken again later: its claim is dropped. */
export function releaseClaim(db: Db, row: WatchFolderFileRow): void {
  db.prepare(`DELETE FROM watch_folder_files WHERE id = ? AND state = 'importing'`).run(row.id);
  endClaim(row);
}

/** This process has finished with the content (the row records the outcome). */
export function endClaim(row: WatchFolderFileRow): void {
  if (row.content_hash) inProgress.delete(row.content_hash);
}

function alreadyQueued(fileName: string, at: string, batchId: string | null): string {
  return `The same content was already queued on ${formatUkDateTimeNumeric(at)} (from ${fileName}${batchId ? `, batch ${batchId}` : ''}), so it was not queued again.`;
}
