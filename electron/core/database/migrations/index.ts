import type { Migration } from '../migration';
import { initialSchema } from './001-initial';
import { importColumnMappings } from './002-import-column-mappings';
import { outboxMessageConstraints } from './003-outbox-message-constraints';
import { serviceSetUpAndSendBudget } from './004-service-set-up-and-send-budget';
import { lettersPostRoom } from './005-letters-post-room';
import { sentThroughAndKeyType } from './006-sent-through-and-key-type';
import { deliveryRecord } from './007-delivery-record';
import { inboxAndWatchFolders } from './008-inbox-and-watch-folders';
import { providersAndRoutes } from './009-providers-and-routes';
import { rolesAndAuditTrail } from './010-roles-and-audit-trail';
import { retention } from './011-retention';

/** Every migration, oldest first. Append only: a released migration never changes. */
export const migrations: readonly Migration[] = [
  initialSchema,
  importColumnMappings,
  outboxMessageConstraints,
  serviceSetUpAndSendBudget,
  lettersPostRoom,
  sentThroughAndKeyType,
  deliveryRecord,
  inboxAndWatchFolders,
  providersAndRoutes,
  rolesAndAuditTrail,
  retention,
];
