import * as z from 'zod';
import { idSchema } from './common';
import type { PermissionsFor } from './permissions';

/** What the audit trail records: who changed how the desk sends, and who queued, stopped or took out what. */
export const auditActions = [
  'policy.loaded',
  'policy.removed',
  'service.configured',
  'service.removed',
  'service.ca-file',
  'route.set',
  'provider.changed',
  'watch-folder.saved',
  'watch-folder.removed',
  'template.created',
  'template.edited',
  'template.archived',
  'message.queued',
  'batch.queued',
  'batch.paused',
  'batch.resumed',
  'batch.cancelled',
  'sending.paused',
  'sending.resumed',
  'messages.cancelled',
  'messages.retried',
  'message.outcome-decided',
  'letters.posted',
  'record.exported',
  'inbox.exported',
  'audit.exported',
  'data.purged',
  'settings.changed',
] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditValue =
  string | number | boolean | null | readonly AuditValue[] | { readonly [key: string]: AuditValue };
/** Ids, names, counts and filters: never a message's content or personalisation, never a key. */
export type AuditDetail = { readonly [key: string]: AuditValue };

export interface AuditEntry {
  seq: number;
  at: string;
  /** The desk user who did it. */
  actor: string;
  action: AuditAction;
  detail: AuditDetail;
  /** What happened, in words. */
  summary: string;
  previousHash: string;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The last entry's hash: kept elsewhere, it shows later whether entries were removed from the end. */
  lastHash: string | null;
  /** The first entry that does not match the chain, and why. */
  broken: { seq: number; reason: string } | null;
}

export const auditHandlerArgs = {
  /** Newest first; `before` is the seq of the last entry of the previous page. */
  'audit.list': z
    .object({ limit: z.number().int().min(1).max(1000).default(100), before: z.number().int().min(1).optional() })
    .strict(),
  'audit.verify': z.object({}).strict(),
  /** The whole trail as CSV: the desktop app's save dialog, or a download in web mode (as `record.export`). */
  'audit.export': z.object({ jobId: idSchema.optional() }).strict(),
} as const;

export const auditHandlerPermissions = {
  'audit.list': 'view-audit',
  'audit.verify': 'view-audit',
  'audit.export': 'view-audit',
} as const satisfies PermissionsFor<typeof auditHandlerArgs>;

export interface AuditHandlerResults {
  'audit.list': { entries: AuditEntry[]; verification: AuditVerification };
  'audit.verify': AuditVerification;
  'audit.export': { rows: number; fileName: string; saved: boolean; downloadPath: string | null };
}

const text = (value: AuditValue | undefined): string =>
  value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
const count = (value: AuditValue | undefined, one: string, many: string): string =>
  `${text(value)} ${value === 1 ? one : many}`;

/** What an entry says happened, in words for the audit page, the command line and the export. */
export function describeAuditEntry(action: AuditAction, detail: AuditDetail): string {
  switch (action) {
    case 'policy.loaded':
      return `Policy file ${text(detail.path)} in force (SHA-256 ${text(detail.sha256)})`;
    case 'policy.removed':
      return 'No policy file any more: the desk is single-user';
    case 'service.configured':
      return `Connected the service at ${text(detail.baseUrl)} with a ${text(detail.keyType)} key (${text(detail.keyLocation)})${detail.keyReplaced ? ', replacing the previous key' : ''}`;
    case 'service.removed':
      return `Removed the service at ${text(detail.baseUrl)}`;
    case 'service.ca-file':
      return detail.caFile ? `Trusted the CA file ${text(detail.caFile)}` : 'Stopped trusting a CA file of its own';
    case 'route.set':
      return `Routed ${text(detail.channel)} messages through ${Array.isArray(detail.providers) ? detail.providers.map(text).join(', then ') : text(detail.providers)}`;
    case 'provider.changed':
      return `Changed the provider ${text(detail.provider)}: ${text(detail.change)}`;
    case 'watch-folder.saved':
      return `Saved the watch folder ${text(detail.folder)} with the template “${text(detail.template)}”`;
    case 'watch-folder.removed':
      return `Removed the watch folder ${text(detail.folder)}`;
    case 'template.created':
      return `Created the ${text(detail.type)} template “${text(detail.name)}”`;
    case 'template.edited':
      return `Changed the template “${text(detail.name)}” (now version ${text(detail.version)})`;
    case 'template.archived':
      return `Archived the template “${text(detail.name)}”`;
    case 'message.queued':
      return `Queued a one-off ${text(detail.type)} message from the template “${text(detail.template)}” (message ${text(detail.messageId)})`;
    case 'batch.queued':
      return `Queued ${count(detail.messages, 'message', 'messages')} from ${text(detail.fileName)} (batch ${text(detail.batchId)})`;
    case 'batch.paused':
      return `Paused batch ${text(detail.batchId)}`;
    case 'batch.resumed':
      return `Resumed batch ${text(detail.batchId)}`;
    case 'batch.cancelled':
      return `Cancelled ${count(detail.messages, 'message', 'messages')} of batch ${text(detail.batchId)}`;
    case 'sending.paused':
      return 'Paused all sending';
    case 'sending.resumed':
      return 'Resumed sending';
    case 'messages.cancelled':
      return `Cancelled ${count(detail.messages, 'message', 'messages')}`;
    case 'messages.retried':
      return `Sent ${count(detail.messages, 'message', 'messages')} again`;
    case 'message.outcome-decided':
      return detail.resendBy
        ? `Sent message ${text(detail.messageId)}, whose outcome was unknown, again by ${text(detail.resendBy)}`
        : `Marked message ${text(detail.messageId)}, whose outcome was unknown, as sent`;
    case 'letters.posted':
      return `Marked ${count(detail.letters, 'letter', 'letters')} as posted`;
    case 'record.exported':
      return `Exported ${count(detail.rows, 'row', 'rows')} of the record to ${text(detail.fileName)}`;
    case 'inbox.exported':
      return `Downloaded ${count(detail.rows, 'received text', 'received texts')} to ${text(detail.fileName)}`;
    case 'audit.exported':
      return `Exported ${count(detail.rows, 'entry', 'entries')} of the audit trail to ${text(detail.fileName)}`;
    case 'data.purged':
      return `Purged data: ${Object.entries(detail)
        .map(([key, value]) => `${key} ${text(value)}`)
        .join(', ')}`;
    case 'settings.changed':
      return `Changed the setting ${text(detail.setting)} to ${text(detail.value)}`;
  }
}
