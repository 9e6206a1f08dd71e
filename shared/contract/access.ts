import type { Channel } from './common';
import type { Permission } from './permissions';
import type { Role } from './roles';

/** Who is at the desk and what they may do, as `app.status` tells the UI. */
export interface PersonAccess {
  /** The operating-system account: `DOMAIN\name` on Windows, the login name elsewhere. */
  account: string;
  /** Null without a policy file (one person, who may do everything) or when the policy gives the account no role. */
  role: Role | null;
  /** How the role was found: the account is named in the policy, or it is in a group the policy names. */
  roleFrom: { kind: 'user' } | { kind: 'group'; group: string } | null;
  permissions: Permission[];
}

/** The policy file IT deployed, and what it fixes (never the key it may hold). */
export interface PolicySummary {
  path: string;
  /** SHA-256 of the file, as the audit trail records it. */
  sha256: string;
  serviceUrl: string | null;
  practiceMode: boolean;
  channels: Channel[];
  /** Null: the policy leaves retention to the desk's settings. */
  retention: { personalDataDays: number; recordDays: number } | null;
  encryption: 'required' | 'optional';
  caFile: string | null;
  providesApiKey: boolean;
}
