// `notify-desk send`: loaded only when the command runs (it takes in Notify's rules and the core).
import { recipientColumnNames } from '../../shared/notify/recipient-sheet-columns';
import { placeholderKey } from '../../shared/notify/placeholders';
import { UsageError, type CliEnvironment } from '../command';
import { parseOptions, parsePairs } from '../parse-options';
import { readSendAtOption } from '../send-time';
import { UserError } from '../../electron/core/user-error';
import { callOrThrow } from './call-or-throw';

/** `address_line_1` … `address_line_7` and `postcode`, in the order they are printed. */
const addressFieldOrder = (name: string): number | null => {
  const key = placeholderKey(name);
  if (key === 'postcode') return 6.5;
  const line = /^addressline([1-7])$/.exec(key);
  return line ? Number(line[1]) : null;
};

/**
 * A letter's address from --address "line 1, line 2, postcode" or from --set address_line_N=… (one a line); the
 * address values are taken out of the placeholder values. Null when neither is given.
 */
function letterAddress(
  address: string | undefined,
  values: Record<string, string>,
): { to: string; values: Record<string, string> } | null {
  const lineEntries = Object.entries(values).filter(([name]) => addressFieldOrder(name) !== null);
  if (address !== undefined && lineEntries.length > 0) {
    throw new UsageError(
      'Give the address once: either --address "line 1, line 2, postcode" or one --set address_line_N=… for each line, not both.',
    );
  }
  const others = Object.fromEntries(Object.entries(values).filter(([name]) => addressFieldOrder(name) === null));
  if (address !== undefined) {
    return {
      to: address
        .split(',')
        .map((line) => line.trim())
        .filter(Boolean)
        .join('\n'),
      values: others,
    };
  }
  if (lineEntries.length === 0) return null;
  const lines = lineEntries
    .sort(([a], [b]) => (addressFieldOrder(a) ?? 0) - (addressFieldOrder(b) ?? 0))
    .map(([, line]) => line.trim())
    .filter(Boolean);
  return { to: lines.join('\n'), values: others };
}

export async function runSendCommand(args: string[], env: CliEnvironment): Promise<number> {
  const { values } = parseOptions(args, {
    template: { type: 'string' },
    to: { type: 'string' },
    address: { type: 'string' },
    set: { type: 'string', multiple: true },
    'send-at': { type: 'string' },
  });
  if (!values.template) throw new UsageError('send needs --template NAME');
  const sendAt = readSendAtOption(values['send-at']);
  const personalisation = parsePairs(values.set, '--set');
  const core = await env.openCore();
  const { TemplateRepository } = await import('../../electron/core/templates/template-repository');
  const found = new TemplateRepository(core.ctx.db).findByNameOrId(values.template);
  if (!found) throw new UserError(`There is no template called "${values.template}". See notify-desk template list.`);
  const template = await callOrThrow(core, 'templates.get', { id: found.id });

  let to = values.to;
  let fills = personalisation;
  if (template.type === 'letter') {
    const address = letterAddress(values.address, personalisation);
    if (address && to !== undefined)
      throw new UsageError(
        'Give the address once: with --to, --address or --set address_line_N=…, not more than one of them.',
      );
    if (address) ({ to, values: fills } = address);
  } else if (values.address !== undefined) {
    throw new UsageError(
      `--address is for letters; “${template.name}” is ${template.type === 'sms' ? 'a text message' : 'an email'} template. Give the recipient with --to.`,
    );
  }
  if (to === undefined) {
    throw new UsageError(
      template.type === 'letter'
        ? 'send needs the address: --address "line 1, line 2, postcode", or one --set address_line_N=… for each line'
        : 'send needs --to RECIPIENT',
    );
  }

  const known = new Set([...template.placeholders, ...recipientColumnNames(template.type)].map(placeholderKey));
  const unknown = Object.keys(fills).filter((name) => !known.has(placeholderKey(name)));
  if (unknown.length > 0) {
    const named = template.placeholders.map((name) => `“${name}”`).join(', ');
    throw new UsageError(
      `The template “${template.name}” has no placeholder called “${unknown[0]}”. ${named ? `Its placeholders are: ${named}.` : 'It has no placeholders, so it takes no --set.'}`,
    );
  }

  const { message } = await callOrThrow(core, 'messages.send', {
    templateId: template.id,
    to,
    values: fills,
    sendAt: sendAt?.iso,
  });
  env.out(env.json ? JSON.stringify(message) : message.id);
  if (sendAt && !env.json) env.err(`Scheduled: ${sendAt.said}.`);
  return 0;
}
