import type { z } from 'zod';
import { outboxHandlerArgs, outboxHandlerPermissions, type OutboxHandlerResults } from './outbox';
import { serviceHandlerArgs, serviceHandlerPermissions, type ServiceHandlerResults } from './services';
import { syncHandlerArgs, syncHandlerPermissions, type SyncHandlerResults } from './sync';
import { templateHandlerArgs, templateHandlerPermissions, type TemplateHandlerResults } from './templates';
import { importHandlerArgs, importHandlerPermissions, type ImportHandlerResults } from './imports';
import { letterHandlerArgs, letterHandlerPermissions, type LetterHandlerResults } from './letters';
import { routeHandlerArgs, routeHandlerPermissions, type RouteHandlerResults } from './routes';
import { recordHandlerArgs, recordHandlerPermissions, type RecordHandlerResults } from './record';
import { inboxHandlerArgs, inboxHandlerPermissions, type InboxHandlerResults } from './inbox';
import { watchFolderHandlerArgs, watchFolderHandlerPermissions, type WatchFolderHandlerResults } from './watch-folders';
import { providerHandlerArgs, providerHandlerPermissions, type ProviderHandlerResults } from './providers';
import { outcomeHandlerArgs, outcomeHandlerPermissions, type OutcomeHandlerResults } from './outcomes';
import { retentionHandlerArgs, retentionHandlerPermissions, type RetentionHandlerResults } from './retention';
import { auditHandlerArgs, auditHandlerPermissions, type AuditHandlerResults } from './audit';
import type { Permission } from './permissions';

export * from './common';
export * from './events';
export * from './outbox';
export * from './services';
export * from './sync';
export * from './templates';
export * from './imports';
export * from './letters';
export * from './routes';
export * from './record';
export * from './providers';
export * from './outcomes';
export * from './permissions';
export * from './roles';
export * from './access';
export * from './ui-calls';
export * from './inbox';
export * from './watch-folders';
export * from './retention';
export * from './audit';

/** Every call the UI can make: its name and the zod schema of its arguments. */
export const handlerArgs = {
  ...serviceHandlerArgs,
  ...templateHandlerArgs,
  ...outboxHandlerArgs,
  ...syncHandlerArgs,
  ...importHandlerArgs,
  ...letterHandlerArgs,
  ...routeHandlerArgs,
  ...recordHandlerArgs,
  ...inboxHandlerArgs,
  ...watchFolderHandlerArgs,
  ...providerHandlerArgs,
  ...outcomeHandlerArgs,
  ...retentionHandlerArgs,
  ...auditHandlerArgs,
} as const;

export type HandlerName = keyof typeof handlerArgs;

/** The permission each call needs; a call without one does not compile. */
export const handlerPermissions: { readonly [K in HandlerName]: Permission } = {
  ...serviceHandlerPermissions,
  ...templateHandlerPermissions,
  ...outboxHandlerPermissions,
  ...syncHandlerPermissions,
  ...importHandlerPermissions,
  ...letterHandlerPermissions,
  ...routeHandlerPermissions,
  ...recordHandlerPermissions,
  ...inboxHandlerPermissions,
  ...watchFolderHandlerPermissions,
  ...providerHandlerPermissions,
  ...outcomeHandlerPermissions,
  ...retentionHandlerPermissions,
  ...auditHandlerPermissions,
};
/** What a caller passes (defaults may be left out). */
export type HandlerInput<K extends HandlerName> = z.input<(typeof handlerArgs)[K]>;
/** What a handler receives, after validation. */
export type HandlerArgs<K extends HandlerName> = z.output<(typeof handlerArgs)[K]>;

interface AllResults
  extends
    ServiceHandlerResults,
    TemplateHandlerResults,
    OutboxHandlerResults,
    SyncHandlerResults,
    ImportHandlerResults,
    LetterHandlerResults,
    RouteHandlerResults,
    RecordHandlerResults,
    InboxHandlerResults,
    WatchFolderHandlerResults,
    ProviderHandlerResults,
    OutcomeHandlerResults,
    RetentionHandlerResults,
    AuditHandlerResults {}
export type HandlerResult<K extends HandlerName> = K extends keyof AllResults ? AllResults[K] : never;

/** The core implements exactly this map: a missing or an extra handler does not compile. */
export type HandlerMap = { [K in HandlerName]: (args: HandlerArgs<K>) => Promise<HandlerResult<K>> };

export function isHandlerName(name: unknown): name is HandlerName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(handlerArgs, name);
}
