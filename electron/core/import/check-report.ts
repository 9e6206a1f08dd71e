import {
  MAX_IMPORT_ERRORS_SHOWN,
  type Channel,
  type ImportCheckReport,
  type ImportRowError,
  type ImportSummary,
  type ImportWarning,
} from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { batchImportedToday, messagesQueuedToday } from './batch-writer';
import type { MatchedColumns } from './column-mapping';
import type { CheckedRow } from './row-checker';
import type { TemplateForImport } from './template-for-import';

/** GOV.UK Notify's documented daily limits for a live service; a `daily-limit.<type>` setting overrides them. */
const defaultDailyLimits: Record<Channel, number> = { sms: 250_000, email: 250_000, letter: 20_000 };
const ROWS_LISTED = 50;

class WarningTally {
  rows: number[] = [];
  count = 0;
  add(rowNumber: number): void {
    this.count += 1;
    if (this.rows.length < ROWS_LISTED) this.rows.push(rowNumber);
  }
}

/** Gathers a check report as rows go by, keeping only counts and the first errors. */
export class CheckReportBuilder {
  rows = 0;
  valid = 0;
  invalid = 0;
  fragments = 0;
  fileError: string | null = null;
  private readonly errors: ImportRowError[] = [];
  private readonly errorCounts = new Map<string, number>();
  private readonly recipientsSeen = new Set<string>();
  private readonly duplicates = new WarningTally();
  private readonly international = new WarningTally();
  private readonly multiFragment = new WarningTally();

  constructor(
    private readonly template: TemplateForImport,
    private readonly matched: MatchedColumns,
  ) {}

  add(row: CheckedRow): void {
    this.rows += 1;
    if (row.recipientKey !== null) {
      if (this.recipientsSeen.has(row.recipientKey)) this.duplicates.add(row.rowNumber);
      else this.recipientsSeen.add(row.recipientKey);
    }
    if (row.errors.length > 0) {
      this.invalid += 1;
      for (const error of row.errors) {
        if (this.errors.length < MAX_IMPORT_ERRORS_SHOWN) this.errors.push(error);
        this.errorCounts.set(error.message, (this.errorCounts.get(error.message) ?? 0) + 1);
      }
      return;
    }
    this.valid += 1;
    if (row.international) this.international.add(row.rowNumber);
    if (row.fragments !== null) {
      this.fragments += row.fragments;
      if (row.fragments > 1) this.multiFragment.add(row.rowNumber);
    }
  }

  /** Rows past the limit are only counted. */
  countRow(): void {
    this.rows += 1;
  }

  get hasProblems(): boolean {
    return this.fileError !== null || this.matched.missingColumns.length > 0 || this.invalid > 0;
  }

  build(db: Db, file: { fileName: string; contentHash: string }, sheet: string | null): ImportCheckReport {
    const { template, matched } = this;
    const summary = dailyLimitSummary(db, template.type, this.valid, template.type === 'sms' ? this.fragments : null);
    const warnings: ImportWarning[] = [];
    const sameFile = batchImportedToday(db, file.contentHash);
    if (sameFile) {
      const at = new Date(sameFile.createdAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
      warnings.push({
        kind: 'file-imported-today',
        message: `A file with exactly the same content (${sameFile.fileName}) was already imported today at ${at}. Importing it again sends every message twice.`,
        rows: [],
        count: 1,
      });
    }
    const tally = (kind: ImportWarning['kind'], counter: WarningTally, message: (count: number) => string): void => {
      if (counter.count > 0)
        warnings.push({ kind, message: message(counter.count), rows: counter.rows, count: counter.count });
    };
    tally(
      'duplicate-recipient',
      this.duplicates,
      (count) =>
        `${plural(count, 'row has a recipient', 'rows have a recipient')} that appears earlier in the file: they will get more than one message.`,
    );
    tally(
      'international-numbers',
      this.international,
      (count) =>
        `${plural(count, 'row is an international number', 'rows are international numbers')}: these cost more, and the service must be allowed to send to other countries.`,
    );
    tally(
      'multiple-fragments',
      this.multiFragment,
      (count) =>
        `${plural(count, 'message is', 'messages are')} longer than one text message and will be charged as several fragments.`,
    );
    if (summary.overDailyLimit) {
      warnings.push({
        kind: 'daily-limit',
        message: `This batch takes the service past its daily limit of ${summary.dailyLimit.toLocaleString('en-GB')} ${template.type === 'sms' ? 'text messages' : template.type === 'email' ? 'emails' : 'letters'} (${summary.alreadyToday.toLocaleString('en-GB')} already today). Messages over the limit wait until tomorrow.`,
        rows: [],
        count: summary.alreadyToday + summary.messages - summary.dailyLimit,
      });
    }
    return {
      fileName: file.fileName,
      contentHash: file.contentHash,
      sheet,
      templateId: template.id,
      templateName: template.name,
      templateVersion: template.version,
      type: template.type,
      rows: this.rows,
      valid: this.valid,
      invalid: this.invalid,
      columns: matched.columns,
      missingColumns: matched.missingColumns,
      errors: this.errors,
      errorCounts: [...this.errorCounts]
        .map(([message, count]) => ({ message, count }))
        .sort((a, b) => b.count - a.count),
      warnings,
      summary,
      fileError: this.fileError ?? matched.columnError,
    };
  }
}

function dailyLimitSummary(db: Db, type: Channel, messages: number, fragments: number | null): ImportSummary {
  const setting = db.prepare('SELECT value FROM settings WHERE key = ?').get(`daily-limit.${type}`) as
    { value: string } | undefined;
  const configured = Number(setting?.value);
  const dailyLimit = Number.isInteger(configured) && configured > 0 ? configured : defaultDailyLimits[type];
  const alreadyToday = messagesQueuedToday(db, type);
  return { messages, fragments, dailyLimit, alreadyToday, overDailyLimit: alreadyToday + messages > dailyLimit };
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}
