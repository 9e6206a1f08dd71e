import * as z from 'zod';
import { emptyArgs } from './common';
import { serviceUrlProblem } from '../service-url';
import type { PermissionsFor } from './permissions';
import type { PersonAccess, PolicySummary } from './access';

/** A Notify template ID, as copied from Notify (8-4-4-4-12 letters and numbers). */
const notifyTemplateId = (kind: string) =>
  z
    .string()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      `Enter the ${kind} template ID as Notify shows it: 5 groups of letters and numbers joined by dashes`,
    );

/** Notify's three kinds of API key: live sends to anyone; team and guest list only to them; test sends nothing for real. */
export const apiKeyTypes = ['live', 'team', 'test'] as const;
export type ApiKeyType = (typeof apiKeyTypes)[number];

export interface ServiceSummary {
  id: string;
  name: string;
  kind: 'notify' | 'practice';
  baseUrl: string;
  /** `ok`: the key was accepted; `unchecked`: saved while the service could not be reached; `rejected`: Notify refused the key. */
  keyStatus: 'ok' | 'unchecked' | 'rejected';
  keyStatusMessage: string | null;
  /** What kind of key it is, as the person who connected the service said (a Notify key does not say). */
  keyType: ApiKeyType;
  /** Where the key lives: this computer's keychain, or a place IT provides it for as long as the desk runs. */
  keyLocation: 'keychain' | 'environment' | 'policy';
  passThroughTemplates: { sms: string | null; email: string | null; letter: string | null };
  /** When the service's templates were last looked up; null while that waits for Notify to answer. */
  templatesCheckedAt: string | null;
  rateLimitPerMinute: number;
}

export interface AppStatus {
  version: string;
  dataDir: string;
  practiceMode: boolean;
  service: ServiceSummary | null;
  user: string;
  /**
   * A key IT provides outside the keychain (never the key itself): which Notify service it is for and where it is,
   * in words for a person ("the NOTIFY_DESK_API_KEY environment variable").
   */
  providedKey: { notifyServiceId: string; describedAs: string } | null;
  /** The person at the desk: their role and what they may do. */
  access: PersonAccess;
  /** Null: there is no policy file, and the desk is single-user. */
  policy: PolicySummary | null;
}

export const serviceHandlerArgs = {
  'app.status': emptyArgs,
  'services.configure': z
    .object({
      name: z
        .string()
        .trim()
        .min(1, 'Enter the service name')
        .max(255, 'A service name can be at most 255 characters')
        .default('GOV.UK Notify'),
      baseUrl: z
        .string()
        .trim()
        .max(2000, 'A service URL can be at most 2,000 characters')
        .superRefine((url, context) => {
          const problem = serviceUrlProblem(url);
          if (problem) context.addIssue({ code: 'custom', message: problem });
        }),
      /** Write-only: stored in the OS keychain and never returned. Left out to use the key IT provides (see AppStatus.providedKey). */
      apiKey: z
        .string()
        .trim()
        .min(74, 'Enter the whole API key: it is the key name, the service id and the secret joined by dashes')
        .optional(),
      keyType: z
        .enum(apiKeyTypes, { error: 'Choose the type of API key: live, team and guest list, or test' })
        .default('live'),
      smsTemplateId: notifyTemplateId('text message').optional(),
      emailTemplateId: notifyTemplateId('email').optional(),
      letterTemplateId: notifyTemplateId('letter').optional(),
      rateLimitPerMinute: z.number().int().min(1).max(100_000).optional(),
    })
    .strict(),
  'services.remove': emptyArgs,
} as const;

export const serviceHandlerPermissions = {
  'app.status': 'use-desk',
  'services.configure': 'manage-service',
  'services.remove': 'manage-service',
} as const satisfies PermissionsFor<typeof serviceHandlerArgs>;

export interface ServiceHandlerResults {
  'app.status': AppStatus;
  'services.configure': { service: ServiceSummary; warning: string | null };
  'services.remove': AppStatus;
}
