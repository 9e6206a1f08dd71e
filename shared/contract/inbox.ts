import * as z from 'zod';
import { emptyArgs, idSchema, personalisationSchema } from './common';
import type { OutboxMessage } from './outbox';
import type { PermissionsFor } from './permissions';

/** A text someone sent to the service's number, as the desk keeps it. */
export interface ReceivedTextMessage {
  id: string;
  /** As Notify gave it (`447700900123`). */
  userNumber: string;
  /** As Notify shows it: `07700 900123`, `+1 202-555-0123`. */
  phoneNumber: string;
  /** The conversation the text belongs to: the number as the desk stores the recipients of its texts. */
  phoneKey: string;
  content: string;
  receivedAt: string;
  read: boolean;
}

/** Every text from one number, newest first in the list of conversations. */
export interface InboxConversation {
  phoneKey: string;
  phoneNumber: string;
  texts: number;
  unread: number;
  lastText: { content: string; receivedAt: string };
  /** The newest text message the desk sent to this number. */
  lastSent: { templateName: string; body: string; createdAt: string; createdBy: string } | null;
}

/** One line of a conversation: a reply, or a text message the desk sent to the number. */
export type ConversationEntry =
  { kind: 'received'; at: string; text: ReceivedTextMessage } | { kind: 'sent'; at: string; message: OutboxMessage };

export interface InboxConversationDetail {
  phoneKey: string;
  phoneNumber: string;
  /** Oldest first, each reply under the messages sent before it. */
  entries: ConversationEntry[];
  unread: number;
}

/** Where web mode serves Notify's inbox download (the CSV of every received text) to this tab. */
export const INBOX_DOWNLOAD_PATH = '/inbox/received-text-messages.csv';

const searchSchema = z.string().trim().max(200, 'Search for at most 200 characters.');
const phoneKeySchema = z.string().trim().min(1).max(40);
/** Caseworkers may read the replies to messages they sent themselves: the desk user who sent them. */
const sentBySchema = z.string().trim().min(1).max(200);

export const inboxHandlerArgs = {
  'inbox.conversations': z
    .object({
      /** A number in any format, part of one, or words from the texts. */
      search: searchSchema.optional(),
      sentBy: sentBySchema.optional(),
      unreadOnly: z.boolean().default(false),
      limit: z.number().int().min(1).max(500).default(50),
      offset: z.number().int().min(0).default(0),
    })
    .strict(),
  'inbox.conversation': z.object({ phoneKey: phoneKeySchema, sentBy: sentBySchema.optional() }).strict(),
  'inbox.markRead': z.object({ phoneKey: phoneKeySchema }).strict(),
  /** A one-off text to the number, from a text message template. */
  'inbox.reply': z
    .object({ phoneKey: phoneKeySchema, templateId: idSchema, values: personalisationSchema.default({}) })
    .strict(),
  /** Received texts one by one, newest first; `before` is the id of the last one of the previous page. */
  'inbox.messages': z
    .object({
      search: searchSchema.optional(),
      sentBy: sentBySchema.optional(),
      limit: z.number().int().min(1).max(10_000).default(100),
      before: idSchema.optional(),
    })
    .strict(),
  /** Notify's inbox download written to a file: the command line, or the desktop app's own save dialog. */
  'inbox.export': z.object({ path: z.string().min(1).max(4096) }).strict(),
  /** Asks Notify for new replies now. */
  'inbox.refresh': emptyArgs,
  /** Practice mode only: a reply from this number arrives at the practice service. */
  'inbox.practiceReply': z
    .object({
      phoneNumber: z.string().trim().min(1, 'Enter the phone number the reply comes from.').max(40),
      content: z
        .string()
        .trim()
        .min(1, 'Enter the text of the reply.')
        .max(918, 'A text can have at most 918 characters.'),
    })
    .strict(),
} as const;

export const inboxHandlerPermissions = {
  'inbox.conversations': 'view-own-messages',
  'inbox.conversation': 'view-own-messages',
  'inbox.markRead': 'view-own-messages',
  'inbox.reply': 'send-messages',
  'inbox.messages': 'view-own-messages',
  'inbox.export': 'export-record',
  'inbox.refresh': 'view-own-messages',
  'inbox.practiceReply': 'use-desk',
} as const satisfies PermissionsFor<typeof inboxHandlerArgs>;

export interface InboxFetchSummary {
  /** Texts new to the desk in this fetch. */
  fetched: number;
  unread: number;
}

export interface InboxHandlerResults {
  'inbox.conversations': { conversations: InboxConversation[]; total: number; unread: number };
  'inbox.conversation': InboxConversationDetail;
  'inbox.markRead': { unread: number };
  'inbox.reply': { message: OutboxMessage };
  'inbox.messages': { messages: ReceivedTextMessage[] };
  'inbox.export': { path: string; rows: number };
  'inbox.refresh': InboxFetchSummary;
  'inbox.practiceReply': { text: ReceivedTextMessage };
}
