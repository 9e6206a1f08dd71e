import { basename } from 'node:path';
import {
  DEFAULT_MAX_IMPORT_ROWS,
  MAX_IMPORT_SCHEDULE_DAYS,
  type ColumnMapping,
  type ImportCheckReport,
  type ImportQueueResult,
  type ImportRowPreview,
  type ImportStage,
} from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { BatchWriter } from './batch-writer';
import { CheckReportBuilder } from './check-report';
import { ColumnMappingStore, matchColumns, unknownMappingNames, type MatchedColumns } from './column-mapping';
import { hashFile, type ExaminedFile } from './examine-file';
import { ImportError, throwIfCancelled } from './import-error';
import { RejectedRowsFile } from './rejected-rows-file';
import { createRowChecker, type RowMessage } from './row-checker';
import { openSheet } from './sheet-rows';
import type { SheetRow } from './sheet-row';
import type { TemplateForImport } from './template-for-import';
import { previewMessage } from '../templates/compose-message';

export interface ImportRun {
  db: Db;
  file: ExaminedFile;
  sheet?: string;
  template: TemplateForImport;
  /** Hand-made matches; the template's remembered ones fill in for headers not listed. */
  mapping?: ColumnMapping;
  /** Refuse a hand-made match that names a column or a placeholder that does not exist (the command line's --map). */
  strictMapping?: boolean;
  maxRows?: number;
  signal?: AbortSignal;
  onProgress?: (stage: ImportStage, done: number) => void;
}

export interface QueueOptions {
  excludeInvalid: boolean;
  sendAt?: string;
  importedBy: string;
  /** Where the rejected-rows spreadsheet is written. */
  rejectedRowsFolder: string;
}

/** Reads and checks the whole sheet without queuing anything. */
export async function checkImport(run: ImportRun): Promise<ImportCheckReport> {
  const { report } = await processSheet(run, 'checking', null);
  return report;
}

/**
 * Reads, checks and queues in one pass. Accepted rows go into an `importing` batch chunk by chunk; the batch
 * becomes sendable only at the end, and only if the file may be queued. Otherwise nothing stays in the outbox.
 */
export async function queueImport(run: ImportRun, options: QueueOptions): Promise<ImportQueueResult> {
  const sendAfter = scheduledTime(options.sendAt);
  let writer: BatchWriter | null = null;
  let rejected: RejectedRowsFile | null = null;
  try {
    const result = await processSheet(run, 'queuing', {
      start: (headers) => {
        writer = new BatchWriter(run.db, {
          fileName: run.file.fileName,
          contentHash: run.file.contentHash,
          templateId: run.template.id,
          templateVersion: run.template.version,
          type: run.template.type,
          importedBy: options.importedBy,
          rowCount: 0,
          sendAfter,
          columns: headers,
        });
        if (options.excludeInvalid)
          rejected = new RejectedRowsFile(options.rejectedRowsFolder, run.file.fileName, headers, run.file.kind);
      },
      stopOnInvalid: !options.excludeInvalid,
      accept: async (messages) => {
        await writer?.append(messages);
      },
      reject: (row, errors) => rejected?.add(row, errors),
    });
    const batch = writer as BatchWriter | null;
    const rejectedFile = rejected as RejectedRowsFile | null;
    await rejectedFile?.close();
    const { report, builder } = result;
    const blocked =
      report.fileError !== null ||
      report.missingColumns.length > 0 ||
      (report.invalid > 0 && !options.excludeInvalid) ||
      report.valid === 0;
    if (!batch || blocked) {
      await batch?.discard();
      return { batchId: null, report, queued: 0, rejected: 0, rejectedRowsFile: null, rejectedRowsFileName: null };
    }
    await batch.flush();
    await assertFileUnchanged(run);
    run.db.prepare('UPDATE batches SET row_count = ? WHERE id = ?').run(builder.rows, batch.batchId);
    batch.complete(report.invalid);
    if (run.mapping && Object.keys(run.mapping).length > 0)
      new ColumnMappingStore(run.db).save(run.template.id, run.mapping);
    const rejectedRowsFile = report.invalid > 0 ? (rejectedFile?.path ?? null) : null;
    return {
      batchId: batch.batchId,
      report,
      queued: batch.messagesWritten,
      rejected: report.invalid,
      rejectedRowsFile,
      rejectedRowsFileName: rejectedRowsFile === null ? null : basename(rejectedRowsFile),
    };
  } catch (error) {
    await (writer as BatchWriter | null)?.discard();
    await (rejected as RejectedRowsFile | null)?.close().catch(() => undefined);
    throw error;
  }
}

/** Renders one row (sheet row number, header being 1) exactly as it will be sent. */
export async function previewImportRow(run: ImportRun, rowNumber: number): Promise<ImportRowPreview> {
  const sheet = await openSheet(run.file, run.sheet, { signal: run.signal });
  const matched = matchColumns(sheet.headers, run.template, { ...rememberedMapping(run), ...run.mapping });
  const check = createRowChecker(run.template, matched);
  let rows = 0;
  let found: SheetRow | undefined;
  for await (const chunk of sheet.rows) {
    throwIfCancelled(run.signal);
    rows += chunk.length;
    found ??= chunk.find((row) => row.rowNumber >= rowNumber);
  }
  if (!found) throw new ImportError('no-such-row', `There is no row ${rowNumber} with anything in it.`);
  const [checked] = check([found]);
  if (!checked) throw new ImportError('no-such-row', `There is no row ${rowNumber} with anything in it.`);
  const message = checked.message;
  return {
    row: found.rowNumber,
    rows,
    recipient: message?.recipient ?? '',
    subject: message?.renderedSubject ?? null,
    body: message?.renderedBody ?? '',
    errors: checked.errors,
    fragments: checked.fragments,
    rendered: message ? previewMessage(run.template, message.personalisation) : null,
  };
}

