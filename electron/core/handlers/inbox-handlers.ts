import { basename } from 'node:path';
import type { HandlerMap } from '../../../shared/contract';
import { validatePhoneNumber } from '../../../shared/notify/phone-number';
import type { CoreContext } from '../core-context';
import { UserError } from '../dispatch';
import {
  getConversation,
  listConversations,
  listReceivedTexts,
  markConversationRead,
  unreadCount,
} from '../inbox/inbox-queries';
import { phoneKeyOf } from '../inbox/phone-key';
import { receivedTextsScheduleFor } from '../inbox/received-texts-schedule';
import type { PracticeService } from '../services/practice-service';
import type { SyncEngine } from '../sync';
import { TemplateRepository } from '../templates/template-repository';
import { queueOneOffMessage } from './message-handlers';
import { senderScope } from '../policy/own-messages';

type InboxHandlerName =
  | 'inbox.conversations'
  | 'inbox.conversation'
  | 'inbox.markRead'
  | 'inbox.reply'
  | 'inbox.messages'
  | 'inbox.export'
  | 'inbox.refresh'
  | 'inbox.practiceReply';

export interface InboxHandlerOptions {
  sync: SyncEngine;
  practice: PracticeService;
  afterQueue: () => void;
}

/** The inbox of replies: conversations by number beside what the desk sent, replies in one click, Notify's download. */
export function createInboxHandlers(
  ctx: CoreContext,
  { sync, practice, afterQueue }: InboxHandlerOptions,
): Pick<HandlerMap, InboxHandlerName> {
  const templates = new TemplateRepository(ctx.db);
  const schedule = receivedTextsScheduleFor(ctx);
  const announceRead = (unread: number) => ctx.events.emit('inbox.changed', { unread, fetched: 0 });

  /** A person who sees only their own messages may read and answer only replies to numbers they texted. */
  const requireOwnConversation = (phoneKey: string): void => {
    const sentBy = senderScope(ctx);
    if (sentBy !== undefined) getConversation(ctx.db, phoneKey, sentBy);
  };

  /** Asks Notify for new texts through the sync engine (so fetches never overlap) and says what came. */
  async function fetchNow(): Promise<{ fetched: number; unread: number }> {
    schedule.requestNow();
    const status = await sync.syncNow();
    const report = schedule.requestedReport();
    if (!report) {
      throw new UserError(
        status.lastError ??
          'Notify could not be reached, so there may be replies the desk has not seen yet. Try again later.',
        'not-fetched',
      );
    }
    return { fetched: report.fetched, unread: unreadCount(ctx.db, senderScope(ctx)) };
  }

  return {
    'inbox.conversations': async (query) => ({
      ...listConversations(ctx.db, { ...query, sentBy: senderScope(ctx, query.sentBy) }),
      unread: unreadCount(ctx.db, senderScope(ctx)),
    }),
    'inbox.conversation': async ({ phoneKey, sentBy }) => getConversation(ctx.db, phoneKey, senderScope(ctx, sentBy)),
    'inbox.markRead': async ({ phoneKey }) => {
      requireOwnConversation(phoneKey);
      announceRead(markConversationRead(ctx.db, phoneKey, ctx.user));
      const unread = unreadCount(ctx.db, senderScope(ctx));
      return { unread };
    },
    'inbox.reply': async ({ phoneKey, templateId, values }) => {
      const template = templates.get(templateId);
      if (template.type !== 'sms')
        throw new UserError('Choose a text message template to reply with.', 'not-a-text-template');
      if (!ctx.db.prepare('SELECT 1 FROM received_texts WHERE phone_key = ?').get(phoneKey)) {
        throw new UserError('There are no replies from that number to answer.', 'no-such-conversation');
      }
      requireOwnConversation(phoneKey);
      const message = queueOneOffMessage(ctx, templates, { templateId, to: phoneKey, values }, afterQueue);
      announceRead(markConversationRead(ctx.db, phoneKey, ctx.user));
      return { message };
    },
    'inbox.messages': async (query) => ({
      messages: listReceivedTexts(ctx.db, { ...query, sentBy: senderScope(ctx, query.sentBy) }),
    }),
    'inbox.export': async ({ path }) => {
      // csv-stringify loads with the first download, not with every core.
      const { writeInboxDownloadFile } = await import('../inbox/inbox-download-writer');
      const rows = await writeInboxDownloadFile(ctx.db, path);
      ctx.audit.record('inbox.exported', { rows, fileName: basename(path) });
      return { path, rows };
    },
    'inbox.refresh': fetchNow,
    'inbox.practiceReply': async ({ phoneNumber, content }) => {
      if ((await ctx.activeService()).kind !== 'practice') {
        throw new UserError(
          'Replies can be made up only in practice mode. A real service’s replies come from Notify.',
          'not-practice-mode',
        );
      }
      const number = validatePhoneNumber(phoneNumber, { allowInternational: true, allowLandline: true });
      if (!number.valid) throw new UserError(number.error, 'invalid-recipient');
      await practice.receiveText(number.normalised, content);
      await fetchNow();
      const [text] = listReceivedTexts(ctx.db, { search: phoneKeyOf(number.normalised), limit: 1 });
      if (!text) throw new UserError('The practice reply did not arrive. Try again.', 'not-fetched');
      return { text };
    },
  };
}
