// `notify-desk inbox`: loaded only when the command runs.
import { resolve } from 'node:path';
import type { ReceivedTextMessage } from '../../shared/contract';
import { formatUkDateTimeNumeric } from '../../shared/notify/uk-time';
import { UsageError, type CliEnvironment } from '../command';
import { parseOptions } from '../parse-options';
import { callOrThrow } from './call-or-throw';

const line = (text: ReceivedTextMessage): string =>
  `${formatUkDateTimeNumeric(text.receivedAt)}  ${text.phoneNumber.padEnd(16)} ${text.read ? ' ' : '*'} ${text.content.replace(/\s+/g, ' ')}`;

export async function runInboxCommand(args: string[], env: CliEnvironment): Promise<number> {
  if (args[0] === 'export') {
    const { values } = parseOptions(args.slice(1), { out: { type: 'string' } });
    if (!values.out) throw new UsageError('inbox export needs --out FILE');
    const core = await env.openCore();
    const saved = await callOrThrow(core, 'inbox.export', { path: resolve(values.out) });
    env.out(
      env.json
        ? JSON.stringify(saved)
        : `Saved ${saved.rows} received text ${saved.rows === 1 ? 'message' : 'messages'} to ${saved.path}`,
    );
    return 0;
  }
  const { values } = parseOptions(args, {
    search: { type: 'string' },
    'sent-by': { type: 'string' },
    limit: { type: 'string' },
  });
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw new UsageError('--limit takes a whole number from 1 to 10000');
  const core = await env.openCore();
  const { messages } = await callOrThrow(core, 'inbox.messages', {
    search: values.search,
    sentBy: values['sent-by'],
    limit,
  });
  if (env.json) env.out(JSON.stringify({ messages }));
  else if (messages.length === 0) env.out('No texts have been received (notify-desk sync --once fetches new ones).');
  else for (const text of messages) env.out(line(text));
  return 0;
}
