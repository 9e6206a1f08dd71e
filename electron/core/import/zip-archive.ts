import { open, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { TransformOptions } from 'node:stream';
import { createInflateRaw, type ZlibOptions } from 'node:zlib';
import { ImportError } from './import-error';

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Far beyond any real workbook of 100,000 rows; a file that unpacks to more is refused as a zip bomb. */
export const MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024;
const MAX_ENTRY_RATIO = 200;

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

export const damagedWorkbookMessage = (fileName: string): string =>
  `${fileName} is damaged or incomplete, so it cannot be read as an Excel workbook. Open it in Excel and save it again (or save it as CSV), then import the new file.`;

/** Reads a zip file's table of contents (its central directory) without unpacking anything. */
export async function readZipDirectory(path: string, fileName: string): Promise<ZipEntry[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 65_557);
    const tail = await readAt(handle, size - tailLength, tailLength);
    let endOffset = -1;
    for (let index = tail.length - 22; index >= 0; index -= 1) {
      if (tail.readUInt32LE(index) === END_OF_CENTRAL_DIRECTORY) {
        endOffset = index;
        break;
      }
    }
    if (endOffset < 0) throw new ImportError('damaged-workbook', damagedWorkbookMessage(fileName));
    const entryCount = tail.readUInt16LE(endOffset + 10);
    const directorySize = tail.readUInt32LE(endOffset + 12);
    const directoryOffset = tail.readUInt32LE(endOffset + 16);
    if (directoryOffset + directorySize > size) throw new ImportError('damaged-workbook', damagedWorkbookMessage(fileName));
    const directory = await readAt(handle, directoryOffset, directorySize);
    const entries: ZipEntry[] = [];
    let offset = 0;
    for (let index = 0; index < entryCount; index += 1) {
      if (offset + 46 > directory.length || directory.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) {
        throw new ImportError('damaged-workbook', damagedWorkbookMessage(fileName));
      }
      const nameLength = directory.readUInt16LE(offset + 28);
      const extraLength = directory.readUInt16LE(offset + 30);
      const commentLength = directory.readUInt16LE(offset + 32);
      entries.push({
        name: directory.toString('utf8', offset + 46, offset + 46 + nameLength),
        method: directory.readUInt16LE(offset + 10),
        encrypted: (directory.readUInt16LE(offset + 8) & 1) === 1,
        compressedSize: directory.readUInt32LE(offset + 20),
        uncompressedSize: directory.readUInt32LE(offset + 24),
        localHeaderOffset: directory.readUInt32LE(offset + 42),
      });
      offset += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/** Refuses archives whose declared contents are absurdly large or compressed beyond any real spreadsheet. */
export function assertNotZipBomb(entries: readonly ZipEntry[], fileName: string): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (total > MAX_UNPACKED_BYTES || (entry.uncompressedSize > 50 * 1024 * 1024 && ratio > MAX_ENTRY_RATIO)) {
      throw zipBombError(fileName);
    }
  }
}

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

/** Unpacks one entry as text chunks, stopping if it grows past its declared size (a lying zip bomb). */
export async function* readZipEntryText(path: string, entry: ZipEntry, fileName: string): AsyncGenerator<string> {
  const handle = await open(path, 'r');
  let dataOffset: number;
  try {
    const header = await readAt(handle, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_FILE_HEADER) {
      throw new ImportError('damaged-workbook', damagedWorkbookMessage(fileName));
    }
    dataOffset = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await handle.close();
  }
  if (entry.compressedSize === 0) return;
  const raw = createReadStream(path, { start: dataOffset, end: dataOffset + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  const source = entry.method === 8 ? raw.pipe(createInflateRaw(INFLATE_OPTIONS)) : entry.method === 0 ? raw : null;
  if (!source) throw new ImportError('damaged-workbook', damagedWorkbookMessage(fileName));
  raw.on('error', (error) => source.destroy(error));
  const limit = Math.min(entry.uncompressedSize + 1024, MAX_UNPACKED_BYTES);
  let unpacked = 0;
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      unpacked += chunk.length;
      if (unpacked > limit) throw zipBombError(fileName);
      yield decoder.write(chunk);
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) {
      throw new ImportError('damaged-workbook', damagedWorkbookMessage(fileName));
    }
    throw error;
  } finally {
    raw.destroy();
  }
}

export async function readZipEntryWhole(path: string, entry: ZipEntry, fileName: string): Promise<string> {
  let text = '';
  for await (const chunk of readZipEntryText(path, entry, fileName)) text += chunk;
  return text;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}
