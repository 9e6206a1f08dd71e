import * as z from 'zod';
import { idSchema } from './common';
import type { OutboxMessage } from './outbox';
import type { PermissionsFor } from './permissions';

/**
 * A person's decision on a message whose outcome is unknown (a direct provider may have taken it): send it again by a
 * route they choose, or count it as sent. Each is recorded with who and when; only the person who queued it decides.
 */
export const outcomeHandlerArgs = {
  'outbox.resendUnknown': z
    .object({ id: idSchema, provider: z.string().trim().min(1, 'Choose a route').max(40) })
    .strict(),
  'outbox.markSent': z.object({ id: idSchema }).strict(),
} as const;

export const outcomeHandlerPermissions = {
  'outbox.resendUnknown': 'send-messages',
  'outbox.markSent': 'send-messages',
} as const satisfies PermissionsFor<typeof outcomeHandlerArgs>;

export interface OutcomeHandlerResults {
  'outbox.resendUnknown': { message: OutboxMessage };
  'outbox.markSent': { message: OutboxMessage };
}
