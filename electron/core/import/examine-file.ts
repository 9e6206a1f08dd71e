import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/contract';
import { type Delimiter, sniffDelimiter } from './delimiter';
import { ImportError, fileReadError, throwIfCancelled } from './import-error';
import { decodeText, detectEncoding, type DetectedEncoding } from './text-encoding';
import { odsMessage, passwordMessage, xlsMessage } from './xlsx-package';

export type SpreadsheetKind = 'csv' | 'xlsx';

/** A file checked enough to be read: its kind, size, content hash and, for text, its encoding and separator. */
export interface ExaminedFile {
  path: string;
  fileName: string;
  kind: SpreadsheetKind;
  sizeBytes: number;
  contentHash: string;
  text: { encoding: DetectedEncoding; delimiter: Delimiter } | null;
}

const HEAD_BYTES = 64 * 1024;
const textExtensions = new Set(['csv', 'tsv', 'txt']);
const workbookExtensions = new Set(['xlsx', 'xlsm']);
const supported = 'Choose a CSV, TSV, TXT, XLSX or XLSM file.';

export async function examineFile(
  path: string,
  fileName = basename(path),
  signal?: AbortSignal,
): Promise<ExaminedFile> {
  const extension = extname(fileName).slice(1).toLowerCase();
  if (extension === 'ods') throw new ImportError('ods-file', odsMessage(fileName));
  if (extension === 'xls') throw new ImportError('xls-file', xlsMessage(fileName));
  if (!textExtensions.has(extension) && !workbookExtensions.has(extension)) {
    throw new ImportError('unsupported-file', `${fileName} is not a spreadsheet notify-desk can read. ${supported}`);
  }
  let sizeBytes: number;
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) throw new ImportError('not-a-file', `${fileName} is a folder. ${supported}`);
    sizeBytes = stats.size;
  } catch (error) {
    throw fileReadError(error, fileName);
  }
  if (sizeBytes === 0)
    throw new ImportError('empty-file', `${fileName} is empty. Add a header row and at least one row of recipients.`);
  if (sizeBytes > MAX_IMPORT_FILE_BYTES) {
    throw new ImportError(
      'file-too-large',
      `${fileName} is ${Math.ceil(sizeBytes / 1024 / 1024)} MB; the largest file notify-desk reads is 150 MB. Split it into smaller files.`,
    );
  }
  const head = await readHead(path, fileName);
  const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const isCompoundFile = head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1;
  if (isCompoundFile) {
    const protectedWorkbook = head.includes(Buffer.from('EncryptedPackage', 'utf16le'));
    throw new ImportError(
      protectedWorkbook ? 'password-protected' : 'xls-file',
      protectedWorkbook ? passwordMessage(fileName) : xlsMessage(fileName),
    );
  }
  if (isZip) {
    const contentHash = await hashFile(path, fileName, false, signal);
    return { path, fileName, kind: 'xlsx', sizeBytes, contentHash: contentHash.hash, text: null };
  }
  if (workbookExtensions.has(extension)) {
    throw new ImportError(
      'not-a-workbook',
      `${fileName} is not an Excel workbook, even though its name ends .${extension}: it may be damaged, or another kind of file renamed. Open it in Excel and save it as an Excel Workbook or as CSV.`,
    );
  }
  const { hash, validUtf8 } = await hashFile(path, fileName, true, signal);
  const encoding = detectEncoding(head, validUtf8);
  const headText = decodeText(head.subarray(encoding.bomLength, head.length - (head.length % 2)), encoding.encoding);
  if (looksBinary(headText)) {
    throw new ImportError(
      'binary-file',
      `${fileName} is not a text spreadsheet: it contains binary data, so it may be another kind of file renamed .${extension}. Open the original in Excel and save it as CSV.`,
    );
  }
  if (headText.trim() === '' && sizeBytes <= HEAD_BYTES) {
    throw new ImportError('empty-file', `${fileName} is empty. Add a header row and at least one row of recipients.`);
  }
  return {
    path,
    fileName,
    kind: 'csv',
    sizeBytes,
    contentHash: hash,
    text: { encoding, delimiter: sniffDelimiter(headText, extension) },
  };
}

function looksBinary(text: string): boolean {
  let control = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0) return true;
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) control += 1;
  }
  return control > Math.max(8, text.length / 100);
}

async function readHead(path: string, fileName: string): Promise<Buffer> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw fileReadError(error, fileName);
  }
}

/** SHA-256 of the whole file (the duplicate-import check) and, for text, whether it is valid UTF-8 throughout. */
export async function hashFile(
  path: string,
  fileName: string,
  checkUtf8: boolean,
  signal?: AbortSignal,
): Promise<{ hash: string; validUtf8: boolean }> {
  const hash = createHash('sha256');
  const decoder = checkUtf8 ? new TextDecoder('utf-8', { fatal: true }) : null;
  let validUtf8 = checkUtf8;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      throwIfCancelled(signal);
      hash.update(chunk);
      if (decoder && validUtf8) {
        try {
          decoder.decode(chunk, { stream: true });
        } catch {
          validUtf8 = false;
        }
      }
    }
    if (decoder && validUtf8) {
      try {
        decoder.decode();
      } catch {
        validUtf8 = false;
      }
    }
  } catch (error) {
    throw fileReadError(error, fileName);
  }
  return { hash: hash.digest('hex'), validUtf8 };
}
