import {
  permissions,
  permissionRefusal,
  rolePermissions,
  roles,
  type Permission,
  type PersonAccess,
  type Role,
} from '../../../shared/contract';
import { recordedName, type OsAccount } from '../identity/os-account';
import { UserError } from '../user-error';
import type { PolicyFile } from './policy-schema';

/** The person at the desk: their account, their role under the policy, and what they may do. */
export interface DeskPerson {
  /** The name the desk records on what they do (messages, batches, the audit trail): the login name. */
  readonly user: string;
  readonly access: PersonAccess;
  may(permission: Permission): boolean;
  /** Throws the sentence they read when they may not. */
  require(permission: Permission): void;
}

/** Windows compares account and group names without regard to case; a name without `DOMAIN\` matches in any domain. */
function sameName(policyName: string, osName: string, platform: NodeJS.Platform): boolean {
  if (platform !== 'win32') return policyName === osName;
  const a = policyName.toLowerCase();
  const b = osName.toLowerCase();
  return a === b || (!a.includes('\\') && b.slice(b.lastIndexOf('\\') + 1) === a);
}

/** The role the policy gives an account: by its name first, else the group role that allows most. */
export function roleUnderPolicy(
  policy: Pick<PolicyFile, 'users' | 'groups'>,
  account: OsAccount,
  platform: NodeJS.Platform = process.platform,
): Pick<PersonAccess, 'role' | 'roleFrom'> {
  const named = Object.entries(policy.users).find(([name]) => sameName(name, account.login, platform));
  if (named) return { role: named[1], roleFrom: { kind: 'user' } };
  let best: { role: Role; group: string } | null = null;
  for (const [group, role] of Object.entries(policy.groups)) {
    if (!account.groups.some((osGroup) => sameName(group, osGroup, platform))) continue;
    if (!best || roles.indexOf(role) > roles.indexOf(best.role)) best = { role, group };
  }
  return best ? { role: best.role, roleFrom: { kind: 'group', group: best.group } } : { role: null, roleFrom: null };
}

/**
 * The person for this run of the desk. With no policy file the desk is single-user, as it always was: the person may
 * do everything. With one, exactly what their role allows, and nothing when it gives them no role.
 */
export function deskPerson(
  account: OsAccount,
  policy: Pick<PolicyFile, 'users' | 'groups'> | null,
  platform: NodeJS.Platform = process.platform,
): DeskPerson {
  const { role, roleFrom } = policy ? roleUnderPolicy(policy, account, platform) : { role: null, roleFrom: null };
  const allowed: readonly Permission[] = policy === null ? permissions : role === null ? [] : rolePermissions[role];
  const granted = new Set(allowed);
  return {
    user: recordedName(account),
    access: { account: account.login, role, roleFrom, permissions: [...allowed] },
    may: (permission) => granted.has(permission),
    require(permission) {
      if (!granted.has(permission)) throw new UserError(permissionRefusal(permission, role), 'not-permitted');
    },
  };
}
