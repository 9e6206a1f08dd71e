import { parse, CsvError, type Parser } from 'csv-parse';
import { createReadStream } from 'node:fs';
import type { ExaminedFile } from './examine-file';
import { ImportError, fileReadError, throwIfCancelled } from './import-error';
import { DEFAULT_CHUNK_SIZE, type RowReadOptions, type SheetRow, yieldToEventLoop } from './sheet-row';
import { decoderStream } from './text-encoding';

const MAX_RECORD_CHARACTERS = 10 * 1024 * 1024;

/** Streams a CSV, TSV or TXT file as rows, in chunks; memory holds one chunk, never the file. */
export async function* readCsvRows(file: ExaminedFile, options: RowReadOptions = {}): AsyncGenerator<SheetRow[]> {
  if (!file.text) throw new Error('readCsvRows needs a text file');
  const { encoding, delimiter } = file.text;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const bytes = createReadStream(file.path, { start: encoding.bomLength, highWaterMark: 256 * 1024 });
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    ltrim: true,
    max_record_size: MAX_RECORD_CHARACTERS,
  });
  const text = decoderStream(encoding.encoding);
  bytes.on('error', (error) => parser.destroy(error));
  text.on('error', (error) => parser.destroy(error));
  bytes.pipe(text).pipe(parser);
  let rowNumber = 0;
  let chunk: SheetRow[] = [];
  try {
    for await (const records of recordsAsParsed(parser)) {
      for (const record of records) {
        rowNumber += 1;
        chunk.push({ rowNumber, cells: record });
        if (chunk.length >= chunkSize) {
          yield chunk;
          chunk = [];
          await yieldToEventLoop();
          throwIfCancelled(options.signal);
        }
      }
    }
    if (chunk.length > 0) yield chunk;
  } catch (error) {
    throw csvReadError(error, file.fileName, rowNumber + 1);
  } finally {
    bytes.destroy();
    parser.destroy();
  }
}

/**
 * The parser's records, as many at a time as it has ready: waiting once per batch rather than once per record, as
 * iterating the stream record by record would.
 */
async function* recordsAsParsed(parser: Parser): AsyncGenerator<string[][]> {
  let failure: unknown = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  parser.on('readable', notify);
  parser.on('end', () => {
    ended = true;
    notify();
  });
  parser.on('error', (error) => {
    failure = error;
    notify();
  });
  while (true) {
    const records: string[][] = [];
    for (let record = parser.read() as string[] | null; record !== null; record = parser.read() as string[] | null) records.push(record);
    if (records.length > 0) yield records;
    if (failure !== null) throw failure;
    if (ended) return;
    if (records.length === 0) await new Promise<void>((resolve) => (wake = resolve));
  }
}

function csvReadError(error: unknown, fileName: string, rowNumber: number): Error {
  if (!(error instanceof CsvError)) return fileReadError(error, fileName);
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new ImportError(
      'unclosed-quote',
      `${fileName} has a quotation mark (") that opens a cell on row ${rowNumber} and is never closed, so the rest of the file cannot be read. Check that row in Excel or a text editor, then save the file again.`,
    );
  }
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return new ImportError(
      'row-too-large',
      `Row ${rowNumber} of ${fileName} is larger than 10 MB, so the file is probably not a spreadsheet saved as CSV. Open it in Excel and save it as CSV again.`,
    );
  }
  return new ImportError('csv-unreadable', `${fileName} could not be read as CSV at row ${rowNumber}: ${error.message}.`);
}
