import * as z from 'zod';
import { notificationStatuses, statusBuckets, type StatusBucket } from '../notify/notification-status';
import { channelSchema, emptyArgs, idSchema, type Channel } from './common';
import type { PermissionsFor } from './permissions';

/** The delivery record's pages hold this many messages. */
export const RECORD_PAGE_SIZE = 50;

export const recordPeriods = ['today', 'last-7-days', 'this-month', 'this-financial-year'] as const;
export type RecordPeriod = (typeof recordPeriods)[number];

const londonDateSchema = z.iso.date('Enter a date as YYYY-MM-DD, for example 2026-11-30');

/** A filter on the delivery record. Every field is optional; they combine with AND. Dates are London dates, inclusive. */
export const recordFilterSchema = z
  .object({
    /** One box: a recipient in any format, a reference, or a spreadsheet's name. */
    search: z.string().trim().max(320).optional(),
    /** A phone number in any format, an email address (any case), or a letter's first address line. */
    to: z.string().trim().max(320).optional(),
    reference: z.string().trim().max(1000).optional(),
    spreadsheet: z.string().trim().max(255).optional(),
    type: channelSchema.optional(),
    /** A bucket (delivering, delivered, failed) or one exact status. */
    status: z.enum([...statusBuckets, ...notificationStatuses]).optional(),
    template: z.string().trim().max(500).optional(),
    /** Who sent it: a desk user, or the name Notify gives for a message sent in its web interface. */
    sentBy: z.string().trim().max(200).optional(),
    batchId: idSchema.optional(),
    period: z.enum(recordPeriods).optional(),
    since: londonDateSchema.optional(),
    until: londonDateSchema.optional(),
  })
  .strict();
export type RecordFilter = z.infer<typeof recordFilterSchema>;

export const recordExportFormats = ['csv', 'xlsx'] as const;
export type RecordExportFormat = (typeof recordExportFormats)[number];

export interface RecordMessageSummary {
  id: string;
  notifyId: string | null;
  type: Channel;
  /** Notify's status: one of notificationStatuses, or a newer one the desk does not know yet. */
  status: string;
  /** Notify's screen words for the status. */
  statusText: string;
  bucket: StatusBucket | null;
  /** A phone number in Notify's human-readable form; an email address as sent; a letter's whole address. */
  recipient: string;
  reference: string | null;
  templateName: string | null;
  sentBy: string | null;
  /** `desk`: sent from this desk; `other-desk`: another notify-desk; `elsewhere`: the API or Notify's web interface. */
  origin: RecordOrigin;
  batchId: string | null;
  spreadsheet: string | null;
  rowNumber: number | null;
  createdAt: string;
  statusAt: string;
}

export type RecordOrigin = 'desk' | 'other-desk' | 'elsewhere';

export interface RecordTimelineEntry {
  at: string;
  /** What happened, in words. */
  text: string;
}

export interface RecordMessage extends RecordMessageSummary {
  templateId: string | null;
  templateVersion: number | null;
  subject: string | null;
  body: string | null;
  /** Text message parts or sheets of paper, once Notify has counted them. */
  billableUnits: number | null;
  postage: string | null;
  costInPounds: number | null;
  completedAt: string | null;
  timeline: RecordTimelineEntry[];
}

export type RecordCounts = { total: number; other: number } & Record<StatusBucket, number>;

export interface RecordSearchResult {
  messages: RecordMessageSummary[];
  /** Give it back as `after` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Messages the filter matches, status included. */
  total: number;
  /** Counts for the same filter without its status: the figures at the top of the page. */
  counts: RecordCounts;
}

export interface DashboardFigures {
  requested: number;
  delivering: number;
  delivered: number;
  failed: number;
  /** Failed as a percentage of requested, one decimal place. */
  failureRate: number;
  /** Above Notify's 3% warning. */
  failureWarning: boolean;
}

export interface DashboardPeriod {
  period: RecordPeriod;
  label: string;
  since: string;
  until: string;
  byChannel: Record<Channel, DashboardFigures>;
}

