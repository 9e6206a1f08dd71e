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

export function localFileHeader(entry: ZipEntryRecord): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_FILE_HEADER, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(entry.flags, 6);
  header.writeUInt16LE(DEFLATE, 8);
  header.writeUInt16LE(entry.time, 10);
  header.writeUInt16LE(entry.date, 12);
  header.writeUInt32LE(entry.crc >>> 0, 14);
  header.writeUInt32LE(entry.compressedSize, 18);
  header.writeUInt32LE(entry.size, 22);
  header.writeUInt16LE(entry.name.length, 26);
  return Buffer.concat([header, entry.name]);
}

export function centralDirectoryHeader(entry: ZipEntryRecord): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL_DIRECTORY_HEADER, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(VERSION, 6);
  header.writeUInt16LE(entry.flags, 8);
  header.writeUInt16LE(DEFLATE, 10);
  header.writeUInt16LE(entry.time, 12);
  header.writeUInt16LE(entry.date, 14);
  header.writeUInt32LE(entry.crc >>> 0, 16);
  header.writeUInt32LE(entry.compressedSize, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.name]);
}

export function endOfCentralDirectory(entries: number, directorySize: number, directoryOffset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return end;
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

  constructor(readonly path: string) {
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
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    descriptor.writeUInt32LE(entry.compressedSize, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    this.put(descriptor);
    this.entries.push(entry);
  }

  private put(bytes: Buffer): void {
    this.offset += bytes.length;
    this.out.write(bytes);
  }
}
