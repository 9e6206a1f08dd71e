import type { HandlerMap } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { readDashboard } from '../record/dashboard';
import { createExportJobs, type ChooseExportDestination } from '../record/export/export-jobs';
import { harvestActiveService, HarvestSchedule } from '../record/harvest-schedule';
import { getRecordMessage } from '../record/record-detail';
import { searchRecord } from '../record/record-search';
import { setSmsFreeAllowance } from '../record/record-settings';
import { requireOwnMessage, senderScope } from '../policy/own-messages';

type RecordHandlerName =
  | 'record.search'
  | 'record.searchOwn'
  | 'record.get'
  | 'record.dashboard'
  | 'record.harvest'
  | 'record.setSmsAllowance'
  | 'record.export'
  | 'record.cancelExport';

/** The supervisors' delivery record: search, a message's detail, the dashboard, exports, and a harvest on request. */
export function createRecordHandlers(
  ctx: CoreContext,
  options: { chooseExportDestination?: ChooseExportDestination } = {},
): Pick<HandlerMap, RecordHandlerName> {
  const exports = createExportJobs(ctx, options.chooseExportDestination);
  const harvests = new HarvestSchedule(ctx);
  return {
    'record.search': async ({ filter, after, limit }) =>
      searchRecord(ctx.db, { ...filter, sentBy: senderScope(ctx, filter.sentBy) }, { after, limit }),
    'record.searchOwn': async ({ filter, after, limit }) =>
      searchRecord(ctx.db, { ...filter, sentBy: ctx.user }, { after, limit }),
    'record.get': async ({ id }) => {
      const message = getRecordMessage(ctx.db, id);
      requireOwnMessage(ctx, message.sentBy);
      return message;
    },
    'record.dashboard': async () => readDashboard(ctx.db),
    'record.harvest': async () => harvestActiveService(ctx, harvests),
    'record.setSmsAllowance': async ({ allowance }) => {
      setSmsFreeAllowance(ctx.db, allowance);
      ctx.audit.record('settings.changed', { setting: 'yearly free text message allowance', value: allowance });
      return { allowance };
    },
    'record.export': (args) => exports.run(args),
    'record.cancelExport': async ({ jobId }) => ({ cancelled: exports.cancel(jobId) }),
  };
}
