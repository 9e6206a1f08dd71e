import { createWriteStream, type WriteStream } from 'node:fs';
import { crc32, createDeflateRaw, deflateRawSync, type DeflateRaw } from 'node:zlib';

const LOCAL_FILE_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20;
/** Sizes and CRC follow the data (bit 3); names are UTF-8 (bit 11). */
const SIZES_FOLLOW_AND_UTF8_NAMES = 0x0808;
const DEFLATE = 8;
/** Without Zip64, sizes and offsets have 32 bits. */
const MAX_ZIP32 = 0xffffffff;

/** What a zip's headers say of one entry. */
export interface ZipEntryRecord {
  name: Buffer;
  /** Where its local header starts. */
  offset: number;
  crc: number;
  compressedSize: number;
  size: number;
  flags: number;
  time: number;
  date: number;
}

/** A header of `size` bytes: each field a 2- or 4-byte little-endian number at its offset; then the name. */
function header(size: number, fields: readonly (readonly [offset: number, bytes: 2 | 4, value: number])[], name: Buffer): Buffer {
  const bytes = Buffer.alloc(size);
  for (const [offset, length, value] of fields) {
    if (length === 2) bytes.writeUInt16LE(value, offset);
    else bytes.writeUInt32LE(value >>> 0, offset);
  }
  return Buffer.concat([bytes, name]);
}

export function localFileHeader(entry: ZipEntryRecord): Buffer {
  return header(
    30,
    [
      [0, 4, LOCAL_FILE_HEADER],
      [4, 2, VERSION],
      [6, 2, entry.flags],
      [8, 2, DEFLATE],
      [10, 2, entry.time],
      [12, 2, entry.date],
      [14, 4, entry.crc],
      [18, 4, entry.compressedSize],
      [22, 4, entry.size],
      [26, 2, entry.name.length],
    ],
    entry.name,
  );
}

export function centralDirectoryHeader(entry: ZipEntryRecord): Buffer {
  return header(
    46,
    [
      [0, 4, CENTRAL_DIRECTORY_HEADER],
      [4, 2, VERSION],
      [6, 2, VERSION],
      [8, 2, entry.flags],
      [10, 2, DEFLATE],
      [12, 2, entry.time],
      [14, 2, entry.date],
      [16, 4, entry.crc],
      [20, 4, entry.compressedSize],
      [24, 4, entry.size],
      [28, 2, entry.name.length],
      [42, 4, entry.offset],
    ],
    entry.name,
  );
}

export function endOfCentralDirectory(entries: number, directorySize: number, directoryOffset: number): Buffer {
  const fields = [[0, 4, END_OF_CENTRAL_DIRECTORY], [8, 2, entries], [10, 2, entries], [12, 4, directorySize], [16, 4, directoryOffset]] as const;
  return header(22, fields, Buffer.alloc(0));
}

/** MS-DOS time and date, as zip keeps them. */
function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.max(at.getFullYear(), 1980);
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

/**
 * Writes a zip file: small entries whole, then one last entry streamed and deflated as it is written, so that it is
 * never held whole. Sizes and CRCs follow each entry's data, and the central directory closes the file.
 */
export class ZipFileWriter {
  private readonly out: WriteStream;
  private readonly stamp = dosDateTime(new Date());
  private readonly entries: ZipEntryRecord[] = [];
  private offset = 0;
  private failure: Error | null = null;
  private streamed: { entry: ZipEntryRecord; deflate: DeflateRaw; done: Promise<void> } | null = null;

  constructor(path: string) {
    this.out = createWriteStream(path);
    this.out.on('error', (error) => (this.failure ??= error));
  }

  /** Adds a whole entry at once. */
  addEntry(name: string, text: string): void {
    const entry = this.startEntry(name);
    const bytes = Buffer.from(text, 'utf8');
    entry.crc = crc32(bytes);
    entry.size = bytes.length;
    const compressed = deflateRawSync(bytes);
    entry.compressedSize = compressed.length;
    this.put(compressed);
    this.endEntry(entry);
  }

  /** Starts the entry that `write` streams into, until `close`; it must be the last. */
  startStreamedEntry(name: string): void {
    const entry = this.startEntry(name);
    const deflate = createDeflateRaw();
    deflate.on('data', (chunk: Buffer) => {
      entry.compressedSize += chunk.length;
      this.put(chunk);
    });
    const done = new Promise<void>((resolve) => {
      deflate.on('end', resolve);
      deflate.on('error', (error) => {
        this.failure ??= error;
        resolve();
      });
    });
    this.streamed = { entry, deflate, done };
  }

  write(text: string): void {
    const current = this.streamed;
    if (!current) throw new Error('ZipFileWriter.write needs a streamed entry started first');
    const bytes = Buffer.from(text, 'utf8');
    current.entry.crc = crc32(bytes, current.entry.crc);
    current.entry.size += bytes.length;
    current.deflate.write(bytes);
  }

  /** Ends the last entry, writes the central directory and closes the file; rejects if anything could not be written. */
  async close(): Promise<void> {
    const streamed = this.streamed;
    if (streamed) {
      streamed.deflate.end();
      await streamed.done;
      this.endEntry(streamed.entry);
    }
    const directoryOffset = this.offset;
    for (const entry of this.entries) this.put(centralDirectoryHeader(entry));
    this.put(endOfCentralDirectory(this.entries.length, this.offset - directoryOffset, directoryOffset));
    await new Promise<void>((resolve) => {
      if (this.out.closed) resolve();
      else this.out.end(() => resolve());
      this.out.once('error', () => resolve());
    });
    if (this.failure) throw this.failure;
  }

  private startEntry(name: string): ZipEntryRecord {
    if (this.streamed) throw new Error('ZipFileWriter: the streamed entry must be the last');
    const entry: ZipEntryRecord = { name: Buffer.from(name, 'utf8'), offset: this.offset, crc: 0, compressedSize: 0, size: 0, flags: SIZES_FOLLOW_AND_UTF8_NAMES, ...this.stamp };
    this.put(localFileHeader(entry));
    return entry;
  }

  private endEntry(entry: ZipEntryRecord): void {
    if (entry.size > MAX_ZIP32 || this.offset > MAX_ZIP32) {
      this.failure ??= new Error('the file would be larger than 4 GB, more than a zip file without Zip64 can hold');
    }
    this.put(header(16, [[0, 4, DATA_DESCRIPTOR], [4, 4, entry.crc], [8, 4, entry.compressedSize], [12, 4, entry.size]], Buffer.alloc(0)));
    this.entries.push(entry);
  }

  private put(bytes: Buffer): void {
    this.offset += bytes.length;
    this.out.write(bytes);
  }
}
