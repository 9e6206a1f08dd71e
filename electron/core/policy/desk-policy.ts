import type { Channel, PolicySummary } from '../../../shared/contract';
import { normaliseServiceUrl } from '../../../shared/service-url';
import { parseApiKey } from '../notify-client/api-key';
import type { ApiKeySource } from '../secrets/api-key-sources';
import { UserError } from '../user-error';
import type { LoadedPolicy } from './load-policy';
import type { PolicyFile } from './policy-schema';

const allChannels: readonly Channel[] = ['sms', 'email', 'letter'];
const channelWords: Record<Channel, string> = { sms: 'text messages', email: 'emails', letter: 'letters' };

/**
 * What the organisation's policy fixes, read by every part of the core that obeys it (`ctx.policy`). Without a policy
 * file the desk keeps its own defaults and settings: practice mode, every channel, encryption required.
 */
export interface DeskPolicy {
  /** The policy file and its SHA-256; null when there is none and the desk is single-user. */
  readonly source: { path: string; sha256: string } | null;
  /** The one service URL the desk may use (normalised), or null: any https service. */
  readonly serviceUrl: string | null;
  readonly practiceMode: boolean;
  readonly channels: readonly Channel[];
  /** Retention the policy fixes; null leaves it to an administrator's setting. */
  readonly retention: { readonly personalDataDays: number; readonly recordDays: number } | null;
  /** 'required' unless the policy says 'optional': the database is never left plain without IT's say-so. */
  readonly encryption: 'required' | 'optional';
  readonly caFile: string | null;
  /** The API key the policy holds, as a source consulted before the environment's; null when it holds none. */
  readonly apiKeySource: ApiKeySource | null;
  /** Throws the sentence a person reads when the policy does not allow this kind of message. */
  requireChannel(channel: Channel): void;
  /** Throws when the policy fixes another service URL. */
  requireServiceUrl(url: string): void;
  summary(): PolicySummary | null;
}

function policyKeySource(file: PolicyFile, path: string): ApiKeySource | null {
  const key = file.serviceApiKey?.trim();
  if (!key) return null;
  const provided = {
    key,
    location: 'policy' as const,
    notifyServiceId: parseApiKey(key).serviceId,
    describedAs: `the policy file (${path})`,
  };
  return () => provided;
}

export function deskPolicy(loaded: LoadedPolicy | null): DeskPolicy {
  const file = loaded?.file;
  const channels = file?.channels ?? allChannels;
  const serviceUrl = file?.serviceUrl ? normaliseServiceUrl(file.serviceUrl) : null;
  const policy: DeskPolicy = {
    source: loaded ? { path: loaded.path, sha256: loaded.sha256 } : null,
    serviceUrl,
    practiceMode: file?.practiceMode ?? true,
    channels,
    retention: file?.retention ?? null,
    encryption: file?.encryption ?? 'required',
    caFile: file?.caFile ?? null,
    apiKeySource: file && loaded ? policyKeySource(file, loaded.path) : null,
    requireChannel(channel) {
      if (channels.includes(channel)) return;
      const allowed = channels.map((allowedChannel) => channelWords[allowedChannel]).join(' and ');
      throw new UserError(
        `Your organisation’s policy does not allow ${channelWords[channel]} to be sent from this desk, only ${allowed}. Choose another template.`,
        'channel-not-allowed',
      );
    },
    requireServiceUrl(url) {
      if (serviceUrl === null || normaliseServiceUrl(url) === serviceUrl) return;
      throw new UserError(
        `Your organisation’s policy allows only the service at ${serviceUrl}. Enter that URL, or ask IT.`,
        'service-url-fixed',
      );
    },
    summary: () =>
      loaded && file
        ? {
            path: loaded.path,
            sha256: loaded.sha256,
            serviceUrl,
            practiceMode: policy.practiceMode,
            channels: [...channels],
            retention: policy.retention,
            encryption: policy.encryption,
            caFile: policy.caFile,
            providesApiKey: policy.apiKeySource !== null,
          }
        : null,
  };
  return policy;
}
