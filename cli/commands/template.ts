import { readFile } from 'node:fs/promises';
import { UsageError, type CliCommand } from '../command';
import { parseOptions } from '../parse-options';
import { callOrThrow } from './call-or-throw';

const channels = ['sms', 'email', 'letter'] as const;
type ChannelName = (typeof channels)[number];
const isChannel = (value: string | undefined): value is ChannelName => channels.includes(value as ChannelName);

export const templateCommand: CliCommand = {
  name: 'template',
  summary: 'Add or list templates',
  usage: 'template add --type sms|email|letter --name NAME (--body TEXT | --body-file F) [--subject S] | template list',
  run: async (args, env) => {
    const [action, ...rest] = args;
    if (action === 'add') {
      const { values } = parseOptions(rest, {
        type: { type: 'string' },
        name: { type: 'string' },
        body: { type: 'string' },
        'body-file': { type: 'string' },
        subject: { type: 'string' },
        folder: { type: 'string' },
      });
      if (!isChannel(values.type)) throw new UsageError('template add needs --type sms, email or letter');
      if (!values.name) throw new UsageError('template add needs --name NAME');
      if ((values.body === undefined) === (values['body-file'] === undefined)) {
        throw new UsageError('template add needs one of --body TEXT or --body-file F');
      }
      const body = values.body ?? (await readFile(values['body-file']!, 'utf8').catch(() => {
        throw new UsageError(`cannot read --body-file ${values['body-file']}`);
      }));
      if (values.type !== 'sms' && values.subject === undefined) throw new UsageError(`a ${values.type} template needs --subject`);
      const core = await env.openCore();
      const template = await callOrThrow(core, 'templates.create', {
        type: values.type,
        name: values.name,
        body,
        subject: values.subject,
        folder: values.folder,
      });
      env.out(env.json ? JSON.stringify(template) : `${template.id}\t${template.name}`);
      return 0;
    }
    if (action === 'list') {
      const { values } = parseOptions(rest, { archived: { type: 'boolean' } });
      const core = await env.openCore();
      const templates = await callOrThrow(core, 'templates.list', { includeArchived: values.archived === true });
      if (env.json) env.out(JSON.stringify(templates));
      else for (const template of templates) env.out(`${template.id}\t${template.type}\t${template.source}\tv${template.currentVersion}\t${template.name}`);
      return 0;
    }
    throw new UsageError('template takes add or list');
  },
};
