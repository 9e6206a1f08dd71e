import { resolve } from 'node:path';
import { providerChannels, type NewProvider, type ProviderKind, type ProviderSummary } from '../../../shared/contract';
import { nowIso } from '../clock';
import type { Db } from '../database/open-database';
import { UserError } from '../dispatch';
import { CertificateFileError, readCertificateFile } from '../network/trusted-certificates';
import { channelRoute, channelsRoutedThrough, replaceChannelRoute } from '../routing/channel-routes';
import type { SecretStore } from '../secrets/keychain';

export interface SmtpSettings {
  host: string;
  port: number;
  from: string;
  replyTo: string | null;
  poolSize: number;
}
export interface SmtpCredentials {
  user: string | null;
  password: string | null;
}

export interface SmppSettings {
  host: string;
  port: number;
  sender: string | null;
  windowSize: number;
}
export interface SmppCredentials {
  systemId: string;
  password: string;
}

export interface HttpSmsSettings {
  baseUrl: string;
  from: string;
}
export interface HttpSmsCredentials {
  accountSid: string;
  authToken: string;
}

interface ProviderBase {
  name: string;
  caFile: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export type StoredProvider =
  | (ProviderBase & { kind: 'smtp'; settings: SmtpSettings })
  | (ProviderBase & { kind: 'smpp'; settings: SmppSettings })
  | (ProviderBase & { kind: 'http-sms'; settings: HttpSmsSettings });

export type ProviderCredentials<K extends ProviderKind> = K extends 'smtp'
  ? SmtpCredentials
  : K extends 'smpp'
    ? SmppCredentials
    : HttpSmsCredentials;

export const DEFAULT_SMPP_WINDOW = 10;
export const DEFAULT_SMTP_POOL = 5;

interface ProviderRow {
  name: string;
  kind: ProviderKind;
  settings: string;
  ca_file: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/** The keychain entry holding a provider's credentials (JSON), by the provider's name. */
export const providerCredentialAccount = (name: string): string => `provider:${name.toLowerCase()}`;

function toProvider(row: ProviderRow): StoredProvider {
  const base = {
    name: row.name,
    caFile: row.ca_file,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
  const settings: unknown = JSON.parse(row.settings);
  return { ...base, kind: row.kind, settings } as StoredProvider;
}

/** What a new provider keeps in the database and what it keeps in the keychain. */
function splitSettings(provider: NewProvider): {
  settings: StoredProvider['settings'];
  credentials: SmtpCredentials | SmppCredentials | HttpSmsCredentials;
} {
  switch (provider.kind) {
    case 'smtp':
      return {
        settings: {
          host: provider.host,
          port: provider.port,
          from: provider.from,
          replyTo: provider.replyTo ?? null,
          poolSize: provider.poolSize ?? DEFAULT_SMTP_POOL,
        },
        credentials: { user: provider.user ? provider.user : null, password: provider.password ?? null },
      };
    case 'smpp':
      return {
        settings: {
          host: provider.host,
          port: provider.port,
          sender: provider.sender ?? null,
          windowSize: provider.windowSize ?? DEFAULT_SMPP_WINDOW,
        },
        credentials: { systemId: provider.systemId, password: provider.password },
      };
    case 'http-sms':
      return {
        settings: { baseUrl: provider.baseUrl.replace(/\/+$/, ''), from: provider.from },
        credentials: { accountSid: provider.accountSid, authToken: provider.authToken },
      };
  }
}

/** A CA file for a provider, checked: where it is, and how many certificates it holds. */
export function checkCaFile(path: string): { path: string; certificates: number } {
  const absolute = resolve(path);
  try {
    return { path: absolute, certificates: readCertificateFile(absolute).length };
  } catch (error) {
    throw error instanceof CertificateFileError ? new UserError(error.message) : error;
  }
}

/** Direct providers: settings in SQLite, credentials only in the OS keychain. */
export class ProviderRepository {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
  ) {}

  list(): StoredProvider[] {
    return (this.db.prepare('SELECT * FROM providers ORDER BY name').all() as ProviderRow[]).map(toProvider);
  }

  find(name: string): StoredProvider | null {
    const row = this.db.prepare('SELECT * FROM providers WHERE name = ?').get(name) as ProviderRow | undefined;
    return row ? toProvider(row) : null;
  }

  get(name: string): StoredProvider {
    const provider = this.find(name);
    if (!provider)
      throw new UserError(`There is no provider called ${name}. notify-desk provider list shows the providers.`);
    return provider;
  }

  /** Saves a new provider (or replaces one of the same name), its credentials first so a failing keychain leaves nothing half saved. */
  async add(provider: NewProvider, user: string): Promise<StoredProvider> {
    const existing = this.find(provider.name);
    if (existing && existing.kind !== provider.kind) {
      throw new UserError(
        `${existing.name} is already the name of a provider of another kind: remove it first, or choose another name.`,
      );
    }
    const { settings, credentials } = splitSettings(provider);
    await this.secrets.set(providerCredentialAccount(provider.name), JSON.stringify(credentials));
    const now = nowIso();
    this.db
      .prepare(
        `INSERT INTO providers (name, kind, settings, ca_file, created_at, created_by, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
      )
      .run(provider.name, provider.kind, JSON.stringify(settings), now, user, now);
    return this.get(provider.name);
  }

  /** The provider's credentials from the keychain. */
  async credentials<K extends ProviderKind>(provider: StoredProvider & { kind: K }): Promise<ProviderCredentials<K>> {
    const stored = await this.secrets.get(providerCredentialAccount(provider.name));
    if (!stored)
      throw new UserError(
        `The credentials of ${provider.name} are not in the keychain. Add the provider again to enter them.`,
        'key-missing',
      );
    return JSON.parse(stored) as ProviderCredentials<K>;
  }

  /** Removes the provider from every route, forgets a route a person chose for it, and deletes its credentials. */
  async remove(name: string, user: string): Promise<string> {
    const provider = this.get(name);
    const remaining = channelsRoutedThrough(this.db, provider.name).map((channel) => ({
      channel,
      providers: channelRoute(this.db, channel).filter((name) => name !== provider.name),
    }));
    this.db
      .transaction(() => {
        for (const route of remaining) replaceChannelRoute(this.db, route.channel, route.providers, user);
        this.db
          .prepare(`UPDATE outbox_messages SET chosen_provider = NULL WHERE chosen_provider = ? AND state = 'queued'`)
          .run(provider.name);
        this.db.prepare('DELETE FROM providers WHERE name = ?').run(provider.name);
      })
      .immediate();
    await this.secrets.delete(providerCredentialAccount(provider.name)).catch(() => undefined);
    return provider.name;
  }

  /** Names a CA file to trust for this provider's TLS (the command line only: the UI never names a file), or none. */
  setCaFile(name: string, path: string | null): number {
    const provider = this.get(name);
    const checked = path === null ? null : checkCaFile(path);
    this.db
      .prepare('UPDATE providers SET ca_file = ?, updated_at = ? WHERE name = ?')
      .run(checked?.path ?? null, nowIso(), provider.name);
    return checked?.certificates ?? 0;
  }

  summary(provider: StoredProvider): ProviderSummary {
    const common = {
      name: provider.name,
      kind: provider.kind,
      channel: providerChannels[provider.kind],
      trustsCaFile: provider.caFile !== null,
      inRoutes: channelsRoutedThrough(this.db, provider.name),
      createdAt: provider.createdAt,
      createdBy: provider.createdBy,
    };
    switch (provider.kind) {
      case 'smtp':
        return {
          ...common,
          address: `${provider.settings.host}:${provider.settings.port}`,
          sender: provider.settings.from,
          replyTo: provider.settings.replyTo,
        };
      case 'smpp':
        return {
          ...common,
          address: `${provider.settings.host}:${provider.settings.port}`,
          sender: provider.settings.sender,
          replyTo: null,
        };
      case 'http-sms':
        return { ...common, address: provider.settings.baseUrl, sender: provider.settings.from, replyTo: null };
    }
  }
}