export interface RecordDashboard {
  generatedAt: string;
  periods: DashboardPeriod[];
  /** Since midnight UTC, when Notify's daily limits reset. */
  dailyUsage: { channel: Channel; sent: number; limit: number | null }[];
  smsPartsThisYear: number;
  smsFreeAllowance: number;
  smsFreeAllowanceLeft: number;
  lettersThisYear: { postage: string; count: number }[];
  templateUsage: { templateName: string; type: Channel; count: number }[];
  batchesThisWeek: {
    batchId: string;
    fileName: string;
    createdAt: string;
    total: number;
    delivered: number;
    failed: number;
    delivering: number;
  }[];
  /** The last 30 London days, oldest first. */
  daily: { date: string; sent: number; delivered: number; failed: number }[];
  /** Messages whose final status Notify stopped listing before the desk saw it. */
  statusUnknown: number;
  lastHarvestAt: string | null;
}

/** Yearly free text message parts by organisation type (Notify's pricing page), set in settings. */
export const smsFreeAllowances = [20_000, 10_000, 5_000, 0] as const;

export const recordHandlerArgs = {
  'record.search': z
    .object({
      filter: recordFilterSchema.default({}),
      after: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(200).default(RECORD_PAGE_SIZE),
    })
    .strict(),
  /** The same search, limited to what the person at the desk sent. */
  'record.searchOwn': z
    .object({
      filter: recordFilterSchema.default({}),
      after: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(200).default(RECORD_PAGE_SIZE),
    })
    .strict(),
  'record.get': z.object({ id: idSchema }).strict(),
  'record.dashboard': emptyArgs,
  'record.harvest': emptyArgs,
  'record.setSmsAllowance': z.object({ allowance: z.number().int().min(0).max(1_000_000) }).strict(),
  /**
   * Writes an export of the filter (or of one batch, in Notify's batch report columns). The desktop app asks where
   * to save it in its own dialog; web mode offers the finished file as a download at `downloadPath`.
   */
  'record.export': z
    .object({
      filter: recordFilterSchema.default({}),
      /** A batch report: Row number, the spreadsheet's own columns, then Notify's. */
      batchId: idSchema.optional(),
      format: z.enum(recordExportFormats),
      jobId: idSchema.optional(),
    })
    .strict(),
  'record.cancelExport': z.object({ jobId: idSchema }).strict(),
} as const;

export const recordHandlerPermissions = {
  'record.search': 'view-own-messages',
  'record.searchOwn': 'view-own-messages',
  'record.get': 'view-own-messages',
  'record.dashboard': 'view-service-record',
  'record.harvest': 'view-service-record',
  'record.setSmsAllowance': 'manage-policy',
  'record.export': 'export-record',
  'record.cancelExport': 'export-record',
} as const satisfies PermissionsFor<typeof recordHandlerArgs>;

export interface RecordExportResult {
  rows: number;
  fileName: string;
  /** Desktop: saved where the person chose (false when they closed the dialog). */
  saved: boolean;
  /** Web mode: fetch this path (with the page's token) to download the file, once. */
  downloadPath: string | null;
}

export interface HarvestReport {
  requests: number;
  /** Notifications seen in Notify's list. */
  seen: number;
  /** Sent elsewhere and new to the record. */
  adopted: number;
  statusesChanged: number;
  /** Past Notify's retention without a final status seen. */
  markedUnknown: number;
}

export interface RecordHandlerResults {
  'record.search': RecordSearchResult;
  'record.searchOwn': RecordSearchResult;
  'record.get': RecordMessage;
  'record.dashboard': RecordDashboard;
  'record.harvest': HarvestReport;
  'record.setSmsAllowance': { allowance: number };
  'record.export': RecordExportResult;
  'record.cancelExport': { cancelled: boolean };
}

/** Where web mode serves a finished export, by its download id. */
export const RECORD_EXPORT_DOWNLOAD_PATH = '/record-exports/';

export interface RecordExportProgress {
  jobId: string;
  done: number;
  total: number;
  finished: boolean;
}
