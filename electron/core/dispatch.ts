import type { z } from 'zod';
import {
  handlerArgs,
  handlerPermissions,
  isHandlerName,
  type CallResult,
  type HandlerMap,
  type HandlerName,
} from '../../shared/contract';
import { errorText, MAX_DESK_MESSAGE, tidyErrorText } from './error-text';
import type { Logger } from './log';
import type { DeskPerson } from './policy/desk-person';
import { UserError } from './user-error';

// UserError lives in a file of its own so that the command line can name it without loading the contract.
export { UserError };

/** What the desk says about an argument the contract's schema has no sentence of its own for: never a field name or zod's words. */
function plainIssueMessage(issue: z.core.$ZodRawIssue): string {
  const limit = (value: unknown): string =>
    typeof value === 'number' || typeof value === 'bigint' ? Number(value).toLocaleString('en-GB') : String(value);
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return `That is too long: it can be at most ${limit(issue.maximum)} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `That is too many at once: the desk takes at most ${limit(issue.maximum)}.`;
      return `That number is too large: it can be at most ${limit(issue.maximum)}.`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'That cannot be left empty.'
          : `That is too short: it needs at least ${limit(issue.minimum)} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return 'Choose at least one.';
      return `That number is too small: it must be at least ${limit(issue.minimum)}.`;
    case 'invalid_format':
      if (issue.format === 'datetime')
        return 'Enter the time to send as a date and time, for example 5 December 2026 at 9:00am.';
      if (issue.format === 'url') return 'Enter a web address starting with https://';
      return 'That is not written in a form the desk can use.';
    case 'invalid_value':
      return 'That is not one of the choices the desk offers.';
    default:
      return 'The desk could not understand that request, so nothing was done. If it happens again, tell whoever looks after notify-desk.';
  }
}

/** The first problem, in the schema's own sentence where it has one (schema messages come before this map's). */
function describeIssues(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'The request was not valid, so nothing was done.';
}

const userFacingErrorNames = new Set([
  'UserError',
  'TemplateNotFoundError',
  'DatabaseTooNewError',
  'KeychainUnavailableError',
  'NotifyApiError',
]);

/** What the desk says about the person (their role, and so what to ask IT for) is theirs to read whatever their role. */
const callsForEveryone: ReadonlySet<HandlerName> = new Set(['app.status']);

/**
 * The one way into the core for every host (IPC, web RPC, command line): unknown names are refused, the permission
 * each call declares is checked against the person's role, arguments are validated against the contract, and every
 * failure comes back as a message a user can read.
 */
export function createDispatcher(handlers: HandlerMap, log: Logger, person: DeskPerson) {
  return async function call(name: unknown, rawArgs: unknown): Promise<CallResult<unknown>> {
    if (!isHandlerName(name)) {
      return {
        ok: false,
        error: { message: `Unknown request: ${String(name).slice(0, 80)}`, code: 'unknown-handler' },
      };
    }
    if (!callsForEveryone.has(name)) {
      try {
        person.require(handlerPermissions[name]);
      } catch (error) {
        return { ok: false, error: toUserError(name, error, log) };
      }
    }
    const parsed = handlerArgs[name].safeParse(rawArgs ?? {}, { error: plainIssueMessage });
    if (!parsed.success) {
      return { ok: false, error: { message: describeIssues(parsed.error), code: 'invalid-arguments' } };
    }
    try {
      const handler = handlers[name] as (args: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return { ok: false, error: toUserError(name, error, log) };
    }
  };
}

/**
 * What the person reads about a failure: one short line. Messages written for them pass through (tidied and bounded);
 * anything else is logged with its stack and named in a sentence.
 */
export function toUserError(name: string, error: unknown, log: Logger): { message: string; code?: string } {
  if (error instanceof Error && (userFacingErrorNames.has(error.name) || error instanceof UserError)) {
    return {
      message: tidyErrorText(error.message, error instanceof UserError ? MAX_DESK_MESSAGE : undefined),
      code: (error as UserError).code,
    };
  }
  const message = errorText(error, 160);
  log.error('unexpected error', {
    handler: name,
    error: message,
    stack: error instanceof Error ? error.stack : undefined,
  });
  return {
    message: `Something went wrong while doing that (${message}). Nothing was sent. The details are in the log.`,
  };
}
