import type { HandlerInput, HandlerName, HandlerResult } from '../../shared/contract';
import type { Core } from '../../electron/core/create-core';
import { UserError } from '../../electron/core/user-error';

/** Calls the core as the UI does (validated against the contract) and turns a refusal into a user error. */
export async function callOrThrow<K extends HandlerName>(
  core: Core,
  name: K,
  args: HandlerInput<K>,
): Promise<HandlerResult<K>> {
  const result = await core.call(name, args);
  if (!result.ok) throw new UserError(result.error.message, result.error.code);
  return result.value as HandlerResult<K>;
}
