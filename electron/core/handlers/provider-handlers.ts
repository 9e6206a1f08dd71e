import { providerKindWords, type HandlerMap } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import type { DirectRoutes } from '../providers/direct-routes';
import { ProviderRepository } from '../providers/provider-repository';

type ProviderHandlers = Pick<HandlerMap, 'providers.list' | 'providers.add' | 'providers.remove' | 'providers.test'>;

/** Direct providers: settings in the database, credentials only in the keychain; "Test connection" with what is saved. */
export function createProviderHandlers(
  ctx: CoreContext,
  routes: DirectRoutes,
  afterChange: () => void,
): ProviderHandlers {
  const providers = new ProviderRepository(ctx.db, ctx.secrets);
  return {
    'providers.list': async () => ({ providers: providers.list().map((provider) => providers.summary(provider)) }),
    'providers.add': async (settings) => {
      const provider = await providers.add(settings, ctx.user);
      ctx.audit.record('provider.changed', {
        provider: provider.name,
        change: `added (${providerKindWords[provider.kind]})`,
      });
      await routes.drop(provider.name);
      afterChange();
      return { provider: providers.summary(provider) };
    },
    'providers.remove': async ({ name }) => {
      const removed = await providers.remove(name, ctx.user);
      ctx.audit.record('provider.changed', { provider: removed, change: 'removed' });
      await routes.drop(removed);
      afterChange();
      return { removed };
    },
    'providers.test': async ({ name }) => routes.test(name),
  };
}
