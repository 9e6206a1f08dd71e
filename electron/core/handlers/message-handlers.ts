import {
  MAX_IMPORT_SCHEDULE_DAYS,
  type HandlerMap,
  type OutboxMessage,
  type Personalisation,
} from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { UserError } from '../dispatch';
import { enqueueMessages, ONE_OFF_PRIORITY } from '../outbox/enqueue';
import { getOutboxMessage } from '../outbox/outbox-message-row';
import { composeMessage } from '../templates/compose-message';
import { TemplateRepository } from '../templates/template-repository';
import { requireTemplateUse } from '../policy/template-use';

const scheduleLimitMs = MAX_IMPORT_SCHEDULE_DAYS * 24 * 60 * 60 * 1000;

function checkSendAt(sendAt: string | undefined): string | undefined {
  if (!sendAt) return undefined;
  const at = new Date(sendAt).getTime();
  const now = Date.now();
  if (at > now + scheduleLimitMs)
    throw new UserError(`Choose a time within the next ${MAX_IMPORT_SCHEDULE_DAYS} days.`, 'invalid-send-at');
  return at <= now ? undefined : new Date(at).toISOString();
}

/** The caseworker's one-off send: validated as Notify would, rendered, and queued ahead of any batch. */
export function createMessageHandlers(ctx: CoreContext, afterQueue: () => void): Pick<HandlerMap, 'messages.send'> {
  const templates = new TemplateRepository(ctx.db);
  return {
    'messages.send': async (args) => ({ message: queueOneOffMessage(ctx, templates, args, afterQueue) }),
  };
}

/** Queues one message to one recipient (a one-off send, or a reply from the inbox) and wakes the sender. */
export function queueOneOffMessage(
  ctx: CoreContext,
  templates: TemplateRepository,
  { templateId, to, values, sendAt }: { templateId: string; to: string; values: Personalisation; sendAt?: string },
  afterQueue: () => void,
): OutboxMessage {
  const template = templates.get(templateId);
  if (template.archived) throw new UserError('This template has been archived. Choose another template.');
  requireTemplateUse(ctx, template);
  const composed = composeMessage(
    {
      type: template.type,
      subject: template.latest.subject,
      body: template.latest.body,
      letterContactBlock: template.latest.letterContactBlock,
    },
    to,
    values,
  );
  if (!composed.ok) {
    if (composed.recipientError) throw new UserError(composed.recipientError, 'invalid-recipient');
    throw new UserError(composed.errors[0] ?? 'This message cannot be sent.', 'invalid-message');
  }
  // The message and its audit entry are written together, so a queued message is always in the trail.
  const id = ctx.db.transaction(() => {
    const [queuedId] = enqueueMessages(ctx.db, [
      {
        type: template.type,
        templateId: template.id,
        templateVersion: template.currentVersion,
        recipient: composed.message.recipient,
        personalisation: composed.message.personalisation,
        renderedBody: composed.message.renderedBody,
        renderedSubject: composed.message.renderedSubject,
        priority: ONE_OFF_PRIORITY,
        sendAfter: checkSendAt(sendAt),
        createdBy: ctx.user,
      },
    ]);
    ctx.audit.record('message.queued', { messageId: queuedId!, type: template.type, template: template.name });
    return queuedId!;
  })();
  const message = getOutboxMessage(ctx.db, id);
  afterQueue();
  return message;
}
