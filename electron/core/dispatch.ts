import type { z } from 'zod';
import { handlerArgs, isHandlerName, type CallResult, type HandlerMap, type HandlerName } from '../../shared/contract';
import { errorText, tidyErrorText } from './error-text';
import type { Logger } from './log';
import { UserError } from './user-error';

// UserError lives in a file of its own so that the command line can name it without loading the contract.
export { UserError };

function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request was not valid.';
  const field = issue.path.map(String).join('.');
  return field ? `${field}: ${issue.message}` : issue.message;
}

const userFacingErrorNames = new Set([
  'UserError',
  'TemplateNotFoundError',
  'DatabaseTooNewError',
  'KeychainUnavailableError',
  'NotifyApiError',
]);

/**
 * The one way into the core for every host (IPC, web RPC, command line): unknown names are refused, arguments are
 * validated against the contract, and every failure comes back as a message a user can read.
 */
export function createDispatcher(handlers: HandlerMap, log: Logger) {
  return async function call(name: unknown, rawArgs: unknown): Promise<CallResult<unknown>> {
    if (!isHandlerName(name)) {
      return { ok: false, error: { message: `Unknown request: ${String(name).slice(0, 80)}`, code: 'unknown-handler' } };
    }
    const parsed = handlerArgs[name].safeParse(rawArgs ?? {});
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
export function toUserError(name: HandlerName | string, error: unknown, log: Logger): { message: string; code?: string } {
  if (error instanceof Error && (userFacingErrorNames.has(error.name) || error instanceof UserError)) {
    return { message: tidyErrorText(error.message), code: (error as UserError).code };
  }
  const message = errorText(error, 160);
  log.error('unexpected error', { handler: name, error: message, stack: error instanceof Error ? error.stack : undefined });
  return { message: `Something went wrong while doing that (${message}). Nothing was sent. The details are in the log.` };
}
