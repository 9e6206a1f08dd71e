import { resolve } from 'node:path';
import type { ImportCheckReport } from '../../shared/contract';
import { UsageError, type CliCommand, type CliEnvironment } from '../command';
import { parseOptions, parsePairs } from '../parse-options';
import { readSendAtOption, type SendTimeOption } from '../send-time';

/** How the run ended, for the report: queued, refused, or (a dry run) what queuing would have done. */
type Outcome =
  { kind: 'queued'; batchId: string; rejectedRowsFile: string | null } | { kind: 'refused' } | { kind: 'dry-run' };

interface RunChoices {
  excludeInvalid: boolean;
  sendAt: SendTimeOption | undefined;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Check a spreadsheet and queue a message for each row as one batch (works offline)',
  usage:
    'import FILE --template NAME [--sheet NAME] [--map COLUMN=PLACEHOLDER ...] [--exclude-invalid] [--send-at TIME] [--dry-run] [--max-rows N]',
  examples: [
    'import reminders.csv --template "Clinic reminder" --dry-run',
    'import reminders.xlsx --template "Clinic reminder" --sheet "March" --map "Appointment date=date"',
    'import reminders.csv --template "Clinic reminder" --exclude-invalid --send-at "tomorrow 9am"',
  ],
  run: async (args, env) => {
    const { values, positionals } = parseOptions(
      args,
      {
        template: { type: 'string' },
        sheet: { type: 'string' },
        map: { type: 'string', multiple: true },
        'exclude-invalid': { type: 'boolean' },
        'send-at': { type: 'string' },
        'dry-run': { type: 'boolean' },
        'max-rows': { type: 'string' },
      },
      true,
    );
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError('import needs exactly one FILE');
    if (!values.template) throw new UsageError('import needs --template NAME');
    const maxRows = values['max-rows'] === undefined ? undefined : Number(values['max-rows']);
    if (maxRows !== undefined && (!Number.isInteger(maxRows) || maxRows < 1))
      throw new UsageError('--max-rows takes a whole number');
    const choices: RunChoices = {
      excludeInvalid: values['exclude-invalid'] === true,
      sendAt: readSendAtOption(values['send-at']),
    };
    const mapping = Object.fromEntries(
      Object.entries(parsePairs(values.map, '--map')).map(([column, placeholder]) => [
        column,
        placeholder === '' ? null : placeholder,
      ]),
    );
    const [
      core,
      { examineFile },
      { ImportError },
      { checkImport, queueImport, rejectedRowsFolder },
      { findTemplateIdByName, loadTemplateForImport },
      { requireTemplateUse },
    ] = await Promise.all([
      env.openCore(),
      import('../../electron/core/import/examine-file'),
      import('../../electron/core/import/import-error'),
      import('../../electron/core/import/run-import'),
      import('../../electron/core/import/template-for-import'),
      import('../../electron/core/policy/template-use'),
    ]);
    const { db } = core.ctx;
    core.ctx.person.require('import-spreadsheets');
    const templateId = findTemplateIdByName(db, values.template);
    if (!templateId)
      throw new ImportError(
        'no-such-template',
        `There is no template called "${values.template}". See notify-desk template list.`,
      );
    const template = loadTemplateForImport(db, templateId);
    requireTemplateUse(core.ctx, template);
    const controller = new AbortController();
    void env.stopRequested.then(() => controller.abort());
    const run = {
      db,
      file: await examineFile(resolve(file), undefined, controller.signal),
      sheet: values.sheet,
      template,
      mapping,
      strictMapping: true,
      maxRows,
      signal: controller.signal,
    };
    if (values['dry-run']) {
      printReport(env, await checkImport(run), { kind: 'dry-run' }, choices);
      return 0;
    }
    const result = await queueImport(run, {
      excludeInvalid: choices.excludeInvalid,
      sendAt: choices.sendAt?.iso,
      importedBy: core.ctx.user,
      rejectedRowsFolder: rejectedRowsFolder(env.dataDir),
    });
    const outcome: Outcome = result.batchId
      ? { kind: 'queued', batchId: result.batchId, rejectedRowsFile: result.rejectedRowsFile }
      : { kind: 'refused' };
    printReport(env, result.report, outcome, choices);
    return result.batchId ? 0 : 1;
  },
};

const counted = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;
const quotedList = (names: readonly string[]): string => names.map((name) => `“${name}”`).join(', ');

