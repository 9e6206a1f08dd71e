// `notify-desk log`: loaded only when the command runs.
import { basename, resolve } from 'node:path';
import {
  recordFilterSchema,
  type RecordDashboard,
  type RecordFilter,
  type RecordMessageSummary,
} from '../../shared/contract';
import { formatLondonReportTime } from '../../shared/notify/london-time';
import { exportToFile } from '../../electron/core/record/export/export-jobs';
import { UsageError, type CliEnvironment } from '../command';
import { parseOptions } from '../parse-options';
import { callOrThrow } from './call-or-throw';

const FILTER_OPTIONS = {
  to: { type: 'string' },
  reference: { type: 'string' },
  type: { type: 'string' },
  status: { type: 'string' },
  template: { type: 'string' },
  'sent-by': { type: 'string' },
  batch: { type: 'string' },
  spreadsheet: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  period: { type: 'string' },
} as const;

type FilterValues = { [K in keyof typeof FILTER_OPTIONS]?: string };

/** The command line's filter, checked by the same schema as the page's. */
function filterFrom(values: FilterValues): RecordFilter {
  const parsed = recordFilterSchema.safeParse({
    to: values.to,
    reference: values.reference,
    type: values.type,
    status: values.status,
    template: values.template,
    sentBy: values['sent-by'],
    batchId: values.batch,
    spreadsheet: values.spreadsheet,
    since: values.since,
    until: values.until,
    period: values.period,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = String(issue?.path[0] ?? '')
      .replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
      .replace('batch-id', 'batch');
    throw new UsageError(`--${option}: ${issue?.message ?? 'not valid'}`);
  }
  return parsed.data;
}

function line(message: RecordMessageSummary): string {
  const who = message.sentBy ? `  by ${message.sentBy}` : '';
  return `${formatLondonReportTime(message.createdAt)}  ${message.type.padEnd(6)} ${message.recipient.split('\n')[0]!.padEnd(28)} ${message.statusText}${who}  ${message.id}`;
}

async function search(args: string[], env: CliEnvironment): Promise<number> {
  const { values } = parseOptions(args, { ...FILTER_OPTIONS, limit: { type: 'string' } });
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    throw new UsageError('--limit takes a whole number from 1 to 200');
  const core = await env.openCore();
  const result = await callOrThrow(core, 'record.search', { filter: filterFrom(values), limit });
  if (env.json)
    env.out(
      JSON.stringify({
        total: result.total,
        counts: result.counts,
        messages: result.messages,
        nextCursor: result.nextCursor,
      }),
    );
  else {
    for (const message of result.messages) env.out(line(message));
    const { counts } = result;
    env.out(
      `${result.total} of ${counts.total} messages; ${counts.delivering} delivering, ${counts.delivered} delivered, ${counts.failed} failed`,
    );
  }
  return 0;
}

function progressBar(env: CliEnvironment): (done: number, total: number) => void {
  if (env.json || !process.stderr.isTTY) return () => undefined;
  return (done, total) => {
    const share = total === 0 ? 1 : Math.min(done / total, 1);
    const filled = Math.round(share * 30);
    process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(30 - filled)}] ${done} of ${total} rows`);
  };
}

async function exportRecord(args: string[], env: CliEnvironment): Promise<number> {
  const { values } = parseOptions(args, { ...FILTER_OPTIONS, format: { type: 'string' }, out: { type: 'string' } });
  if (values.format !== 'csv' && values.format !== 'xlsx') throw new UsageError('--format takes csv or xlsx');
  if (!values.out) throw new UsageError('--out FILE names the file to write');
  const filter = filterFrom(values);
  const core = await env.openCore();
  core.ctx.person.require('export-record');
  const controller = new AbortController();
  void env.stopRequested.then(() => controller.abort());
  const destination = resolve(values.out);
  const rows = await exportToFile(core.ctx.db, {
    filter,
    batchId: filter.batchId,
    format: values.format,
    destination,
    signal: controller.signal,
    onProgress: progressBar(env),
  });
  core.ctx.audit.record('record.exported', {
    filter,
    batchId: filter.batchId ?? null,
    format: values.format,
    rows,
    fileName: basename(destination),
  });
  if (!env.json && process.stderr.isTTY) process.stderr.write('\n');
  env.out(env.json ? JSON.stringify({ rows, file: destination }) : `${rows} rows written to ${destination}`);
  return 0;
}

function describeDashboard(dashboard: RecordDashboard): string[] {
  const lines: string[] = [];
  for (const period of dashboard.periods) {
    lines.push(`${period.label} (${period.since} to ${period.until})`);
    for (const [channel, figures] of Object.entries(period.byChannel)) {
      const warning = figures.failureWarning ? '  (more than 3% failed)' : '';
      lines.push(
        `  ${channel.padEnd(6)} requested ${figures.requested}, delivering ${figures.delivering}, delivered ${figures.delivered}, failed ${figures.failed} (${figures.failureRate}%)${warning}`,
      );
    }
  }
  for (const usage of dashboard.dailyUsage)
    lines.push(`Today (since midnight UTC) ${usage.channel}: ${usage.sent} of ${usage.limit ?? 'no limit'}`);
  lines.push(
    `Text message parts this financial year: ${dashboard.smsPartsThisYear} (free allowance ${dashboard.smsFreeAllowance}, ${dashboard.smsFreeAllowanceLeft} left)`,
  );
  if (dashboard.statusUnknown > 0) lines.push(`Final status not known: ${dashboard.statusUnknown}`);
  return lines;
}

export async function runLogCommand(args: string[], env: CliEnvironment): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'search':
      return search(rest, env);
    case 'export':
      return exportRecord(rest, env);
    case 'dashboard': {
      parseOptions(rest, {});
      const core = await env.openCore();
      const dashboard = await callOrThrow(core, 'record.dashboard', {});
      if (env.json) env.out(JSON.stringify(dashboard));
      else for (const text of describeDashboard(dashboard)) env.out(text);
      return 0;
    }
    default:
      throw new UsageError('Use log search, log export or log dashboard.');
  }
}
