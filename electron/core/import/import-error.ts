import { UserError } from '../dispatch';

/** A problem with the file or the import, worded for the person importing it. */
export class ImportError extends UserError {
  declare readonly code: string;

  constructor(code: string, message: string) {
    super(message, code);
    this.name = 'ImportError';
  }
}

export class ImportCancelledError extends ImportError {
  constructor() {
    super('cancelled', 'The import was cancelled. Nothing was queued.');
    this.name = 'ImportCancelledError';
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportCancelledError();
}

/** Turns a file-system failure while reading into a message a user can act on. */
export function fileReadError(error: unknown, fileName: string): ImportError {
  if (error instanceof ImportError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return new ImportError(
      'file-missing',
      `${fileName} could not be read: it was moved or deleted. Put the file back, or choose it again, and try again. Nothing was queued.`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') {
    return new ImportError(
      'file-locked',
      `${fileName} could not be read: another program has it open or it is not yours to read. Close it in Excel (or the other program) and try again.`,
    );
  }
  if (code === 'EISDIR') return new ImportError('not-a-file', `${fileName} is a folder. Choose a spreadsheet file.`);
  return new ImportError(
    'file-unreadable',
    `${fileName} could not be read${error instanceof Error ? ` (${error.message})` : ''}. Nothing was queued.`,
  );
}
