import { readFile } from 'node:fs/promises';
import type { TemplateSummary } from '../../shared/contract';
import { UsageError, type CliCommand } from '../command';
import { parseOptions } from '../parse-options';
import { callOrThrow } from './call-or-throw';

const channels = ['sms', 'email', 'letter'] as const;
type ChannelName = (typeof channels)[number];
const isChannel = (value: string | undefined): value is ChannelName => channels.includes(value as ChannelName);

const typeWords: Record<ChannelName, string> = { sms: 'text message', email: 'email', letter: 'letter' };
const sourceWords: Record<TemplateSummary['source'], string> = { local: 'this desk', notify: 'Notify' };

/** The templates as a table with a header row: id, type, where each lives, its version and its name. */
function templateTable(templates: readonly TemplateSummary[]): string[] {
  const rows = templates.map((template) => [
    template.id,
    typeWords[template.type],
    sourceWords[template.source],
    `v${template.currentVersion}`,
    template.name,
  ]);
  const header = ['ID', 'Type', 'Lives on', 'Version', 'Name'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
  return [line(header), ...rows.map(line)];
}

export const templateCommand: CliCommand = {
  name: 'template',
  summary: 'Add or list templates',
  usage:
    'template add --type sms|email|letter --name NAME (--body TEXT | --body-file F) [--subject S] [--folder F] | template list [--archived]',
  examples: [
    'template add --type sms --name "Clinic reminder" --body "Hello ((name)), your appointment is at ((time))."',
    'template add --type email --name "Receipt" --subject "Receipt for ((reference))" --body-file receipt.md',
    'template list',
  ],
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
      const body =
        values.body ??
        (await readFile(values['body-file']!, 'utf8').catch(() => {
          throw new UsageError(
            `The file given to --body-file, ${values['body-file']}, cannot be read. Check its name and folder.`,
          );
        }));
      if (values.type === 'email' && values.subject === undefined)
        throw new UsageError('An email template needs a subject: add --subject "…"');
      if (values.type === 'letter' && values.subject === undefined)
        throw new UsageError('A letter template needs a main heading: add --subject "…"');
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
      else if (templates.length === 0) {
        env.out('There are no templates yet. Add one with, for example:');
        env.out('  notify-desk template add --type sms --name "Clinic reminder" --body "Hello ((name))"');
      } else for (const line of templateTable(templates)) env.out(line);
      return 0;
    }
    throw new UsageError('template takes add or list. Run notify-desk template --help for examples.');
  },
};
