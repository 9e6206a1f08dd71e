import { createReadStream } from 'node:fs';
import type { TransformOptions } from 'node:stream';
import { createInflateRaw, type ZlibOptions } from 'node:zlib';
import yauzl from 'yauzl';
import { ImportError } from './import-error';

/** One file inside the archive, as its central directory lists it (backslashes in names read as slashes). */
export interface ZipEntry {
  name: string;
  encrypted: boolean;
  compressedSize: number;
  uncompressedSize: number;
}

/** Far beyond any real workbook of 100,000 rows; a file that unpacks to more is refused as a zip bomb. */
export const MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024;
const MAX_ENTRY_RATIO = 200;
const STORED = 0;
const DEFLATED = 8;

export const damagedWorkbookMessage = (fileName: string): string =>
  `${fileName} is damaged or incomplete, so it cannot be read as an Excel workbook. Open it in Excel and save it again (or save it as CSV), then import the new file.`;

export const damagedWorkbookError = (fileName: string): ImportError =>
  new ImportError('damaged-workbook', damagedWorkbookMessage(fileName));

export const zipBombError = (fileName: string): ImportError =>
  new ImportError(
    'zip-bomb',
    `${fileName} unpacks to far more data than any spreadsheet should (it may be a "zip bomb"), so it was not read. If it is a real workbook, save it as CSV and import that.`,
  );

/**
 * Unpacking runs on libuv's threads. Given room to run a megabyte ahead, it unpacks while this thread reads the XML,
 * rather than in turns with it: with Node's 16 KB defaults this thread spent a third of a large sheet's reading
 * waiting. (zlib streams take stream options; Node's types do not say so.)
 */
const INFLATE_OPTIONS: ZlibOptions & TransformOptions = { chunkSize: 64 * 1024, readableHighWaterMark: 1024 * 1024 };

/**
 * A zip file read with yauzl: its table of contents once, then any entry unpacked as a stream, as often as wanted.
 * Close it when done. Every failure to read the zip structure is "damaged"; unpacking past an entry's declared size
 * (a lying zip bomb) is refused.
 *
 * yauzl finds each entry's data (central directory, local header, Zip64); the data itself is read with a plain file
 * stream. yauzl's own read streams throw an uncaught TypeError when one is destroyed while a read is queued (as
 * happens when a damaged sheet is abandoned part way: the fuzz test met it), and read in 16 KB pieces.
 */
export class ZipArchive {
  private constructor(
    private readonly path: string,
    private readonly zip: yauzl.ZipFile,
    readonly entries: readonly ZipEntry[],
    private readonly raw: ReadonlyMap<ZipEntry, yauzl.Entry>,
    readonly fileName: string,
  ) {}

  static async open(path: string, fileName: string): Promise<ZipArchive> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
    } catch (error) {
      throw asArchiveError(error, fileName);
    }
    const entries: ZipEntry[] = [];
    const raw = new Map<ZipEntry, yauzl.Entry>();
    try {
      for await (const entry of zip.eachEntry()) {
        if (entry.fileName.endsWith('/')) continue;
        const listed: ZipEntry = {
          name: entry.fileName,
          encrypted: entry.isEncrypted(),
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
        };
        entries.push(listed);
        raw.set(listed, entry);
      }
    } catch (error) {
      zip.close();
      throw asArchiveError(error, fileName);
    }
    return new ZipArchive(path, zip, entries, raw, fileName);
  }

  close(): void {
    this.zip.close();
  }

  /** Refuses archives whose declared contents are absurdly large or compressed beyond any real spreadsheet. */
  assertNotZipBomb(): void {
    let total = 0;
    for (const entry of this.entries) {
      total += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (total > MAX_UNPACKED_BYTES || (entry.uncompressedSize > 50 * 1024 * 1024 && ratio > MAX_ENTRY_RATIO)) {
        throw zipBombError(this.fileName);
      }
    }
  }

  /** Unpacks one entry as a stream of bytes, stopping if it grows past its declared size. */
  async *bytes(entry: ZipEntry): AsyncGenerator<Buffer> {
    const source = this.raw.get(entry);
    if (!source) throw new Error(`${entry.name} is not an entry of this archive`);
    if (source.isEncrypted() || (source.compressionMethod !== STORED && source.compressionMethod !== DEFLATED)) {
      throw damagedWorkbookError(this.fileName);
    }
    let dataStart: number;
    try {
      dataStart = (await this.zip.readLocalFileHeaderPromise(source, { minimal: true })).fileDataStart;
    } catch (error) {
      throw asArchiveError(error, this.fileName);
    }
    if (source.compressedSize === 0) return;
    const packed = createReadStream(this.path, {
      start: dataStart,
      end: dataStart + source.compressedSize - 1,
      highWaterMark: 256 * 1024,
    });
    const unpacked = source.compressionMethod === DEFLATED ? packed.pipe(createInflateRaw(INFLATE_OPTIONS)) : packed;
    if (unpacked !== packed) packed.on('error', (error) => unpacked.destroy(error));
    const limit = Math.min(entry.uncompressedSize + 1024, MAX_UNPACKED_BYTES);
    let length = 0;
    try {
      for await (const chunk of unpacked as AsyncIterable<Buffer>) {
        length += chunk.length;
        if (length > limit) throw zipBombError(this.fileName);
        yield chunk;
      }
    } catch (error) {
      throw asArchiveError(error, this.fileName);
    } finally {
      packed.destroy();
      unpacked.destroy();
    }
  }

  async whole(entry: ZipEntry): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.bytes(entry)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }
}

/** A file that cannot be opened keeps its own error; anything wrong inside the zip is "damaged". */
function asArchiveError(error: unknown, fileName: string): Error {
  if (error instanceof ImportError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && !code.startsWith('Z_') && !code.startsWith('ERR_')) return error as Error;
  return damagedWorkbookError(fileName);
}
