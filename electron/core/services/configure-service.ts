import type { HandlerArgs, ServiceSummary } from '../../../shared/contract';
import { UserError } from '../dispatch';
import type { NetworkAccess } from '../network/network-access';
import { createNotifyClient, parseApiKey } from '../notify-client';
import type { SecretStore } from '../secrets/keychain';
import { missingPassThroughWarning } from './pass-through-templates';
import { apiKeyAccount, ServiceRepository } from './service-repository';
import { checkKey, completeServiceSetUp, type SetUpContext } from './service-setup';

const UNTIL_NOTIFY_ANSWERS = 'until then messages wait in the queue, and nothing needs doing.';

/**
 * Saves the service with its key in the keychain, checking the key and looking up the service's templates. A key
 * Notify refuses is not saved. When Notify cannot be reached (or fails) part way, what was done is kept and the
 * rest is completed by the sync engine as soon as Notify answers.
 */
export async function configureService(
  args: HandlerArgs<'services.configure'>,
  ctx: SetUpContext,
  services: ServiceRepository,
  secrets: SecretStore,
  network: NetworkAccess,
): Promise<{ service: ServiceSummary; warning: string | null }> {
  let notifyServiceId: string;
  try {
    notifyServiceId = parseApiKey(args.apiKey).serviceId;
  } catch (error) {
    throw new UserError(error instanceof Error ? error.message : 'That is not a Notify API key.');
  }
  const baseUrl = args.baseUrl.replace(/\/+$/, '');
  const client = createNotifyClient({ baseUrl, apiKey: args.apiKey, timeoutMs: 10_000, network });
  try {
    const key = await checkKey(client);
    if (key.state === 'key-refused') throw new UserError(key.message, 'key-rejected');

    await secrets.set(apiKeyAccount(notifyServiceId), args.apiKey);
    const saved = services.save({
      name: args.name,
      baseUrl,
      notifyServiceId,
      keyStatus: key.state === 'complete' ? 'ok' : 'unchecked',
      keyStatusMessage: key.state === 'complete' ? null : key.message,
      passThroughTemplates: { sms: args.smsTemplateId ?? null, email: args.emailTemplateId ?? null, letter: args.letterTemplateId ?? null },
      rateLimitPerMinute: args.rateLimitPerMinute ?? 3000,
    });
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
