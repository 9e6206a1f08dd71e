// `notify-desk audit`: loaded only when the command runs.
import { basename, resolve } from 'node:path';
import type { AuditEntry, AuditVerification } from '../../shared/contract';
import { formatUkDateTimeNumeric } from '../../shared/notify/uk-time';
import { UsageError, type CliEnvironment } from '../command';
import { parseOptions } from '../parse-options';
import { callOrThrow } from './call-or-throw';

const line = (entry: AuditEntry): string =>
  `${String(entry.seq).padStart(6)}  ${formatUkDateTimeNumeric(entry.at)}  ${entry.actor.padEnd(16)} ${entry.summary}`;

const entriesText = (count: number): string => `${count} ${count === 1 ? 'entry' : 'entries'}`;

function verdict(verification: AuditVerification): string {
  if (verification.broken) {
    return `The audit trail has been tampered with: entry ${verification.broken.seq} does not match, ${verification.broken.reason}. ${entriesText(verification.entries)} before it ${verification.entries === 1 ? 'is' : 'are'} intact.`;
  }
  return verification.entries === 0
    ? 'The audit trail is empty.'
    : `The audit trail is intact: ${entriesText(verification.entries)}, the last with hash ${verification.lastHash}.`;
}

export async function runAuditCommand(args: string[], env: CliEnvironment): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'verify': {
      parseOptions(rest, {});
      const verification = await callOrThrow(await env.openCore(), 'audit.verify', {});
      env.out(env.json ? JSON.stringify(verification) : verdict(verification));
      return verification.ok ? 0 : 1;
    }
    case 'list': {
      const { values } = parseOptions(rest, { limit: { type: 'string' } });
      const limit = values.limit === undefined ? 100 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new UsageError('--limit takes a whole number from 1 to 1000');
      const { entries, verification } = await callOrThrow(await env.openCore(), 'audit.list', { limit });
      if (env.json) env.out(JSON.stringify({ entries, verification }));
      else {
        for (const entry of entries) env.out(line(entry));
        env.out(verdict(verification));
      }
      return 0;
    }
    case 'export': {
      const { values } = parseOptions(rest, { out: { type: 'string' } });
      if (!values.out) throw new UsageError('audit export needs --out FILE');
      const core = await env.openCore();
      core.ctx.person.require('view-audit');
      const { writeAuditCsv } = await import('../../electron/core/audit/audit-export');
      const destination = resolve(values.out);
      const rows = await writeAuditCsv(core.ctx.db, destination);
      core.ctx.audit.record('audit.exported', { rows, fileName: basename(destination) });
      env.out(
        env.json ? JSON.stringify({ rows, file: destination }) : `${rows} audit entries written to ${destination}`,
      );
      return 0;
    }
    default:
      throw new UsageError('Use audit list, audit verify or audit export --out FILE.');
  }
}
