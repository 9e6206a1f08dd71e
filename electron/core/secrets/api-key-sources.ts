import { parseApiKey } from '../notify-client';
import { UserError } from '../dispatch';
import { KeychainUnavailableError, type SecretStore } from './keychain';

/** Where a service's API key lives: the keychain, or a place IT provides it for as long as the desk runs. */
export type ApiKeyLocation = 'keychain' | 'environment' | 'policy';

/** The environment variable IT can set to give the desk a key on a computer without a usable keychain. */
export const API_KEY_ENVIRONMENT_VARIABLE = 'NOTIFY_DESK_API_KEY';

/** A key IT provides outside the keychain, read where it is each time and never written anywhere by the desk. */
export interface ProvidedApiKey {
  key: string;
  location: Exclude<ApiKeyLocation, 'keychain'>;
  /** The Notify service the key belongs to (from the key itself). */
  notifyServiceId: string;
  /** How the desk names the place, for a person: "the NOTIFY_DESK_API_KEY environment variable". */
  describedAs: string;
}

/** One place a key may be provided: the policy file IT manages, consulted before the environment. */
export type ApiKeySource = () => ProvidedApiKey | null;

/** The key in NOTIFY_DESK_API_KEY, when it holds one. */
export function environmentApiKeySource(environment: NodeJS.ProcessEnv = process.env): ApiKeySource {
  return () => {
    const key = environment[API_KEY_ENVIRONMENT_VARIABLE]?.trim();
    if (!key) return null;
    try {
      return {
        key,
        location: 'environment',
        notifyServiceId: parseApiKey(key).serviceId,
        describedAs: `the ${API_KEY_ENVIRONMENT_VARIABLE} environment variable`,
      };
    } catch {
      return null;
    }
  };
}

/** What each operating system needs for the desk to use its keychain. */
export function keychainRequirement(platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32'
    ? 'Windows Credential Manager must be available to your Windows account'
    : platform === 'darwin'
      ? 'your login keychain must be unlocked (Keychain Access)'
      : 'a Secret Service keychain such as GNOME Keyring must be installed and unlocked in your desktop session';
}

/** What to tell a person whose computer has no keychain the desk can use: how to enable it, and the alternative. */
export function keychainHelp(platform: NodeJS.Platform = process.platform): string {
  return (
    `To keep the key in this computer's keychain, ${keychainRequirement(platform)}: ask IT to enable it. ` +
    `Or IT can give the desk the key in the ${API_KEY_ENVIRONMENT_VARIABLE} environment variable: the desk then uses it for as long as it runs and never writes it anywhere.`
  );
}

/**
 * Finds the key of a configured Notify service: a key IT provides for it comes first, then the keychain. Every
 * failure is a sentence saying where the key should be and what to do.
 */
export async function readApiKey(
  notifyServiceId: string,
  account: string,
  sources: readonly ApiKeySource[],
  keychain: SecretStore,
): Promise<{ key: string; location: ApiKeyLocation }> {
  const provided = providedKeyFor(notifyServiceId, sources);
  if (provided) return { key: provided.key, location: provided.location };
  let key: string | null;
  try {
    key = await keychain.get(account);
  } catch (error) {
    if (error instanceof KeychainUnavailableError) {
      throw new UserError(
        `The API key cannot be read: this computer has no keychain the desk can use. ${keychainHelp()}`,
        'keychain-unavailable',
      );
    }
    throw error;
  }
  if (!key)
    throw new UserError(
      'The API key for this service is not in the keychain. Enter it again in Settings.',
      'key-missing',
    );
  return { key, location: 'keychain' };
}

/** The first key provided outside the keychain; for a service, only one that belongs to it. */
export function providedKeyFor(
  notifyServiceId: string | null,
  sources: readonly ApiKeySource[],
): ProvidedApiKey | null {
  for (const source of sources) {
    const provided = source();
    if (provided && (notifyServiceId === null || provided.notifyServiceId === notifyServiceId)) return provided;
  }
  return null;
}
