import { watch, type FSWatcher } from 'chokidar';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { TakeResult } from './take-dropped-file';

/** A file is complete once its size and time have not changed for this long (or it arrived whole, by a rename). */
export const DEFAULT_SETTLE_MS = 2_000;
/** How long before a file that could not be taken (locked, the database busy) is tried again. */
export const DEFAULT_RETRY_MS = 15_000;

/**
 * Whether a name in a watch folder can be a spreadsheet to take: not hidden, not work in progress (`*.tmp`,
 * `*.partial`, `*.part`, `*.crdownload`, `*.download`), and not the lock files Excel (`~$name.xlsx`) and LibreOffice
 * (`.~lock.name#`) keep beside a file someone has open.
 */
export function isCandidateName(name: string): boolean {
  if (name.startsWith('.') || name.startsWith('~$') || name.endsWith('#')) return false;
  return !/\.(tmp|temp|partial|part|crdownload|download)$/i.test(name);
}

export interface FolderWatcherOptions {
  settleMs?: number;
  retryMs?: number;
  take(path: string): Promise<TakeResult>;
  /** A problem watching the folder (null once it is watched again). */
  onProblem?(message: string | null): void;
}

/**
 * Watches one folder (not its sub-folders, where `done/` and `failed/` are) with chokidar, and takes each file once
 * chokidar's awaitWriteFinish says it has stopped growing, one file at a time. Files already there when it starts
 * are taken too, so a restart carries on where it stopped.
 */
export class FolderWatcher {
  private watcher: FSWatcher | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly waiting = new Set<string>();
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    readonly folder: string,
    private readonly options: FolderWatcherOptions,
  ) {}

  /** Resolves once the folder's current files have been found (they are then taken one by one). */
  start(): Promise<void> {
    const settleMs = this.options.settleMs ?? DEFAULT_SETTLE_MS;
    const watcher = watch(this.folder, {
      depth: 0,
      ignoreInitial: false,
      awaitWriteFinish: { stabilityThreshold: settleMs, pollInterval: Math.min(100, settleMs) },
      ignored: (path, stats) =>
        path !== this.folder && (!isCandidateName(basename(path)) || stats?.isDirectory() === true),
    });
    this.watcher = watcher;
    watcher.on('add', (path) => this.enqueue(path));
    watcher.on('change', (path) => this.enqueue(path));
    watcher.on('error', (error) =>
      this.options.onProblem?.(
        `The folder ${this.folder} cannot be watched: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    return new Promise((resolve) => watcher.once('ready', () => resolve()));
  }

  /** Stops watching and waits for the file being taken; files queued but not started stay where they are. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.retries.values()) clearTimeout(timer);
    this.retries.clear();
    this.waiting.clear();
    await this.watcher?.close();
    await this.queue;
  }

  private enqueue(path: string): void {
    if (this.stopped || this.waiting.has(path) || join(this.folder, basename(path)) !== path) return;
    this.waiting.add(path);
    this.queue = this.queue.then(async () => {
      if (!this.waiting.delete(path) || this.stopped) return;
      const result = await this.options
        .take(path)
        .catch((error: unknown): TakeResult => ({ outcome: 'retry', file: null, message: String(error) }));
      if (result.outcome === 'retry' && !this.stopped) this.retryLater(path);
    });
  }

  private retryLater(path: string): void {
    clearTimeout(this.retries.get(path));
    this.retries.set(
      path,
      setTimeout(() => {
        this.retries.delete(path);
        this.enqueue(path);
      }, this.options.retryMs ?? DEFAULT_RETRY_MS),
    );
  }
}

/**
 * `--once`: takes the files that are complete now (unchanged in size and time over `settleMs`), one by one, and
 * names those still being written, which stay for the next run.
 */
export async function takeCompleteFilesOnce(
  folder: string,
  take: (path: string) => Promise<TakeResult>,
  settleMs: number = DEFAULT_SETTLE_MS,
): Promise<{ results: TakeResult[]; stillWriting: string[] }> {
  const sizes = async (): Promise<Map<string, string>> => {
    const entries = await readdir(folder, { withFileTypes: true });
    const found = new Map<string, string>();
    for (const entry of entries) {
      if (!entry.isFile() || !isCandidateName(entry.name)) continue;
      const stats = await stat(join(folder, entry.name)).catch(() => null);
      if (stats) found.set(entry.name, `${stats.size}:${stats.mtimeMs}`);
    }
    return found;
  };
  const before = await sizes();
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const after = await sizes();
  const results: TakeResult[] = [];
  const stillWriting: string[] = [];
  for (const [name, shape] of [...after].sort(([a], [b]) => a.localeCompare(b))) {
    if (before.get(name) !== shape) {
      stillWriting.push(name);
      continue;
    }
    results.push(await take(join(folder, name)));
  }
  return { results, stillWriting };
}
