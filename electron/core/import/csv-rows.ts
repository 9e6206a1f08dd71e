import { createReadStream } from 'node:fs';
import { CsvRecordParser, CsvSyntaxError } from './csv-record-parser';
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
  const text = decoderStream(encoding.encoding);
  bytes.on('error', (error) => text.destroy(error));
  bytes.pipe(text);
  const parser = new CsvRecordParser(delimiter, MAX_RECORD_CHARACTERS);
  let rowNumber = 0;
  let chunk: SheetRow[] = [];
  try {
    for await (const records of recordsAsParsed(text, parser)) {
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
    throw csvReadError(error, file.fileName);
  } finally {
    bytes.destroy();
    text.destroy();
  }
}

/** The records each piece of decoded text completes, then the last one. */
async function* recordsAsParsed(text: AsyncIterable<unknown>, parser: CsvRecordParser): AsyncGenerator<string[][]> {
  for await (const piece of text) yield parser.push(String(piece));
  yield parser.end();
}

function csvReadError(error: unknown, fileName: string): Error {
  if (!(error instanceof CsvSyntaxError)) return fileReadError(error, fileName);
  if (error.problem === 'quote-not-closed') {
    return new ImportError(
      'unclosed-quote',
      `${fileName} has a quotation mark (") that opens a cell on row ${error.recordNumber} and is never closed, so the rest of the file cannot be read. Check that row in Excel or a text editor, then save the file again.`,
    );
  }
  return new ImportError(
    'row-too-large',
    `Row ${error.recordNumber} of ${fileName} is larger than 10 MB, so the file is probably not a spreadsheet saved as CSV. Open it in Excel and save it as CSV again.`,
  );
}
