import type { CoreContext } from '../core-context';
import { TemplateRepository } from '../templates/template-repository';
import { mirrorNotifyTemplates } from '../templates/mirror-notify-templates';
import { checkServiceKey } from './configure-service';
import { findPassThroughTemplates } from './pass-through-templates';
import type { ServiceRepository, StoredService } from './service-repository';

const retryAfterMs = 30_000;

/**
 * A service saved while it could not be reached has its key checked once it answers: the key status is recorded,
 * its pass-through templates found (unless the user named them) and its templates listed.
 */
export function createUncheckedKeyVerifier(ctx: Pick<CoreContext, 'db' | 'user' | 'events' | 'network'>, services: ServiceRepository) {
  let lastAttempt = 0;
  let running: Promise<void> | null = null;

  async function verify(service: StoredService, apiKey: string): Promise<void> {
    const check = await checkServiceKey(service.baseUrl, apiKey, ctx.network);
    if (check.outcome === 'unreachable') return;
    if (check.outcome === 'rejected') {
      services.recordKeyCheck(service.id, 'rejected', check.message);
      return;
    }
    const found = service.passThroughNamedByUser ? undefined : findPassThroughTemplates(check.templates);
    services.recordKeyCheck(service.id, 'ok', null, found);
    const passThrough = services.configured()?.passThroughTemplates ?? service.passThroughTemplates;
    mirrorNotifyTemplates(new TemplateRepository(ctx.db), check.templates, passThrough, ctx.user);
    ctx.events.emit('templates.changed', { templateId: '' });
  }

  /** Starts a check in the background when one is due; never throws, never blocks the caller. */
  return function verifyIfUnchecked(service: StoredService, apiKey: () => Promise<string>): void {
    if (service.keyStatus !== 'unchecked' || running || Date.now() - lastAttempt < retryAfterMs) return;
    lastAttempt = Date.now();
    running = apiKey()
      .then((key) => verify(service, key))
      .catch(() => undefined)
      .finally(() => {
        running = null;
      });
  };
}
