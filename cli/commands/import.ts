import { resolve } from 'node:path';
import type { ImportCheckReport } from '../../shared/contract';
import { UsageError, type CliCommand, type CliEnvironment } from '../command';
import { parseOptions, parsePairs } from '../parse-options';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Check a spreadsheet and queue a message for each row as one batch (works offline)',
  usage: 'import FILE --template NAME [--sheet NAME] [--map COLUMN=PLACEHOLDER ...] [--exclude-invalid] [--send-at ISO-TIME] [--dry-run] [--max-rows N]',
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
    if (maxRows !== undefined && (!Number.isInteger(maxRows) || maxRows < 1)) throw new UsageError('--max-rows takes a whole number');
    const mapping = Object.fromEntries(
      Object.entries(parsePairs(values.map, '--map')).map(([column, placeholder]) => [column, placeholder === '' ? null : placeholder]),
    );
    const [core, { examineFile }, { ImportError }, { checkImport, queueImport, rejectedRowsFolder }, { findTemplateIdByName, loadTemplateForImport }] =
      await Promise.all([
        env.openCore(),
        import('../../electron/core/import/examine-file'),
        import('../../electron/core/import/import-error'),
        import('../../electron/core/import/run-import'),
        import('../../electron/core/import/template-for-import'),
      ]);
    const { db } = core.ctx;
    const templateId = findTemplateIdByName(db, values.template);
    if (!templateId) throw new ImportError('no-such-template', `There is no template called "${values.template}". See notify-desk template list.`);
    const controller = new AbortController();
    void env.stopRequested.then(() => controller.abort());
    const run = {
      db,
      file: await examineFile(resolve(file), undefined, controller.signal),
      sheet: values.sheet,
      template: loadTemplateForImport(db, templateId),
      mapping,
      maxRows,
      signal: controller.signal,
    };
    const excludeInvalid = values['exclude-invalid'] === true;
    if (values['dry-run']) {
      const report = await checkImport(run);
      printReport(env, report, null, null);
      return hasProblems(report) && !(excludeInvalid && report.fileError === null && report.missingColumns.length === 0) ? 1 : 0;
    }
    const result = await queueImport(run, {
      excludeInvalid,
      sendAt: values['send-at'],
      importedBy: core.ctx.user,
      rejectedRowsFolder: rejectedRowsFolder(env.dataDir),
    });
    printReport(env, result.report, result.batchId, result.rejectedRowsFile);
    return result.batchId ? 0 : 1;
  },
};

const hasProblems = (report: ImportCheckReport): boolean =>
  report.fileError !== null || report.missingColumns.length > 0 || report.invalid > 0 || report.valid === 0;

function printReport(env: CliEnvironment, report: ImportCheckReport, batchId: string | null, rejectedRowsFile: string | null): void {
  if (env.json) {
    env.out(
      JSON.stringify({
        rows: report.rows,
        valid: report.valid,
        invalid: report.invalid,
        missingColumns: report.missingColumns,
        errors: report.errors.map(({ row, column, message }) => ({ row, column, message })),
        batchId,
        fileError: report.fileError,
        errorCounts: report.errorCounts,
        warnings: report.warnings.map(({ kind, message, count }) => ({ kind, message, count })),
        summary: report.summary,
        rejectedRowsFile,
      }),
    );
    return;
  }
  const lines = [`${report.fileName}${report.sheet ? ` (${report.sheet})` : ''}: ${report.rows} rows, ${report.valid} ready to send, ${report.invalid} with problems`];
  if (report.fileError) lines.push(report.fileError);
  if (report.missingColumns.length > 0) lines.push(`Missing columns: ${report.missingColumns.join(', ')}`);
  for (const error of report.errors) lines.push(`  Row ${error.row}${error.column ? `, ${error.column}` : ''}: ${error.message}`);
  const shown = report.errors.length;
  const total = report.errorCounts.reduce((sum, entry) => sum + entry.count, 0);
  if (total > shown) lines.push(`  …and ${total - shown} more: ${report.errorCounts.map((entry) => `${entry.count} × ${entry.message}`).join('; ')}`);
  for (const warning of report.warnings) lines.push(`Warning: ${warning.message}`);
  if (report.summary.fragments !== null) lines.push(`${report.summary.messages} messages, ${report.summary.fragments} text message fragments`);
  if (batchId) lines.push(`Queued ${report.valid} messages as batch ${batchId}`);
  else if (hasProblems(report)) lines.push('Nothing was queued. Fix the file and import it again, or use --exclude-invalid to queue the valid rows and set the rest aside.');
  if (rejectedRowsFile) lines.push(`Rows set aside, with an error column, saved to ${rejectedRowsFile}`);
  (batchId ? env.out : env.err)(lines.join('\n'));
}
