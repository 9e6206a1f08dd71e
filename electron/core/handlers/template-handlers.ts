import type { HandlerArgs, HandlerMap } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { previewMessage } from '../templates/compose-message';
import { TemplateRepository, type TemplateContent } from '../templates/template-repository';
import { mayUseTemplate, requireTemplateUse } from '../policy/template-use';

type TemplateHandlerNames =
  | 'templates.list'
  | 'templates.get'
  | 'templates.create'
  | 'templates.update'
  | 'templates.archive'
  | 'templates.versions'
  | 'templates.preview';

function contentFrom(
  args: HandlerArgs<'templates.create'> | HandlerArgs<'templates.update'>,
  type: string,
): TemplateContent {
  return {
    subject: type === 'sms' ? null : (args.subject ?? ''),
    body: args.body,
    letterContactBlock: type === 'letter' ? (args.letterContactBlock ?? null) : null,
    postage: type === 'letter' ? (args.postage ?? 'second') : null,
  };
}

export function createTemplateHandlers(ctx: CoreContext): Pick<HandlerMap, TemplateHandlerNames> {
  const templates = new TemplateRepository(ctx.db);
  const changed = (templateId: string) => ctx.events.emit('templates.changed', { templateId });
  return {
    'templates.list': async (args) =>
      templates.list(args).filter((template) => mayUseTemplate(ctx, template.allowedRoles)),
    'templates.get': async ({ id }) => {
      const template = templates.get(id);
      if (!mayUseTemplate(ctx, template.allowedRoles)) requireTemplateUse(ctx, template);
      return template;
    },
    'templates.create': async (args) => {
      const created = templates.create({
        type: args.type,
        name: args.name,
        folder: args.folder || null,
        createdBy: ctx.user,
        allowedRoles: args.allowedRoles,
        ...contentFrom(args, args.type),
      });
      ctx.audit.record('template.created', {
        templateId: created.id,
        type: created.type,
        name: created.name,
        allowedRoles: created.allowedRoles,
      });
      changed(created.id);
      return created;
    },
    'templates.update': async (args) => {
      const type = templates.get(args.id).type;
      const updated = templates.update(args.id, {
        name: args.name,
        folder: args.folder || null,
        createdBy: ctx.user,
        allowedRoles: args.allowedRoles,
        ...contentFrom(args, type),
      });
      ctx.audit.record('template.edited', {
        templateId: updated.id,
        name: updated.name,
        version: updated.currentVersion,
        allowedRoles: updated.allowedRoles,
      });
      changed(updated.id);
      return updated;
    },
    'templates.archive': async ({ id }) => {
      const archived = templates.archive(id);
      ctx.audit.record('template.archived', { templateId: id, name: archived.name });
      changed(id);
      return archived;
    },
    'templates.versions': async ({ id }) => {
      const template = templates.get(id);
      if (!mayUseTemplate(ctx, template.allowedRoles)) requireTemplateUse(ctx, template);
      return templates.versions(id);
    },
    'templates.preview': async (args) =>
      previewMessage(
        {
          type: args.type,
          subject: args.subject ?? (args.type === 'sms' ? null : ''),
          body: args.body,
          letterContactBlock: args.letterContactBlock ?? null,
        },
        args.values ?? {},
      ),
  };
}
