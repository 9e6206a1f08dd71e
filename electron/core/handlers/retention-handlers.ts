import type { HandlerMap } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { UserError } from '../dispatch';
import type { PolicyFile } from '../policy/policy-schema';
import type { PurgeSchedule } from '../retention/purge-schedule';
import { retentionSettings, saveRetentionPeriods } from '../retention/retention-settings';

type RetentionHandlerName = 'retention.settings' | 'retention.save' | 'retention.purge';

/** How long the desk keeps personal data and records, and purging now (or seeing what would go). */
export function createRetentionHandlers(
  ctx: CoreContext,
  purges: PurgeSchedule,
  policy: PolicyFile | null,
): Pick<HandlerMap, RetentionHandlerName> {
  return {
    'retention.settings': async () => retentionSettings(ctx.db, policy),
    'retention.save': async (periods) => {
      if (policy?.retention)
        throw new UserError(
          'The policy file IT deployed on this computer sets how long the desk keeps data, so it cannot be changed here.',
          'fixed-by-policy',
        );
      saveRetentionPeriods(ctx.db, periods);
      return retentionSettings(ctx.db, policy);
    },
    'retention.purge': async ({ dryRun }) => purges.run({ dryRun, requestedBy: ctx.user }),
  };
}
