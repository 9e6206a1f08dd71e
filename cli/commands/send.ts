import { UsageError, type CliCommand } from '../command';
import { parseOptions, parsePairs } from '../parse-options';
import { UserError } from '../../electron/core/user-error';
import { callOrThrow } from './call-or-throw';

export const sendCommand: CliCommand = {
  name: 'send',
  summary: 'Validate, render and queue one message (works offline); prints the message id',
  usage: 'send --template NAME --to RECIPIENT [--set key=value ...] [--send-at ISO-TIME]',
  run: async (args, env) => {
    const { values } = parseOptions(args, {
      template: { type: 'string' },
      to: { type: 'string' },
      set: { type: 'string', multiple: true },
      'send-at': { type: 'string' },
    });
    if (!values.template) throw new UsageError('send needs --template NAME');
    if (values.to === undefined) throw new UsageError('send needs --to RECIPIENT');
    const personalisation = parsePairs(values.set, '--set');
    const core = await env.openCore();
    const { TemplateRepository } = await import('../../electron/core/templates/template-repository');
    const template = new TemplateRepository(core.ctx.db).findByNameOrId(values.template);
    if (!template) throw new UserError(`There is no template called "${values.template}". See notify-desk template list.`);
    const { message } = await callOrThrow(core, 'messages.send', {
      templateId: template.id,
      to: values.to,
      values: personalisation,
      sendAt: values['send-at'],
    });
    env.out(env.json ? JSON.stringify(message) : message.id);
    return 0;
  },
};
