import type { Db } from './database/open-database';
import type { CoreEventBus } from './events';
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
}

export interface CoreContext {
  db: Db;
  dataDir: string;
  user: string;
  events: CoreEventBus;
  secrets: SecretStore;
  /** The service to send through now (practice mode when none is configured). */
  activeService(): Promise<ActiveService>;
}
