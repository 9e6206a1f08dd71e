import type { HandlerMap } from '../../../shared/contract';
import { listAuditEntries, verifyAuditTrail } from '../audit/audit-trail';
import type { CoreContext } from '../core-context';
import { nowIso } from '../clock';
import { exportDestination, exportDownloadPath, type ChooseExportDestination } from '../record/export/export-jobs';

/** The audit trail for supervisors and administrators: read, checked link by link, and exported. */
export function createAuditHandlers(
  ctx: CoreContext,
  options: { chooseExportDestination?: ChooseExportDestination } = {},
): Pick<HandlerMap, 'audit.list' | 'audit.verify' | 'audit.export'> {
  return {
    'audit.list': async ({ limit, before }) => ({
      entries: listAuditEntries(ctx.db, { limit, before }),
      verification: verifyAuditTrail(ctx.db),
    }),
    'audit.verify': async () => verifyAuditTrail(ctx.db),
    'audit.export': async () => {
      const fileName = `notify-desk audit trail ${nowIso().slice(0, 10)}.csv`;
      const chosen = await exportDestination(ctx.dataDir, options.chooseExportDestination, fileName);
      if (!chosen) return { rows: 0, fileName, saved: false, downloadPath: null };
      // csv-stringify loads with the first export, not with the core.
      const { writeAuditCsv } = await import('../audit/audit-export');
      const rows = await writeAuditCsv(ctx.db, chosen.destination);
      ctx.audit.record('audit.exported', { rows, fileName });
      return { rows, fileName, saved: chosen.downloadId === null, downloadPath: exportDownloadPath(chosen.downloadId) };
    },
  };
}
