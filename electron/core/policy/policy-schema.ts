import * as z from 'zod';
import { roles } from '../../../shared/contract/roles';
import { serviceUrlProblem } from '../../../shared/service-url';

// The roles and what each may do are the contract's (shared/contract/roles.ts): the UI explains them too.
export { roles, type Role } from '../../../shared/contract/roles';

const role = z.enum(roles, { error: `Use one of the roles ${roles.join(', ')}` });

/**
 * The policy file IT deploys machine-wide (docs/policy.md): who has which role, and what the organisation fixes.
 * Every field but `version` and `users` may be left out; a field left out keeps the desk's own default.
 */
export const policyFileSchema = z
  .object({
    version: z.literal(1, { error: 'The policy file must say "version": 1' }),
    /** Login name (Windows `DOMAIN\name`) → role. A person named here gets this role whatever their groups. */
    users: z.record(z.string().min(1).max(256), role),
    /** Operating-system or directory group → role; a person in several gets the one that allows most. */
    groups: z.record(z.string().min(1).max(256), role).default({}),
    /** The one Notify service URL the desk may use (https). */
    serviceUrl: z
      .string()
      .superRefine((url, context) => {
        const problem = serviceUrlProblem(url);
        if (problem) context.addIssue({ code: 'custom', message: `serviceUrl: ${problem}` });
      })
      .optional(),
    /** A Notify API key IT manages in the policy instead of the keychain (the file must then be readable by the desk's users only). */
    serviceApiKey: z.string().min(74).max(200).optional(),
    /** false: practice mode is off; nothing is sent until a real service is set up. */
    practiceMode: z.boolean().default(true),
    /** The kinds of message that may be sent. */
    channels: z
      .array(z.enum(['sms', 'email', 'letter']))
      .min(1)
      .default(['sms', 'email', 'letter']),
    /** Left out: an administrator sets retention in the desk's settings. */
    retention: z
      .object({
        /** Recipient, personalisation and content are erased from messages in a final state after this many days. */
        personalDataDays: z.number().int().min(1).max(36_500).default(365),
        /** Whole records are deleted after this many days. */
        recordDays: z.number().int().min(1).max(36_500).default(2_557),
      })
      .strict()
      .optional(),
    /** 'required' (the default): the database is encrypted, and the desk refuses to open without its key. */
    encryption: z.enum(['required', 'optional']).default('required'),
    /** A certificate authority file to trust for connections (organisations that inspect TLS). */
    caFile: z.string().min(1).max(4096).optional(),
  })
  .strict();

export type PolicyFile = z.output<typeof policyFileSchema>;
