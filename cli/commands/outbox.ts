import type { MessageState, OutboxMessage } from '../../shared/contract';
import { UsageError, type CliCommand } from '../command';
import { parseOptions } from '../parse-options';
import { describeState } from '../../electron/core/outbox/notify-status';
import { callOrThrow } from './call-or-throw';

function line(message: OutboxMessage): string {
  const status = describeState(message.state, message.type, message.notifyStatus);
  const error = message.lastError ? `  (${message.lastError})` : '';
  return `${message.id}  ${message.type.padEnd(6)} ${message.recipient.padEnd(28)} ${status}${error}`;
}

export const outboxCommand: CliCommand = {
  name: 'outbox',
  summary:
    'List messages and their states; counts; retry or cancel messages; resend or mark sent one whose outcome is unknown; pause or resume sending',
  usage:
    'outbox [list [--state S] [--batch ID] [--search TEXT] [--limit N]] | counts | retry ID.. | cancel ID.. | resend ID --by ROUTE | mark-sent ID | pause [--batch ID] | resume [--batch ID]',
  examples: [
    'outbox list --state outcome-unknown',
    'outbox counts',
    'outbox resend 0193b2c4-5d6e-7f80-9a1b-2c3d4e5f6a7b --by notify',
    'outbox pause',
  ],
  run: async (args, env) => {
    const [action = 'list', ...rest] = args;
    const core = await env.openCore();
    switch (action) {
      case 'list': {
        const { values } = parseOptions(rest, {
          state: { type: 'string', multiple: true },
          batch: { type: 'string' },
          search: { type: 'string' },
          limit: { type: 'string' },
          offset: { type: 'string' },
        });
        const { messageStates } = await import('../../shared/contract');
        const states = (values.state ?? []).map((state) => {
          if (!(messageStates as readonly string[]).includes(state)) {
            throw new UsageError(`--state takes one of: ${messageStates.join(', ')}`);
          }
          return state as MessageState;
        });
        const result = await callOrThrow(core, 'outbox.list', {
          states: states.length > 0 ? states : undefined,
          batchId: values.batch,
          search: values.search,
          limit: values.limit ? Number(values.limit) : 100,
          offset: values.offset ? Number(values.offset) : 0,
        });
        if (env.json) env.out(JSON.stringify(result));
        else {
          for (const message of result.messages) env.out(line(message));
          env.out(`${result.messages.length} of ${result.total}`);
        }
        return 0;
      }
      case 'counts': {
        const { values } = parseOptions(rest, { batch: { type: 'string' } });
        const counts = await callOrThrow(core, 'outbox.counts', { batchId: values.batch });
        if (env.json) env.out(JSON.stringify(counts));
        else
          for (const [state, count] of Object.entries(counts)) if (count > 0) env.out(`${state.padEnd(18)} ${count}`);
        return 0;
      }
      case 'retry':
      case 'cancel': {
        if (rest.length === 0) throw new UsageError(`outbox ${action} needs one or more message ids`);
        const { changed } = await callOrThrow(core, action === 'retry' ? 'outbox.retry' : 'outbox.cancel', {
          ids: rest,
        });
        env.out(
          env.json
            ? JSON.stringify({ changed })
            : `${action === 'retry' ? 'queued again' : 'cancelled'}: ${changed} of ${rest.length}`,
        );
        return changed === rest.length ? 0 : 1;
      }
      case 'pause':
      case 'resume': {
        const { values } = parseOptions(rest, { batch: { type: 'string' } });
        const status = await callOrThrow(core, action === 'pause' ? 'sync.pause' : 'sync.resume', {
          batchId: values.batch,
        });
        env.out(
          env.json
            ? JSON.stringify(status)
            : `${action === 'pause' ? 'paused' : 'resumed'}${values.batch ? ` batch ${values.batch}` : ''}`,
        );
        return 0;
      }
      case 'resend':
      case 'mark-sent': {
        const { values, positionals } = parseOptions(rest, { by: { type: 'string' } }, true);
        const [id, ...extra] = positionals;
        if (!id || extra.length > 0) throw new UsageError(`outbox ${action} takes one message id`);
        if (action === 'resend' && !values.by)
          throw new UsageError('outbox resend needs --by ROUTE: the route to send it by (notify, or a provider)');
        const { message } =
          action === 'resend'
            ? await callOrThrow(core, 'outbox.resendUnknown', { id, provider: values.by ?? '' })
            : await callOrThrow(core, 'outbox.markSent', { id });
        env.out(env.json ? JSON.stringify({ message }) : line(message));
        return 0;
      }
      default:
        throw new UsageError(
          `Unknown outbox action "${action}". Use list, counts, retry, cancel, resend, mark-sent, pause or resume.`,
        );
    }
  },
};
