import type { CoreContext, ServiceSetUpResult, ServiceSetUpStep } from '../core-context';
import { errorText } from '../error-text';
import { NotifyApiError, type NotifyClient } from '../notify-client';
import { countMessages } from '../outbox/outbox-queries';
import { hasMessagesHeldForPassThrough, releaseMessagesWhoseHoldIsOver } from '../outbox/held-messages';
import { TemplateRepository } from '../templates/template-repository';
import { mirrorNotifyTemplates } from '../templates/mirror-notify-templates';
import { resolvePassThroughTemplates } from './pass-through-templates';
import type { ServiceRepository, StoredService } from './service-repository';

/** A reference no notification has: listing by it proves the key with the smallest answer Notify can give. */
export const KEY_CHECK_REFERENCE = 'notify-desk-key-check';

/** While messages are held for a missing pass-through template, the service's templates are looked up this often. */
const HELD_LOOK_UP_INTERVAL_MS = 5 * 60_000;

export type SetUpContext = Pick<CoreContext, 'db' | 'user' | 'events'>;

/** Notify refused the key or the address, as opposed to not answering (or failing) this time. */
const isRefusal = (error: unknown): error is NotifyApiError =>
  error instanceof NotifyApiError && (error.kind === 'auth' || error.kind === 'not-found' || error.kind === 'rejected');

/** Proves the key with one request. */
export async function checkKey(client: NotifyClient): Promise<ServiceSetUpResult> {
  try {
    await client.listNotifications({ reference: KEY_CHECK_REFERENCE });
    return { state: 'complete' };
  } catch (error) {
    return isRefusal(error)
      ? { state: 'key-refused', message: error.message }
      : { state: 'waiting', message: errorText(error) };
  }
}

/**
 * Looks the service's templates up: its pass-through templates are found (or kept, while the service still has
 * them), its own templates mirrored for sending offline, and messages held for a template it now has go back to the
 * queue. Everything is recorded in one transaction, or nothing.
 */
export async function lookUpTemplates(
  ctx: SetUpContext,
  services: ServiceRepository,
  service: StoredService,
  client: NotifyClient,
): Promise<ServiceSetUpResult> {
  let templates;
  try {
    templates = await client.listTemplates();
  } catch (error) {
    return isRefusal(error)
      ? { state: 'key-refused', message: error.message }
      : { state: 'waiting', message: errorText(error) };
  }
  const passThroughTemplates = resolvePassThroughTemplates(service.passThroughTemplates, templates);
  const released = ctx.db.transaction(() => {
    const checkedAt = new Date().toISOString();
    services.recordTemplateLookUp(service.id, passThroughTemplates, checkedAt);
    mirrorNotifyTemplates(new TemplateRepository(ctx.db), templates, passThroughTemplates, ctx.user);
    return releaseMessagesWhoseHoldIsOver(ctx.db, { passThroughTemplates, templatesCheckedAt: checkedAt });
  })();
  ctx.events.emit('templates.changed', { templateId: '' });
  if (released.length > 0) ctx.events.emit('outbox.changed', { messageIds: released, counts: countMessages(ctx.db) });
  return { state: 'complete' };
}

/**
 * Completes a configured service's set-up step by step, each step recorded as it succeeds: the key check, then the
 * template look-up. Stops at the first step Notify does not answer (tried again when it does) or refuses.
 */
export async function completeServiceSetUp(
  ctx: SetUpContext,
  services: ServiceRepository,
  service: StoredService,
  client: NotifyClient,
): Promise<ServiceSetUpResult> {
  if (service.keyStatus !== 'ok') {
    const key = await checkKey(client);
    if (key.state === 'key-refused') services.recordKeyCheck(service.id, 'rejected', key.message);
    if (key.state !== 'complete') return key;
    services.recordKeyCheck(service.id, 'ok', null);
  }
  const current = services.configured();
  if (!current || current.id !== service.id)
    return { state: 'waiting', message: 'The service settings changed while it was being checked.' };
  const lookUp = await lookUpTemplates(ctx, services, current, client);
  if (lookUp.state === 'key-refused') services.recordKeyCheck(service.id, 'rejected', lookUp.message);
  return lookUp;
}

/**
 * What is left to do for a configured service before the sync engine sends through it: set-up not finished (saved
 * while Notify could not be reached), or a new look-up of its templates while messages wait for a pass-through one.
 */
export function serviceSetUpStep(
  ctx: SetUpContext,
  services: ServiceRepository,
  service: StoredService,
): ServiceSetUpStep | undefined {
  const unfinished = service.keyStatus !== 'ok' || service.templatesCheckedAt === null;
  const heldSince = unfinished
    ? null
    : hasMessagesHeldForPassThrough(ctx.db)
      ? Date.parse(service.templatesCheckedAt ?? '')
      : null;
  if (!unfinished && heldSince === null) return undefined;
  return {
    blocksSending: unfinished,
    due: (eager) => unfinished || eager || Date.now() - (heldSince ?? 0) >= HELD_LOOK_UP_INTERVAL_MS,
    run: (client) => completeServiceSetUp(ctx, services, service, client),
  };
}