/** Why nothing can be queued from this file as it is mapped now, and the option that fixes it; null when rows can go. */
function whatStopsQueuing(report: ImportCheckReport, excludeInvalid: boolean): string | null {
  if (report.missingColumns.length > 0) {
    const [first] = report.missingColumns;
    const headers = report.columns.map((column) => column.header).filter(Boolean);
    return (
      `No column of the file is matched to ${quotedList(report.missingColumns)}. Its columns are: ${quotedList(headers)}. ` +
      `Name the column for each with --map, for example --map "${headers.find((header) => !report.columns.find((column) => column.header === header)?.placeholder) ?? 'COLUMN'}=${first}".`
    );
  }
  if (report.fileError) return report.fileError;
  if (report.valid === 0) return 'No row can be sent. Fix the rows listed above and import the file again.';
  if (report.invalid > 0 && !excludeInvalid) {
    return (
      `${report.invalid} ${report.invalid === 1 ? 'row has' : 'rows have'} problems. Fix ${report.invalid === 1 ? 'it' : 'them'} and import the file again, ` +
      `or add --exclude-invalid to queue the ${counted(report.valid, 'row', 'rows')} without problems and save the others in a spreadsheet to correct.`
    );
  }
  return null;
}

function printReport(env: CliEnvironment, report: ImportCheckReport, outcome: Outcome, choices: RunChoices): void {
  const stops = whatStopsQueuing(report, choices.excludeInvalid);
  if (env.json) {
    env.out(
      JSON.stringify({
        rows: report.rows,
        valid: report.valid,
        invalid: report.invalid,
        missingColumns: report.missingColumns,
        errors: report.errors.map(({ row, column, message }) => ({ row, column, message })),
        batchId: outcome.kind === 'queued' ? outcome.batchId : null,
        dryRun: outcome.kind === 'dry-run',
        wouldQueue: outcome.kind === 'dry-run' ? (stops === null ? report.valid : 0) : null,
        sendAt: choices.sendAt?.iso ?? null,
        problem: stops,
        fileError: report.fileError,
        errorCounts: report.errorCounts,
        warnings: report.warnings.map(({ kind, message, count }) => ({ kind, message, count })),
        summary: report.summary,
        rejectedRowsFile: outcome.kind === 'queued' ? outcome.rejectedRowsFile : null,
      }),
    );
    return;
  }
  const where = `${report.fileName}${report.sheet ? ` (${report.sheet})` : ''}`;
  // Until every placeholder has a column nothing is counted as ready: the count would mean nothing.
  const lines =
    report.missingColumns.length > 0
      ? [`${where}: ${report.rows} rows`]
      : [`${where}: ${report.rows} rows, ${report.valid} ready to send, ${report.invalid} with problems`];
  if (report.missingColumns.length === 0) {
    for (const error of report.errors)
      lines.push(`  Row ${error.row}${error.column ? `, ${error.column}` : ''}: ${error.message}`);
    const shown = report.errors.length;
    const total = report.errorCounts.reduce((sum, entry) => sum + entry.count, 0);
    if (total > shown)
      lines.push(
        `  …and ${total - shown} more: ${report.errorCounts.map((entry) => `${entry.count} × ${entry.message}`).join('; ')}`,
      );
    for (const warning of report.warnings) lines.push(`Warning: ${warning.message}`);
    if (report.summary.fragments !== null)
      lines.push(`${report.summary.messages} messages, ${report.summary.fragments} text message fragments`);
  }
  const when = choices.sendAt ? `, ${choices.sendAt.said}` : '';
  const setAside = choices.excludeInvalid && report.invalid > 0;
  switch (outcome.kind) {
    case 'queued':
      lines.push(`Queued ${counted(report.valid, 'message', 'messages')} as batch ${outcome.batchId}${when}.`);
      if (outcome.rejectedRowsFile)
        lines.push(`Rows set aside, with an error column, saved to ${outcome.rejectedRowsFile}`);
      break;
    case 'refused':
      lines.push(`Nothing was queued. ${stops ?? 'Fix the file and import it again.'}`);
      break;
    case 'dry-run':
      lines.push('Dry run: nothing was queued.');
      if (stops) lines.push(`Importing it as it is would queue nothing. ${stops}`);
      else {
        const aside = setAside
          ? `, and set the ${counted(report.invalid, 'row', 'rows')} with problems aside in a spreadsheet to correct`
          : '';
        lines.push(`Importing it would queue ${counted(report.valid, 'message', 'messages')}${when}${aside}.`);
      }
      break;
  }
  (outcome.kind === 'refused' ? env.err : env.out)(lines.join('\n'));
}