interface QueueSink {
  /** Without --exclude-invalid one bad row means nothing is queued: stop writing at the first. */
  stopOnInvalid: boolean;
  start(headers: string[]): void;
  accept(messages: RowMessage[]): Promise<void>;
  reject(row: SheetRow, errors: CheckedRowErrors): void;
}
type CheckedRowErrors = Parameters<RejectedRowsFile['add']>[1];

async function processSheet(
  run: ImportRun,
  stage: ImportStage,
  sink: QueueSink | null,
): Promise<{ report: ImportCheckReport; builder: CheckReportBuilder; matched: MatchedColumns }> {
  const maxRows = run.maxRows ?? DEFAULT_MAX_IMPORT_ROWS;
  const sheet = await openSheet(run.file, run.sheet, { signal: run.signal });
  const unknownNames = run.strictMapping ? unknownMappingNames(sheet.headers, run.template, run.mapping ?? {}) : null;
  if (unknownNames !== null) {
    await sheet.rows.return(undefined);
    throw new ImportError('unknown-mapping', unknownNames);
  }
  const matched = matchColumns(sheet.headers, run.template, { ...rememberedMapping(run), ...run.mapping });
  const check = createRowChecker(run.template, matched);
  const builder = new CheckReportBuilder(run.template, matched);
  const columnsUsable = matched.missingColumns.length === 0 && matched.columnError === null;
  if (columnsUsable) sink?.start(sheet.headers);
  let queuing = sink !== null && columnsUsable;
  for await (const chunk of sheet.rows) {
    throwIfCancelled(run.signal);
    const accepted: RowMessage[] = [];
    const withinLimit = chunk.slice(0, Math.max(maxRows - builder.rows, 0));
    const results = withinLimit.length > 0 ? check(withinLimit) : [];
    results.forEach((checked, index) => {
      builder.add(checked);
      if (checked.message) accepted.push(checked.message);
      else if (queuing) {
        const row = withinLimit[index];
        if (row) sink?.reject(row, checked.errors);
        if (sink?.stopOnInvalid) queuing = false;
      }
    });
    for (let extra = withinLimit.length; extra < chunk.length; extra += 1) builder.countRow();
    if (builder.rows > maxRows) queuing = false;
    if (queuing && accepted.length > 0) await sink?.accept(accepted);
    run.onProgress?.(stage, builder.rows);
  }
  throwIfCancelled(run.signal);
  if (builder.rows === 0) {
    throw new ImportError(
      'header-only',
      `${run.file.fileName} has a header row but no recipients. Add a row for each recipient, under the header, and import it again.`,
    );
  }
  if (builder.rows > maxRows) builder.fileError = tooManyRowsMessage(run.file.fileName, builder.rows, maxRows);
  const report = builder.build(run.db, run.file, run.file.kind === 'xlsx' ? (run.sheet ?? null) : null);
  return { report, builder, matched };
}

export function tooManyRowsMessage(fileName: string, rows: number, maxRows: number): string {
  const files = Math.ceil(rows / maxRows);
  return `${fileName} has ${rows.toLocaleString('en-GB')} rows of recipients; one import can have up to ${maxRows.toLocaleString('en-GB')}. Split it into ${files} files of ${maxRows.toLocaleString('en-GB')} rows or fewer, each starting with the same header row, and import them one at a time.`;
}

function rememberedMapping(run: ImportRun): ColumnMapping {
  return new ColumnMappingStore(run.db).load(run.template.id);
}

/** The file must still be what was checked: a file changed or truncated while being read queues nothing. */
async function assertFileUnchanged(run: ImportRun): Promise<void> {
  const { hash } = await hashFile(run.file.path, run.file.fileName, false, run.signal);
  if (hash !== run.file.contentHash) {
    throw new ImportError(
      'file-changed',
      `${run.file.fileName} changed while it was being imported. Nothing was queued: save the file, close it in Excel and import it again.`,
    );
  }
}

export function scheduledTime(sendAt: string | undefined, now = Date.now()): string | undefined {
  if (!sendAt) return undefined;
  const at = new Date(sendAt).getTime();
  if (Number.isNaN(at))
    throw new ImportError(
      'invalid-send-at',
      'Enter the time to send as a date and time, for example 5 December 2026 at 9:00am.',
    );
  if (at > now + MAX_IMPORT_SCHEDULE_DAYS * 24 * 60 * 60 * 1000) {
    throw new ImportError('invalid-send-at', `Choose a time within the next ${MAX_IMPORT_SCHEDULE_DAYS} days.`);
  }
  return at <= now ? undefined : new Date(at).toISOString();
}

export { rejectedRowsFolder } from './import-files';
