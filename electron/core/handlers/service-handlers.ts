import type { AppStatus, HandlerMap, ServiceSummary } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { configureService } from '../services/configure-service';
import { apiKeyAccount, ServiceRepository, type StoredService } from '../services/service-repository';
import { providedKeyFor } from '../secrets/api-key-sources';
import { APP_VERSION } from '../app-version';

export function createServiceHandlers(
  ctx: CoreContext,
): Pick<HandlerMap, 'app.status' | 'services.configure' | 'services.remove'> {
  const services = new ServiceRepository(ctx.db);
  /** The service as a person sees it, with where its key lives now. */
  const summary = (service: StoredService): ServiceSummary => ({
    ...service,
    keyLocation: providedKeyFor(service.notifyServiceId, ctx.apiKeySources)?.location ?? 'keychain',
  });
  const status = (): AppStatus => {
    const service = services.configured();
    const provided = providedKeyFor(null, ctx.apiKeySources);
    return {
      version: APP_VERSION,
      dataDir: ctx.dataDir,
      practiceMode: service === null && ctx.policy.practiceMode,
      service: service ? summary(service) : null,
      user: ctx.user,
      providedKey: provided ? { notifyServiceId: provided.notifyServiceId, describedAs: provided.describedAs } : null,
      access: ctx.person.access,
      policy: ctx.policy.summary(),
    };
  };
  return {
    'app.status': async () => status(),
    'services.configure': async (args) => {
      ctx.policy.requireServiceUrl(args.baseUrl);
      const before = services.configured();
      const { service, warning } = await configureService(
        args,
        ctx,
        services,
        ctx.secrets,
        ctx.network,
        ctx.apiKeySources,
      );
      const saved = summary(service);
      ctx.audit.record('service.configured', {
        baseUrl: saved.baseUrl,
        keyType: saved.keyType,
        keyLocation: saved.keyLocation,
        keyReplaced: before !== null,
      });
      return { service: saved, warning };
    },
    'services.remove': async () => {
      const service = services.configured();
      if (service) {
        // A key IT provides is not the desk's to delete; a key in the keychain goes with the service.
        if (summary(service).keyLocation === 'keychain')
          await ctx.secrets.delete(apiKeyAccount(service.notifyServiceId));
        services.remove(service.id);
        ctx.audit.record('service.removed', { baseUrl: service.baseUrl });
      }
      return status();
    },
  };
}
