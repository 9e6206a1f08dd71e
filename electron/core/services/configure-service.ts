import type { HandlerArgs } from '../../../shared/contract';
import { UserError } from '../dispatch';
import type { NetworkAccess } from '../network/network-access';
import { createNotifyClient, parseApiKey } from '../notify-client';
import { KeychainUnavailableError, type SecretStore } from '../secrets/keychain';
import { keychainHelp, providedKeyFor, type ApiKeySource } from '../secrets/api-key-sources';
import { missingPassThroughWarning } from './pass-through-templates';
import { apiKeyAccount, ServiceRepository, type StoredService } from './service-repository';
import { checkKey, completeServiceSetUp, type SetUpContext } from './service-setup';

const UNTIL_NOTIFY_ANSWERS = 'until then messages wait in the queue, and nothing needs doing.';

/** The key to connect with: the one typed (kept in the keychain), or the one IT provides (never written anywhere). */
function keyToUse(
  args: HandlerArgs<'services.configure'>,
  sources: readonly ApiKeySource[],
): { key: string; provided: boolean } {
  if (args.apiKey) return { key: args.apiKey, provided: false };
  const provided = providedKeyFor(null, sources);
  if (!provided) throw new UserError('Enter the API key');
  return { key: provided.key, provided: true };
}

/**
 * A replaced key leaves the keychain: the previous service's, and this service's own when the person now uses a key
 * IT provides. A keychain that cannot be reached has nothing the desk could delete.
 */
async function forgetReplacedKey(
  secrets: SecretStore,
  previousServiceId: string | null,
  serviceId: string,
  nowProvided: boolean,
): Promise<void> {
  const stale = [
    ...(previousServiceId !== null && previousServiceId !== serviceId ? [previousServiceId] : []),
    ...(nowProvided ? [serviceId] : []),
  ];
  for (const id of stale) {
    try {
      await secrets.delete(apiKeyAccount(id));
    } catch (error) {
      if (!(error instanceof KeychainUnavailableError)) throw error;
    }
  }
}

/**
 * Saves the service with its key in the keychain (or, for a key IT provides, nowhere), checking the key and looking
 * up the service's templates. A key Notify refuses is not saved. When Notify cannot be reached (or fails) part way,
 * what was done is kept and the rest is completed by the sync engine as soon as Notify answers.
 */
export async function configureService(
  args: HandlerArgs<'services.configure'>,
  ctx: SetUpContext,
  services: ServiceRepository,
  secrets: SecretStore,
  network: NetworkAccess,
  sources: readonly ApiKeySource[],
): Promise<{ service: StoredService; warning: string | null }> {
  const { key: apiKey, provided } = keyToUse(args, sources);
  let notifyServiceId: string;
  try {
    notifyServiceId = parseApiKey(apiKey).serviceId;
  } catch (error) {
    throw new UserError(error instanceof Error ? error.message : 'That is not a Notify API key.');
  }
  const baseUrl = args.baseUrl.replace(/\/+$/, '');
  const client = createNotifyClient({ baseUrl, apiKey, timeoutMs: 10_000, network });
  try {
    const key = await checkKey(client);
    if (key.state === 'key-refused') throw new UserError(key.message, 'key-rejected');

    if (!provided) {
      try {
        await secrets.set(apiKeyAccount(notifyServiceId), apiKey);
      } catch (error) {
        if (!(error instanceof KeychainUnavailableError)) throw error;
        throw new UserError(
          `The key was not saved: this computer has no keychain the desk can use. ${keychainHelp()}`,
          'keychain-unavailable',
        );
      }
    }
    const previous = services.configured();
    const saved = services.save({
      name: args.name,
      baseUrl,
      notifyServiceId,
      keyStatus: key.state === 'complete' ? 'ok' : 'unchecked',
      keyStatusMessage: key.state === 'complete' ? null : key.message,
      keyType: args.keyType,
      passThroughTemplates: {
        sms: args.smsTemplateId ?? null,
        email: args.emailTemplateId ?? null,
        letter: args.letterTemplateId ?? null,
      },
      rateLimitPerMinute: args.rateLimitPerMinute ?? 3000,
    });
    await forgetReplacedKey(secrets, previous?.notifyServiceId ?? null, notifyServiceId, provided);
    if (key.state === 'waiting') {
      return {
        service: saved,
        warning: `${key.message} The settings are saved: the key will be checked and the service’s templates looked up as soon as Notify answers; ${UNTIL_NOTIFY_ANSWERS}`,
      };
    }
    const lookUp = await completeServiceSetUp(ctx, services, saved, client);
    const service = services.configured() ?? saved;
    if (lookUp.state !== 'complete') {
      return {
        service,
        warning: `The key was accepted, but the service’s templates could not be looked up (${lookUp.message.replace(/\.$/, '')}). They will be as soon as Notify answers; ${UNTIL_NOTIFY_ANSWERS}`,
      };
    }
    return { service, warning: missingPassThroughWarning(service.passThroughTemplates) };
  } finally {
    client.close();
  }
}
