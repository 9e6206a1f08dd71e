import type { AppStatus, HandlerMap } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { configureService } from '../services/configure-service';
import { apiKeyAccount, ServiceRepository } from '../services/service-repository';

export const APP_VERSION = '0.1.0';

export function createServiceHandlers(ctx: CoreContext): Pick<HandlerMap, 'app.status' | 'services.configure' | 'services.remove'> {
  const services = new ServiceRepository(ctx.db);
  const status = (): AppStatus => {
    const service = services.configured();
    return { version: APP_VERSION, dataDir: ctx.dataDir, practiceMode: service === null, service, user: ctx.user };
  };
  return {
    'app.status': async () => status(),
    'services.configure': (args) => configureService(args, ctx, services, ctx.secrets, ctx.network),
    'services.remove': async () => {
      const service = services.configured();
      if (service) {
        await ctx.secrets.delete(apiKeyAccount(service.notifyServiceId));
        services.remove(service.id);
      }
      return status();
    },
  };
}
