import { describe, expect, it } from 'vitest';
import { handlerPermissions, permissionRefusal, permissions, rolePermissions, roles } from '../../../shared/contract';
import {
  pairIdGroups,
  parseDscacheutilGroup,
  parseGetentGroup,
  parseWhoamiGroups,
  parseWhoamiUser,
} from '../../../electron/core/identity/account-output';
import { currentOsAccount } from '../../../electron/core/identity/os-account';
import { deskPerson, roleUnderPolicy } from '../../../electron/core/policy/desk-person';

describe('an account and its groups, as each operating system tells them', () => {
  it('pairs id -Gn with id -G, and gives up where a name holds a space', () => {
    expect(pairIdGroups('jsmith sudo notify-desk-post-room\n', '1000 27 1001\n')).toEqual([
      'jsmith',
      'sudo',
      'notify-desk-post-room',
    ]);
    expect(pairIdGroups('staff domain users admin\n', '20 701 80\n')).toBeNull();
  });

  it('reads a group name from getent and dscacheutil', () => {
    expect(parseGetentGroup('domain users:*:701:jsmith,akhan\n')).toBe('domain users');
    expect(parseDscacheutilGroup('name: CONTOSO\\domain users\npassword: *\ngid: 701\n\n')).toBe(
      'CONTOSO\\domain users',
    );
  });

  it('reads whoami /user and /groups, keeping enabled groups and leaving out deny-only groups and labels', () => {
    expect(parseWhoamiUser('"contoso\\mbrown","S-1-5-21-1-2-3-1104"\r\n')).toBe('contoso\\mbrown');
    const groups = parseWhoamiGroups(
      [
        '"Everyone","Well-known group","S-1-1-0","Mandatory group, Enabled by default, Enabled group"',
        '"BUILTIN\\Administrators","Alias","S-1-5-32-544","Group used for deny only"',
        '"CONTOSO\\notify-desk-supervisors","Group","S-1-5-21-1-2-3-5001","Mandatory group, Enabled by default, Enabled group"',
        '"Mandatory Label\\Medium Mandatory Level","Label","S-1-16-8192",""',
      ].join('\r\n'),
    );
    expect(groups).toEqual(['Everyone', 'CONTOSO\\notify-desk-supervisors']);
  });

  it('finds this account and its groups on this computer', () => {
    const account = currentOsAccount({ groups: true });
    expect(account.login.length).toBeGreaterThan(0);
    expect(account.groups.length).toBeGreaterThan(0);
  });
});

describe('roles', () => {
  const policy = {
    users: { jsmith: 'post-room', 'CONTOSO\\mbrown': 'caseworker' } as const,
    groups: { 'notify-desk-supervisors': 'supervisor', 'CONTOSO\\notify-desk-caseworkers': 'caseworker' } as const,
  };

  it('come from the account named first, then from the group that allows most', () => {
    expect(roleUnderPolicy(policy, { login: 'jsmith', groups: ['notify-desk-supervisors'] }, 'linux')).toEqual({
      role: 'post-room',
      roleFrom: { kind: 'user' },
    });
    expect(roleUnderPolicy(policy, { login: 'akhan', groups: ['notify-desk-supervisors'] }, 'linux').role).toBe(
      'supervisor',
    );
    expect(roleUnderPolicy(policy, { login: 'nobody', groups: ['staff'] }, 'linux')).toEqual({
      role: null,
      roleFrom: null,
    });
  });

  it('match Windows names without regard to case, a name without a domain in any domain', () => {
    expect(roleUnderPolicy(policy, { login: 'contoso\\MBROWN', groups: [] }, 'win32').role).toBe('caseworker');
    expect(
      roleUnderPolicy(policy, { login: 'PC1\\akhan', groups: ['CONTOSO\\Notify-Desk-Supervisors'] }, 'win32').role,
    ).toBe('supervisor');
    expect(roleUnderPolicy(policy, { login: 'contoso\\mbrown', groups: [] }, 'linux').role).toBeNull();
  });

  it('each allow all that the role before allows, and an administrator everything', () => {
    for (const [index, role] of roles.entries()) {
      const earlier = roles[index - 1];
      if (earlier)
        for (const permission of rolePermissions[earlier]) expect(rolePermissions[role]).toContain(permission);
    }
    expect([...rolePermissions.administrator].sort()).toEqual([...permissions].sort());
    expect(rolePermissions.caseworker).toEqual(['use-desk', 'send-messages', 'view-own-messages']);
  });

  it('a person with no policy may do everything; with one and no role, nothing', () => {
    expect(deskPerson({ login: 'me', groups: [] }, null).access.permissions).toEqual([...permissions]);
    const nobody = deskPerson({ login: 'me', groups: [] }, { users: {}, groups: {} });
    expect(nobody.access.permissions).toEqual([]);
    expect(() => nobody.require('use-desk')).toThrow(/no role at this desk.*Ask IT/);
  });

  it('refuse in a sentence naming who may', () => {
    expect(permissionRefusal('export-record', 'caseworker')).toBe(
      'Your role at this desk is caseworker. Only supervisors and administrators can export the record of sent messages and replies. Ask IT if you need to.',
    );
    for (const permission of new Set(Object.values(handlerPermissions)))
      expect(permissionRefusal(permission, 'caseworker')).not.toMatch(/undefined|view-|manage-/);
  });
});
