import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MAX_IMPORT_FILE_BYTES, type ImportSource } from '../../../shared/contract';
import { newId } from '../clock';
import type { ExaminedFile } from './examine-file';
import { ImportError } from './import-error';
import type { UploadStore } from '../uploads/upload-store';

/** Where spreadsheets uploaded to web mode are kept while they are imported. */
export const uploadFolder = (dataDir: string): string => join(dataDir, 'import-uploads');

/**
 * Files inspected in this session, by id. A file chosen in a web page arrives as bytes and is kept in the data
 * folder until the session ends; a desktop file is read where it is.
 */
export class ImportFiles {
  private readonly files = new Map<string, ExaminedFile>();
  private readonly uploadFolder: string;

  constructor(
    dataDir: string,
    private readonly uploads: UploadStore | null = null,
  ) {
    this.uploadFolder = uploadFolder(dataDir);
    // Ids live for one session: copies left by an earlier one can never be used again.
    rmSync(this.uploadFolder, { recursive: true, force: true });
  }

  async add(source: ImportSource, signal?: AbortSignal): Promise<{ fileId: string; file: ExaminedFile }> {
    const fileId = newId();
    let path: string;
    let fileName: string;
    if ('path' in source) {
      path = source.path;
      fileName = basename(source.path);
    } else if ('uploadId' in source) {
      const uploaded = this.uploads?.get(source.uploadId);
      if (!uploaded)
        throw new ImportError(
          'file-forgotten',
          'Choose the file again: notify-desk has restarted since it was chosen.',
        );
      path = uploaded.path;
      fileName = uploaded.fileName;
    } else {
      fileName = basename(source.fileName.replaceAll('\\', '/')) || 'upload.csv';
      const bytes = Buffer.from(source.contentBase64, 'base64');
      if (bytes.length > MAX_IMPORT_FILE_BYTES) {
        throw new ImportError('file-too-large', `${fileName} is larger than 150 MB. Split it into smaller files.`);
      }
      const folder = join(this.uploadFolder, fileId);
      mkdirSync(folder, { recursive: true });
      path = join(folder, fileName);
      writeFileSync(path, bytes);
    }
    const { examineFile } = await import('./examine-file');
    const file = await examineFile(path, fileName, signal);
    this.files.set(fileId, file);
    return { fileId, file };
  }

  get(fileId: string): ExaminedFile {
    const file = this.files.get(fileId);
    if (!file)
      throw new ImportError('file-forgotten', 'Choose the file again: notify-desk has restarted since it was chosen.');
    return file;
  }

  /** Removes uploaded copies (when the core closes). */
  clear(): void {
    this.files.clear();
    rmSync(this.uploadFolder, { recursive: true, force: true });
  }
}

/** Where files of rows set aside are kept until they are downloaded or the retention period ends. */
export const rejectedRowsFolder = (dataDir: string): string => join(dataDir, 'rejected-rows');
