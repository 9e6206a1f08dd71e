/** One row of a sheet as read: its number as the user sees it (the header is row 1) and its cells as text. */
export interface SheetRow {
  rowNumber: number;
  cells: string[];
}

export interface RowReadOptions {
  signal?: AbortSignal;
  /** Rows per chunk handed on; between chunks the reader lets the event loop breathe. */
  chunkSize?: number;
}

export const DEFAULT_CHUNK_SIZE = 2000;

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
