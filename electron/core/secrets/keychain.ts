import { createRequire } from 'node:module';

/**
 * The keychain's native module, loaded when a secret is first read or written (most commands read none). require(),
 * not import(): the desktop app loads native modules from beside its asar archive, as the import's thread does.
 */
const keyring = () => createRequire(import.meta.url)('@napi-rs/keyring') as typeof import('@napi-rs/keyring');

/** Where credentials live: only ever the operating system's keychain, never SQLite, logs or the renderer. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<void>;
}

export class KeychainUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      'The system keychain could not be used, so the API key was not saved. Unlock your keychain (or ask IT to enable it) and try again.',
      { cause },
    );
    this.name = 'KeychainUnavailableError';
  }
}

/** The OS keychain (Windows Credential Manager, macOS Keychain, Secret Service on Linux). */
export function osKeychain(serviceName = process.env.NOTIFY_DESK_KEYCHAIN_SERVICE ?? 'notify-desk'): SecretStore {
  const entry = (account: string) => new (keyring().AsyncEntry)(serviceName, account);
  return {
    async get(account) {
      try {
        return await entry(account).getPassword();
      } catch (error) {
        throw new KeychainUnavailableError(error);
      }
    },
    async set(account, secret) {
      try {
        await entry(account).setPassword(secret);
      } catch (error) {
        throw new KeychainUnavailableError(error);
      }
    },
    async delete(account) {
      try {
        await entry(account).deleteCredential();
      } catch (error) {
        throw new KeychainUnavailableError(error);
      }
    },
  };
}
