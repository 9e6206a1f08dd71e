import * as z from 'zod';
import { channelSchema, idSchema, personalisationSchema, sendAtSchema, type Channel } from './common';
import type { PermissionsFor } from './permissions';

export const messageStates = [
  'scheduled',
  'queued',
  'sending',
  'accepted',
  'delivered',
  'permanent-failure',
  'temporary-failure',
  'technical-failure',
  'cancelled',
  'rejected',
  'needs-attention',
  'status-unknown',
  /** A letter routed to the post room's printer, not yet printed or saved as a PDF. */
  'waiting-to-print',
  /** Printed (or saved as a PDF to print), not yet posted. */
  'printed',
  /** The post room has posted it. */
  'posted',
  /** A direct provider may have taken it (no answer came) and cannot be asked: a person resends it or counts it sent. */
  'outcome-unknown',
] as const;
export type MessageState = (typeof messageStates)[number];
export const messageStateSchema = z.enum(messageStates);

export const finalMessageStates: readonly MessageState[] = [
  'delivered',
  'permanent-failure',
  'temporary-failure',
  'technical-failure',
  'cancelled',
  'rejected',
  'status-unknown',
  'posted',
];

export interface OutboxMessage {
  id: string;
  reference: string;
  type: Channel;
  templateId: string;
  templateName: string;
  templateVersion: number;
  recipient: string;
  body: string;
  subject: string | null;
  state: MessageState;
  notifyStatus: string | null;
  notifyId: string | null;
  /** The route that took it (`notify`, or a direct provider's name), or that may have taken it when the outcome is unknown. */
  provider: string | null;
  /** The provider's own id for it (Notify's id for Notify). */
  providerMessageId: string | null;
  batchId: string | null;
  attempts: number;
  lastError: string | null;
  sendAfter: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export type OutboxCounts = Record<MessageState, number>;

/** An imported batch and where its messages stand, counted by the groups the outbox page shows. */
export interface OutboxBatchProgress {
  id: string;
  fileName: string;
  importedBy: string;
  createdAt: string;
  sendAfter: string;
  paused: boolean;
  /** Messages queued from the file. */
  total: number;
  /** Scheduled or queued. */
  waiting: number;
  sending: number;
  /** Handed to Notify, not yet delivered or failed. */
  accepted: number;
  delivered: number;
  /** Failed, rejected, needing attention, of unknown outcome, or with a status that can no longer be known. */
  failed: number;
  cancelled: number;
  /** Letters waiting to be printed, or printed and not yet posted. */
  inPostRoom: number;
  posted: number;
}

export const outboxHandlerArgs = {
  'messages.send': z
    .object({
      templateId: idSchema,
      to: z.string().max(10_000, 'A recipient can be at most 10,000 characters'),
      values: personalisationSchema.default({}),
      sendAt: sendAtSchema.optional(),
    })
    .strict(),
  'outbox.list': z
    .object({
      states: z.array(messageStateSchema).optional(),
      batchId: idSchema.optional(),
      search: z.string().max(200, 'Search for at most 200 characters').optional(),
      limit: z.number().int().min(1).max(1000).default(100),
      offset: z.number().int().min(0).default(0),
    })
    .strict(),
  'outbox.get': z.object({ id: idSchema }).strict(),
  'outbox.counts': z.object({ batchId: idSchema.optional() }).strict(),
  'outbox.retry': z.object({ ids: z.array(idSchema).min(1).max(10_000) }).strict(),
  'outbox.cancel': z.object({ ids: z.array(idSchema).min(1).max(10_000) }).strict(),
  'outbox.batches': z.object({ limit: z.number().int().min(1).max(500).default(20) }).strict(),
  'outbox.cancelBatch': z.object({ batchId: idSchema }).strict(),
} as const;

export const outboxHandlerPermissions = {
  'messages.send': 'send-messages',
  'outbox.list': 'view-own-messages',
  'outbox.get': 'view-own-messages',
  'outbox.counts': 'view-own-messages',
  'outbox.retry': 'send-messages',
  'outbox.cancel': 'send-messages',
  'outbox.batches': 'view-own-messages',
  'outbox.cancelBatch': 'import-spreadsheets',
} as const satisfies PermissionsFor<typeof outboxHandlerArgs>;

export interface OutboxHandlerResults {
  'messages.send': { message: OutboxMessage };
  'outbox.list': { messages: OutboxMessage[]; total: number };
  'outbox.get': OutboxMessage;
  'outbox.counts': OutboxCounts;
  'outbox.retry': { changed: number };
  'outbox.cancel': { changed: number };
  'outbox.batches': { batches: OutboxBatchProgress[] };
  'outbox.cancelBatch': { changed: number };
}

export const channelArg = channelSchema;
