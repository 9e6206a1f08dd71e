import type { Db } from './database/open-database';
import type { CoreEventBus } from './events';
import type { NetworkAccess } from './network/network-access';
import type { SecretStore } from './secrets/keychain';

/** The Notify service the outbox sends through: a configured one, or the in-process practice simulator. */
export interface ActiveService {
  id: string;
  name: string;
  kind: 'notify' | 'practice';
  baseUrl: string;
  rateLimitPerMinute: number;
  /** Notify template ids whose body is `((body))` (and subject `((subject))`), used for templates written on the desk. */
  passThroughTemplates: { sms: string | null; email: string | null; letter: string | null };
  /** Read from the keychain on demand; never stored anywhere else. */
  apiKey(): Promise<string>;
  /** The way to the service: the proxy and the certificates to trust. */
  network: NetworkAccess;
}

export interface CoreContext {
  db: Db;
  dataDir: string;
  user: string;
  events: CoreEventBus;
  secrets: SecretStore;
  /** The way out to a configured service (and, later, direct providers): proxy settings and trusted certificates. */
  network: NetworkAccess;
  /** The service to send through now (practice mode when none is configured). */
  activeService(): Promise<ActiveService>;
}
