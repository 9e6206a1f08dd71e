import type { ProviderProblem, ProviderTestResult } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { errorText } from '../error-text';
import type { NetworkAccess } from '../network/network-access';
import type { ProviderHealthOptions } from './provider-health';
import { ProviderRepository, type StoredProvider } from './provider-repository';
import type { DirectRoute, RouteContextEvents } from './route-outcome';

export interface DirectRouteOptions extends ProviderHealthOptions {
  /** An SMPP submit, an HTTP request, an SMTP answer: how long before its outcome is unknown. */
  requestTimeoutMs: number;
  connectTimeoutMs: number;
  enquireLinkMs: number;
  receiptQuietMs: number;
  receiptWaitMs: number;
  minPollMs: number;
  maxPollMs: number;
}

export const defaultDirectRouteOptions = (requestTimeoutMs: number): DirectRouteOptions => ({
  requestTimeoutMs,
  connectTimeoutMs: 10_000,
  enquireLinkMs: 30_000,
  receiptQuietMs: 500,
  receiptWaitMs: 5_000,
  minPollMs: 5_000,
  maxPollMs: 3_600_000,
  retryBaseMs: 1_000,
  retryMaxMs: 30_000,
  refusedRetryMs: 60_000,
  throttleFailoverMs: 60_000,
});

/** The smpp package is CommonJS with exports set in loops, which ES module interop finds only on `default`. */
export async function loadSmpp(): Promise<typeof import('smpp')> {
  const module = await import('smpp');
  return (module as unknown as { default?: typeof import('smpp') }).default ?? module;
}

interface Built {
  version: string;
  route: DirectRoute;
}

export interface DirectRouteDeps {
  db: Db;
  providers: ProviderRepository;
  network: NetworkAccess;
  events: RouteContextEvents;
}

/**
 * The direct providers as routes, built when first needed (the smpp and nodemailer packages load then) and again when a
 * provider's settings change. A provider whose credentials cannot be read is a problem, not an exception.
 */
export class DirectRoutes {
  private readonly built = new Map<string, Built>();
  private readonly broken = new Map<string, ProviderProblem>();
  private keep = false;

  constructor(
    private readonly deps: DirectRouteDeps,
    private readonly options: DirectRouteOptions,
  ) {}

  /** The route for a provider's name, or null when there is no such provider or it cannot be built now. */
  async get(name: string): Promise<DirectRoute | null> {
    const provider = this.deps.providers.find(name);
    if (!provider) {
      await this.drop(name);
      return null;
    }
    const version = `${provider.updatedAt}\n${provider.caFile ?? ''}`;
    const existing = this.built.get(provider.name);
    if (existing?.version === version) return existing.route;
    await this.drop(provider.name);
    try {
      const route = await this.build(provider);
      this.broken.delete(provider.name);
      this.built.set(provider.name, { version, route });
      route.keepConnected(this.keep);
      return route;
    } catch (error) {
      this.broken.set(provider.name, { provider: provider.name, state: 'refused', message: errorText(error) });
      return null;
    }
  }

  /** Problems of the providers built so far (those in use), for the sync status. */
  problems(names: readonly string[]): ProviderProblem[] {
    return names.flatMap((name) => {
      const problem = this.broken.get(name) ?? this.built.get(name)?.route.problem();
      return problem ? [problem] : [];
    });
  }

  /** While the engine runs, routes stay connected where receipts come back over their own connection. */
  keepConnected(keep: boolean): void {
    this.keep = keep;
    for (const { route } of this.built.values()) route.keepConnected(keep);
  }

  routes(): DirectRoute[] {
    return [...this.built.values()].map((built) => built.route);
  }

  /** "Test connection": a provider checked with what is saved for it now. */
  async test(name: string): Promise<ProviderTestResult> {
    const provider = this.deps.providers.get(name);
    let route: DirectRoute;
    try {
      route = await this.build(provider);
    } catch (error) {
      return { ok: false, message: errorText(error) };
    }
    try {
      return await route.test();
    } finally {
      await route.close();
    }
  }

  async drop(name: string): Promise<void> {
    const existing = [...this.built.keys()].find((key) => key.toLowerCase() === name.toLowerCase());
    if (existing === undefined) return;
    const built = this.built.get(existing);
    this.built.delete(existing);
    await built?.route.close();
  }

  async closeAll(): Promise<void> {
    const routes = this.routes();
    this.built.clear();
    await Promise.all(routes.map((route) => route.close()));
  }

  private async build(provider: StoredProvider): Promise<DirectRoute> {
    const { db, network, events, providers } = this.deps;
    const health = {
      retryBaseMs: this.options.retryBaseMs,
      retryMaxMs: this.options.retryMaxMs,
      refusedRetryMs: this.options.refusedRetryMs,
      throttleFailoverMs: this.options.throttleFailoverMs,
    };
    switch (provider.kind) {
      case 'smpp': {
        const [{ SmppRoute }, smpp] = await Promise.all([import('./smpp/smpp-route'), loadSmpp()]);
        const credentials = await providers.credentials(provider);
        return new SmppRoute(provider.name, smpp, provider.settings, credentials, db, events, {
          ...health,
          submitTimeoutMs: this.options.requestTimeoutMs,
          connectTimeoutMs: this.options.connectTimeoutMs,
          enquireLinkMs: this.options.enquireLinkMs,
          receiptQuietMs: this.options.receiptQuietMs,
          receiptWaitMs: this.options.receiptWaitMs,
        });
      }
      case 'http-sms': {
        const { HttpSmsRoute } = await import('./http-sms/http-sms-route');
        const credentials = await providers.credentials(provider);
        return new HttpSmsRoute(provider.name, provider.settings, credentials, network, db, events, {
          ...health,
          requestTimeoutMs: this.options.requestTimeoutMs,
          minPollMs: this.options.minPollMs,
          maxPollMs: this.options.maxPollMs,
        });
      }
      case 'smtp': {
        const [{ SmtpRoute }, nodemailer] = await Promise.all([import('./smtp/smtp-route'), import('nodemailer')]);
        const credentials = await providers.credentials(provider);
        return new SmtpRoute(
          provider.name,
          nodemailer,
          provider.settings,
          credentials,
          provider.caFile,
          network,
          db,
          events,
          {
            ...health,
            timeoutMs: this.options.requestTimeoutMs,
          },
        );
      }
    }
  }
}
