import * as z from 'zod';
import { idSchema, sendAtSchema, type Channel } from './common';
import type { MessagePreview } from './templates';
import type { PermissionsFor } from './permissions';

/** Notify's limit for one upload; the desk's default, which a setting can change. */
export const DEFAULT_MAX_IMPORT_ROWS = 100_000;
/** The largest file the desk reads (a file chosen in a web page travels as base64, a third larger). */
export const MAX_IMPORT_FILE_BYTES = 150 * 1024 * 1024;
/** Errors listed one by one in a check report; the rest are counted. */
export const MAX_IMPORT_ERRORS_SHOWN = 50;
export { MAX_IMPORT_SCHEDULE_DAYS } from '../desk-time';

export const importFileExtensions = ['csv', 'tsv', 'txt', 'xlsx', 'xlsm'] as const;

/**
 * A file on this computer (the desktop's dialog, the command line), one dropped on the desktop's page and sent as
 * bytes, or one a web page uploaded as a stream (its upload id).
 */
export const importSourceSchema = z.union([
  z.object({ path: z.string().min(1).max(4096) }).strict(),
  z.object({ uploadId: z.string().min(1).max(64) }).strict(),
  z
    .object({
      fileName: z.string().trim().min(1).max(255),
      contentBase64: z
        .string()
        .max(Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4, 'The file is larger than 150 MB. Split it into smaller files.'),
    })
    .strict(),
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

/** Spreadsheet column header → template placeholder (null: the column is not used). */
export const columnMappingSchema = z.record(z.string().max(1000), z.string().max(200).nullable());
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

const checkFields = {
  /** From imports.inspect. */
  fileId: idSchema,
  /** Needed when the workbook has more than one sheet. */
  sheet: z.string().max(255).optional(),
  templateId: idSchema,
  /** Hand-made matches; headers not listed are matched the way Notify matches them. */
  mapping: columnMappingSchema.optional(),
};

export const importHandlerArgs = {
  'imports.inspect': z.object({ source: importSourceSchema, jobId: idSchema.optional() }).strict(),
  'imports.check': z.object({ ...checkFields, jobId: idSchema.optional() }).strict(),
  'imports.preview': z.object({ ...checkFields, row: z.number().int().min(2) }).strict(),
  'imports.queue': z
    .object({
      ...checkFields,
      jobId: idSchema.optional(),
      /** Queue the valid rows and save the others to a rejected-rows file; otherwise any problem queues nothing. */
      excludeInvalid: z.boolean().default(false),
      /** Within the next 7 days; absent means send now. */
      sendAt: sendAtSchema.optional(),
    })
    .strict(),
  'imports.cancel': z.object({ jobId: idSchema }).strict(),
  'imports.mapping': z.object({ templateId: idSchema }).strict(),
  /** Desktop app only: opens the rejected-rows folder with this file selected. */
  'imports.showRejectedRows': z.object({ fileName: z.string().min(1).max(255) }).strict(),
} as const;

export const importHandlerPermissions = {
  'imports.inspect': 'import-spreadsheets',
  'imports.check': 'import-spreadsheets',
  'imports.preview': 'import-spreadsheets',
  'imports.queue': 'import-spreadsheets',
  'imports.cancel': 'import-spreadsheets',
  'imports.mapping': 'import-spreadsheets',
  'imports.showRejectedRows': 'import-spreadsheets',
} as const satisfies PermissionsFor<typeof importHandlerArgs>;

/** Where web mode serves a rejected-rows file (by its name in the data folder's rejected-rows folder) for download. */
export const REJECTED_ROWS_DOWNLOAD_PATH = '/rejected-rows/';

export interface ImportSheet {
  name: string;
  hidden: boolean;
  /** Data rows, header excluded, empty rows not counted. */
  rowCount: number;
  headers: string[];
}

export interface ImportFileInfo {
  fileId: string;
  fileName: string;
  kind: 'csv' | 'xlsx';
  sizeBytes: number;
  contentHash: string;
  sheets: ImportSheet[];
  /** A batch with the same content was already imported today. */
  importedToday: { batchId: string; fileName: string; createdAt: string } | null;
}

/** One problem, with row numbers as the user sees them in the sheet (the header is row 1). */
export interface ImportRowError {
  row: number;
  column: string | null;
  message: string;
}

export type ImportWarningKind =
  'file-imported-today' | 'duplicate-recipient' | 'international-numbers' | 'multiple-fragments' | 'daily-limit';

export interface ImportWarning {
  kind: ImportWarningKind;
  message: string;
  /** Sheet row numbers concerned (the first 50). */
  rows: number[];
  count: number;
}

export interface ImportSummary {
  messages: number;
  /** Text messages only: fragments Notify will charge for. */
  fragments: number | null;
  dailyLimit: number;
  /** Messages of this type already in the outbox for today (not cancelled). */
  alreadyToday: number;
  /** True when this batch would go past the daily limit: the rest waits for the next day. */
  overDailyLimit: boolean;
}

export interface ImportCheckReport {
  fileName: string;
  contentHash: string;
  sheet: string | null;
  templateId: string;
  templateName: string;
  templateVersion: number;
  type: Channel;
  rows: number;
  valid: number;
  invalid: number;
  /** Each header and the placeholder it feeds (null: not used). */
  /**
   * Each header and the placeholder it feeds (null: not used): matched by Notify's rule for names, by hand, or because
   * it is a usual name for the recipient column ("Mobile number" for `phone number`, "E-mail" for `email address`).
   */
  columns: { header: string; placeholder: string | null; matchedBy: 'name' | 'mapping' | 'usual-name' | null }[];
  missingColumns: string[];
  errors: ImportRowError[];
  errorCounts: { message: string; count: number }[];
  warnings: ImportWarning[];
  summary: ImportSummary;
  /** A reason the whole file is refused (too many rows, …); nothing can be queued. */
  fileError: string | null;
}

export interface ImportRowPreview {
  row: number;
  rows: number;
  recipient: string;
  subject: string | null;
  body: string;
  errors: ImportRowError[];
  fragments: number | null;
  /** The message rendered as the person will see it (an email's HTML), when the row can be sent. */
  rendered: MessagePreview | null;
}

export interface ImportQueueResult {
  batchId: string | null;
  report: ImportCheckReport;
  queued: number;
  rejected: number;
  /** The rejected rows with an added `error` column, to correct and import again. */
  rejectedRowsFile: string | null;
  /** That file's name in the data folder's rejected-rows folder: how the page downloads it or shows it. */
  rejectedRowsFileName: string | null;
}

export interface ImportHandlerResults {
  'imports.inspect': ImportFileInfo;
  'imports.check': ImportCheckReport;
  'imports.preview': ImportRowPreview;
  'imports.queue': ImportQueueResult;
  'imports.cancel': { cancelled: boolean };
  'imports.mapping': { mapping: ColumnMapping };
  'imports.showRejectedRows': { path: string };
}

export type ImportStage = 'reading' | 'checking' | 'queuing';

export interface ImportProgress {
  jobId: string;
  stage: ImportStage;
  /** Rows done so far in this stage. */
  done: number;
  /** Rows expected, when known. */
  total: number | null;
  finished: boolean;
}
