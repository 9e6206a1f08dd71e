import type { HandlerArgs } from '../../../shared/contract';
import { UserError } from '../dispatch';
import { createNotifyClient, NotifyApiError, parseApiKey, type NotifyTemplate } from '../notify-client';
import { KeychainUnavailableError, type SecretStore } from '../secrets/keychain';
import { keychainHelp, providedKeyFor, type ApiKeySource } from '../secrets/api-key-sources';
import { findPassThroughTemplates } from './pass-through-templates';
import { apiKeyAccount, ServiceRepository, type PassThroughTemplates, type StoredService } from './service-repository';

export type KeyCheck =
  | { outcome: 'accepted'; templates: NotifyTemplate[] }
  | { outcome: 'rejected'; message: string }
  | { outcome: 'unreachable'; message: string };

/** Asks the service for its templates: proves the key and finds the pass-through templates in one request. */
export async function checkServiceKey(baseUrl: string, apiKey: string): Promise<KeyCheck> {
  const client = createNotifyClient({ baseUrl, apiKey, timeoutMs: 10_000 });
  try {
    return { outcome: 'accepted', templates: await client.listTemplates() };
  } catch (error) {
    if (error instanceof NotifyApiError && (error.kind === 'auth' || error.kind === 'not-found' || error.kind === 'rejected')) {
      return { outcome: 'rejected', message: error.message };
    }
    return { outcome: 'unreachable', message: error instanceof Error ? error.message : String(error) };
  } finally {
    client.close();
  }
}

function chosenPassThrough(args: HandlerArgs<'services.configure'>, found: PassThroughTemplates): PassThroughTemplates {
  return {
    sms: args.smsTemplateId ?? found.sms,
    email: args.emailTemplateId ?? found.email,
    letter: args.letterTemplateId ?? found.letter,
  };
}

/** The key to connect with: the one typed (kept in the keychain), or the one IT provides (never written anywhere). */
function keyToUse(args: HandlerArgs<'services.configure'>, sources: readonly ApiKeySource[]): { key: string; provided: boolean } {
  if (args.apiKey) return { key: args.apiKey, provided: false };
  const provided = providedKeyFor(null, sources);
  if (!provided) throw new UserError('Enter the API key');
  return { key: provided.key, provided: true };
}

/**
 * Saves the service with its key in the keychain (or, for a key IT provides, nowhere). A key Notify refuses is not
 * saved; a service that cannot be reached is saved with a warning and checked at the first sync.
 */
export async function configureService(
  args: HandlerArgs<'services.configure'>,
  services: ServiceRepository,
  secrets: SecretStore,
  sources: readonly ApiKeySource[],
): Promise<{ service: StoredService; warning: string | null; templates: NotifyTemplate[] }> {
  const { key, provided } = keyToUse(args, sources);
  let notifyServiceId: string;
  try {
    notifyServiceId = parseApiKey(key).serviceId;
  } catch (error) {
    throw new UserError(error instanceof Error ? error.message : 'That is not a Notify API key.');
  }
  const baseUrl = args.baseUrl.replace(/\/+$/, '');
  const check = await checkServiceKey(baseUrl, key);
  if (check.outcome === 'rejected') throw new UserError(check.message, 'key-rejected');

  if (!provided) {
    try {
      await secrets.set(apiKeyAccount(notifyServiceId), key);
    } catch (error) {
      if (!(error instanceof KeychainUnavailableError)) throw error;
      throw new UserError(`The key was not saved: this computer has no keychain the desk can use. ${keychainHelp()}`, 'keychain-unavailable');
    }
  }
  const namedByUser = Boolean(args.smsTemplateId || args.emailTemplateId || args.letterTemplateId);
  const found = check.outcome === 'accepted' ? findPassThroughTemplates(check.templates) : { sms: null, email: null, letter: null };
  const service = services.save({
    name: args.name,
    baseUrl,
    notifyServiceId,
    keyStatus: check.outcome === 'accepted' ? 'ok' : 'unchecked',
    keyStatusMessage: check.outcome === 'accepted' ? null : check.message,
    keyType: args.keyType,
    passThroughTemplates: chosenPassThrough(args, found),
    passThroughNamedByUser: namedByUser,
    rateLimitPerMinute: args.rateLimitPerMinute ?? 3000,
  });
  let warning: string | null = null;
  if (check.outcome === 'unreachable') {
    warning = `The service could not be reached (${check.message}). The settings are saved and the key will be checked at the first sync.`;
  } else if (!service.passThroughTemplates.sms) {
    warning =
      'No pass-through text message template (body ((body))) was found on the service, so templates written on this desk cannot be sent as texts until you name one.';
  }
  return { service, warning, templates: check.outcome === 'accepted' ? check.templates : [] };
}
