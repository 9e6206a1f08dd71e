import { existsSync, statSync } from 'node:fs';
import type { WatchFolder, WatchFolderFile } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import type { Logger } from '../log';
import type { FolderWatcher } from './folder-watcher';
import {
  listWatchFolders,
  settingsOf,
  toWatchFolderFile,
  type SavedWatchFolder,
  type WatchFolderFileRow,
} from './watch-folder-store';

/** How often a folder that cannot be watched (missing, a network drive away) is tried again. */
const RECHECK_MS = 60_000;

interface Running {
  /** The settings it was started with: a change restarts it. */
  key: string;
  watcher: FolderWatcher | null;
  problem: string | null;
}

export interface WatchFolderRunnerOptions {
  afterQueue: () => void;
  log: Logger;
  settleMs?: number;
}

/**
 * The watch folders an administrator saved, watched by the core while the desktop app (or web mode, or
 * `notify-desk sync`) runs: each folder's files are taken one at a time and their progress pushed to the outbox page.
 */
export class WatchFolderRunner {
  private readonly running = new Map<string, Running>();
  /** The latest progress of each file being imported here. */
  private readonly progress = new Map<string, NonNullable<WatchFolderFile['progress']>>();
  private readonly abort = new AbortController();
  private recheck: NodeJS.Timeout | null = null;
  private reconciling: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: WatchFolderRunnerOptions,
  ) {}

  start(): void {
    void this.reconcile();
    this.recheck = setInterval(() => {
      if ([...this.running.values()].some((entry) => entry.watcher === null)) void this.reconcile();
    }, RECHECK_MS);
    this.recheck.unref();
  }

  /** Starts, restarts and stops watchers to match the saved folders. */
  reconcile(): Promise<void> {
    this.reconciling = this.reconciling
      .then(() => this.reconcileNow())
      .catch((error: unknown) => {
        this.options.log.error('watch folders could not be started', {
          message: error instanceof Error ? error.message : String(error),
        });
      });
    return this.reconciling;
  }

  /** Whether a saved folder is being watched, and why not. */
  describe(folder: SavedWatchFolder): WatchFolder {
    const entry = this.running.get(folder.id);
    if (this.stopped || !entry)
      return { ...folder, watching: false, problem: this.stopped ? null : 'Starting to watch…' };
    return { ...folder, watching: entry.watcher !== null && entry.problem === null, problem: entry.problem };
  }

  /** A file's record, with its progress while this process imports it. */
  fileWithProgress(row: WatchFolderFileRow): WatchFolderFile {
    return toWatchFolderFile(row, row.state === 'importing' ? (this.progress.get(row.id) ?? null) : null);
  }

  private noteFile(file: WatchFolderFile): void {
    if (file.progress) this.progress.set(file.id, file.progress);
    else this.progress.delete(file.id);
    this.ctx.events.emit('watchFolders.file', file);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.recheck) clearInterval(this.recheck);
    this.abort.abort();
    await this.reconciling;
    await Promise.all([...this.running.values()].map((entry) => entry.watcher?.stop() ?? Promise.resolve()));
    this.running.clear();
  }

  private async reconcileNow(): Promise<void> {
    if (this.stopped) return;
    const saved = listWatchFolders(this.ctx.db);
    const wanted = new Map(saved.map((folder) => [folder.id, folder]));
    for (const [id, entry] of this.running) {
      const folder = wanted.get(id);
      if (!folder || keyOf(folder) !== entry.key || entry.watcher === null) {
        this.running.delete(id);
        await entry.watcher?.stop();
      }
    }
    for (const folder of saved) {
      if (this.running.has(folder.id) || this.stopped) continue;
      const problem = folderProblem(folder.folder);
      if (problem) {
        this.running.set(folder.id, { key: keyOf(folder), watcher: null, problem });
        continue;
      }
      const entry: Running = { key: keyOf(folder), watcher: null, problem: null };
      const settings = settingsOf(folder);
      // chokidar and the import pipeline load once a folder is watched, not with every core.
      const [{ FolderWatcher }, { takeDroppedFile }] = await Promise.all([
        import('./folder-watcher'),
        import('./take-dropped-file'),
      ]);
      if (this.stopped) return;
      const watcher: FolderWatcher = new FolderWatcher(folder.folder, {
        settleMs: this.options.settleMs,
        onProblem: (message) => {
          entry.problem = message;
        },
        take: (path) =>
          takeDroppedFile(
            {
              db: this.ctx.db,
              dataDir: this.ctx.dataDir,
              user: this.ctx.user,
              policy: this.ctx.policy,
              signal: this.abort.signal,
              onFile: (file) => this.noteFile(file),
              afterQueue: this.options.afterQueue,
            },
            settings,
            path,
          ),
      });
      entry.watcher = watcher;
      this.running.set(folder.id, entry);
      await watcher.start();
    }
  }
}

const keyOf = (folder: SavedWatchFolder): string => JSON.stringify(settingsOf(folder));

/** Why a folder cannot be watched now, in words for the administrator; null when it can. */
export function folderProblem(folder: string): string | null {
  if (!existsSync(folder))
    return `The folder ${folder} cannot be found. Check it exists and that this computer can reach it.`;
  try {
    if (!statSync(folder).isDirectory()) return `${folder} is a file, not a folder.`;
  } catch {
    return `The folder ${folder} cannot be read by notify-desk.`;
  }
  return null;
}
