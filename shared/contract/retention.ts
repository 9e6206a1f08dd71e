import * as z from 'zod';
import { emptyArgs } from './common';
import type { PermissionsFor } from './permissions';

/** The longest period the desk takes, in days (as the policy file bounds it): a hundred years. */
export const MAX_RETENTION_DAYS = 36_500;

const days = (kept: string) =>
  z
    .number({ error: `Enter how many days to keep ${kept}, as a whole number` })
    .int(`Enter how many days to keep ${kept}, as a whole number`)
    .min(1, `Keep ${kept} for at least 1 day`)
    .max(MAX_RETENTION_DAYS, `Keep ${kept} for ${MAX_RETENTION_DAYS.toLocaleString('en-GB')} days or fewer`);

/** How long the desk keeps what it holds. */
export interface RetentionPeriods {
  /** Recipient, personalisation and content of finished messages (and received texts, uploads, saved files) go after this many days. */
  personalDataDays: number;
  /** Whole records go after this many days. */
  recordDays: number;
}

export interface RetentionSettings extends RetentionPeriods {
  /** The policy file IT deploys sets them: they cannot be changed at the desk. */
  fixedByPolicy: boolean;
  defaults: RetentionPeriods;
  lastPurge: PurgeSummary | null;
}

/** What a purge took, or would take (a dry run): counts per kind, and the dates before which each went. */
export interface PurgeSummary {
  dryRun: boolean;
  /** When it ran, by the desk's clock. */
  at: string;
  /** The person who asked for it; null for the desk's own daily purge. */
  requestedBy: string | null;
  personalData: {
    days: number;
    /** Messages created before this (finished ones), and what was received or saved before it. */
    before: string;
    /** Messages whose recipient, personalisation, content and spreadsheet row were erased. */
    messages: number;
    receivedTexts: number;
    /** Creation time of the oldest message among them. */
    oldest: string | null;
  };
  records: {
    days: number;
    before: string;
    /** Messages deleted whole. */
    messages: number;
    /** Imports none of whose messages were left. */
    batches: number;
    printRuns: number;
    /** The desk's notes of files it took from watch folders. */
    watchFolderFiles: number;
    oldest: string | null;
  };
  files: {
    /** Spreadsheets uploaded to web mode. */
    uploads: number;
    rejectedRowsFiles: number;
    /** Files taken from watch folders: the spreadsheet moved to done/ or failed/, its report and its rows set aside. */
    watchFolderCopies: number;
    letterPdfs: number;
    exportDownloads: number;
  };
  /** The database file's size before and after the space freed was given back; null for a dry run. */
  databaseBytes: { before: number; after: number } | null;
}

export const retentionHandlerArgs = {
  'retention.settings': emptyArgs,
  'retention.save': z
    .object({
      personalDataDays: days('personal data'),
      recordDays: days('records'),
    })
    .strict(),
  /** Purges now what the periods say has expired; `dryRun` only counts it. */
  'retention.purge': z.object({ dryRun: z.boolean().default(false) }).strict(),
} as const;

export const retentionHandlerPermissions = {
  'retention.settings': 'use-desk',
  'retention.save': 'manage-policy',
  'retention.purge': 'manage-policy',
} as const satisfies PermissionsFor<typeof retentionHandlerArgs>;

export interface RetentionHandlerResults {
  'retention.settings': RetentionSettings;
  'retention.save': RetentionSettings;
  'retention.purge': PurgeSummary;
}
