import * as z from 'zod';
import { validateEmailAddress } from '../notify/email-address';
import type { Channel } from './common';
import type { PermissionsFor } from './permissions';

/** Direct providers: an organisation's SMTP relay, an SMPP 3.4 gateway, an HTTP gateway in the shape of Twilio's API. */
export const providerKinds = ['smtp', 'smpp', 'http-sms'] as const;
export const providerKindSchema = z.enum(providerKinds);
export type ProviderKind = z.infer<typeof providerKindSchema>;

/** What each kind of provider sends. */
export const providerChannels: Readonly<Record<ProviderKind, Channel>> = {
  smtp: 'email',
  smpp: 'sms',
  'http-sms': 'sms',
};

/** A kind of provider as a person names it. */
export const providerKindWords: Readonly<Record<ProviderKind, string>> = {
  smtp: 'an SMTP relay',
  smpp: 'an SMPP gateway',
  'http-sms': 'an HTTP SMS gateway',
};

/** The names a route gives the Notify service and the post room's printer; no provider may take them. */
export const NOTIFY_ROUTE = 'notify';
export const PRINT_ROUTE = 'print';

/** Whether a host is this computer itself, where a test relay or gateway may be reached without TLS. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

export const providerNameSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/,
    'Enter a name of up to 40 letters, digits, hyphens or underscores, such as relay or sms-gateway',
  )
  .refine(
    (name) => ![NOTIFY_ROUTE, PRINT_ROUTE].includes(name.toLowerCase()),
    'notify and print name the Notify service and the post room: choose another name',
  );

const hostSchema = z
  .string()
  .trim()
  .min(1, 'Enter the server’s host name or IP address')
  .max(253)
  .regex(
    /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*|[0-9A-Fa-f:.]+)$/,
    'Enter a host name or IP address only, without a scheme, port or path',
  );
const portSchema = z
  .number({ error: 'Enter a port number' })
  .int('Enter a whole port number')
  .min(1, 'Enter a port from 1 to 65535')
  .max(65535, 'Enter a port from 1 to 65535');

const emailAddressSchema = (what: string) =>
  z
    .string()
    .trim()
    .max(320)
    .refine(
      (address) => validateEmailAddress(address).valid,
      `Enter ${what} in the correct format, like name@example.gov.uk`,
    );

/**
 * A text message sender: up to 11 letters, digits and spaces with at least one letter (an alphanumeric sender id), or a
 * number of 3 to 15 digits, with + for an international one.
 */
export const smsSenderSchema = z
  .string()
  .trim()
  .refine(
    (sender) =>
      /^(?=[A-Za-z0-9 ]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9 ]{0,10}$/.test(sender) || /^\+?[0-9]{3,15}$/.test(sender),
    'Enter a sender of up to 11 letters and digits, or a phone number',
  );

const secret = (what: string, max: number) =>
  z.string().min(1, `Enter the ${what}`).max(max, `The ${what} can be at most ${max} characters`);

export const smtpProviderSchema = z
  .object({
    kind: z.literal('smtp'),
    name: providerNameSchema,
    host: hostSchema,
    port: portSchema,
    /** Write-only, like the password: kept in the OS keychain. */
    user: z.string().max(320).optional(),
    password: z.string().max(1000).optional(),
    from: emailAddressSchema('the From address'),
    replyTo: emailAddressSchema('the Reply-To address').optional(),
    /** Connections kept open to the relay. */
    poolSize: z.number().int().min(1).max(50).optional(),
  })
  .strict()
  .refine((provider) => provider.password === undefined || Boolean(provider.user), {
    message: 'Enter the user name for this password',
    path: ['user'],
  });

export const smppProviderSchema = z
  .object({
    kind: z.literal('smpp'),
    name: providerNameSchema,
    host: hostSchema,
    port: portSchema,
    /** Write-only: kept in the OS keychain. SMPP 3.4 allows 15 characters. */
    systemId: secret('system id', 15),
    /** Write-only: kept in the OS keychain. SMPP 3.4 allows 8 characters. */
    password: secret('password', 8),
    sender: smsSenderSchema.optional(),
    /** submit_sm requests outstanding at once. */
    windowSize: z.number().int().min(1).max(100).optional(),
  })
  .strict();

export const httpSmsProviderSchema = z
  .object({
    kind: z.literal('http-sms'),
    name: providerNameSchema,
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'Enter the gateway’s base URL, starting with https://' })
      .refine(
        (url) => url.startsWith('https://') || isLoopbackHost(/^http:\/\/(\[[^\]]+\]|[^/:?#]+)/.exec(url)?.[1] ?? ''),
        'Enter the gateway’s base URL, starting with https://',
      ),
    /** Write-only: kept in the OS keychain. */
    accountSid: secret('account SID', 100),
    /** Write-only: kept in the OS keychain. */
    authToken: secret('auth token', 200),
    from: smsSenderSchema,
  })
  .strict();

export const providerSettingsSchema = z.discriminatedUnion('kind', [
  smtpProviderSchema,
  smppProviderSchema,
  httpSmsProviderSchema,
]);
export type NewProvider = z.infer<typeof providerSettingsSchema>;

export interface ProviderSummary {
  name: string;
  kind: ProviderKind;
  channel: Channel;
  /** Where it is: host and port, or the base URL. */
  address: string;
  /** The From address, or the texts' sender (null: the gateway's default). */
  sender: string | null;
  replyTo: string | null;
  /** Secure connections to it also trust a CA file IT named on the command line. */
  trustsCaFile: boolean;
  /** The channels whose routes name it. */
  inRoutes: Channel[];
  createdAt: string;
  createdBy: string;
}

export interface ProviderTestResult {
  ok: boolean;
  /** What happened, for the person who asked. */
  message: string;
}

export const providerHandlerArgs = {
  'providers.list': z.object({}).strict(),
  'providers.add': providerSettingsSchema,
  'providers.remove': z.object({ name: providerNameSchema }).strict(),
  'providers.test': z.object({ name: providerNameSchema }).strict(),
} as const;

export const providerHandlerPermissions = {
  'providers.list': 'manage-providers',
  'providers.add': 'manage-providers',
  'providers.remove': 'manage-providers',
  'providers.test': 'manage-providers',
} as const satisfies PermissionsFor<typeof providerHandlerArgs>;

export interface ProviderHandlerResults {
  'providers.list': { providers: ProviderSummary[] };
  'providers.add': { provider: ProviderSummary };
  'providers.remove': { removed: string };
  'providers.test': ProviderTestResult;
}
