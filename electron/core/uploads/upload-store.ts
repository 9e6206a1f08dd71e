import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class UploadTooLarge extends Error {}

export interface UploadedFile {
  path: string;
  fileName: string;
  sizeBytes: number;
}

const UPLOAD_ID = /^[0-9a-f]{32}$/;
/** Uploads a core left behind (it stopped without closing) go after a day: they may hold personal data. */
const STALE_UPLOAD_MS = 86_400_000;

/**
 * Files a web page sent as a stream (web mode): written to the data folder as they arrive, never held in memory, and
 * known to the core by an opaque id the page then names in a call. They last as long as the core.
 */
export class UploadStore {
  private readonly folder: string;
  private readonly files = new Map<string, UploadedFile>();

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'uploads');
    // Ids live for one run, so files left by an earlier one can never be named again; other processes on the same
    // data folder (web mode beside a command) keep theirs.
    void this.removeStale();
  }

  private async removeStale(): Promise<void> {
    for (const name of await readdir(this.folder).catch(() => [] as string[])) {
      const info = await stat(join(this.folder, name)).catch(() => null);
      if (info && Date.now() - info.mtimeMs > STALE_UPLOAD_MS)
        await rm(join(this.folder, name), { recursive: true, force: true });
    }
  }

  /** Streams `body` to a file of its own; past `maxBytes` it stops, removes what it wrote and throws UploadTooLarge. */
  async receive(fileName: string, body: Readable, maxBytes: number): Promise<{ uploadId: string }> {
    const uploadId = randomBytes(16).toString('hex');
    const folder = join(this.folder, uploadId);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const path = join(folder, 'file');
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(size > maxBytes ? new UploadTooLarge() : null, chunk);
      },
    });
    try {
      await pipeline(body, limit, createWriteStream(path, { mode: 0o600 }));
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
    this.files.set(uploadId, { path, fileName, sizeBytes: (await stat(path)).size });
    return { uploadId };
  }

  /** The uploaded file for an id a page named; a sentence when there is none. */
  get(uploadId: string): UploadedFile | null {
    return UPLOAD_ID.test(uploadId) ? (this.files.get(uploadId) ?? null) : null;
  }

  /** Removes this run's uploads (when the core closes). */
  clear(): void {
    for (const uploadId of this.files.keys()) rmSync(join(this.folder, uploadId), { recursive: true, force: true });
    this.files.clear();
  }
}
