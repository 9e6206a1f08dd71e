import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import {
  pairIdGroups,
  parseDscacheutilGroup,
  parseGetentGroup,
  parseGroupIds,
  parseWhoamiGroups,
  parseWhoamiUser,
} from './account-output';

/** The person at the desk as the operating system knows them: no password of the desk's own on a shared workstation. */
export interface OsAccount {
  /** `DOMAIN\name` on Windows, the login name elsewhere. */
  login: string;
  /** The account's groups (on Windows `DOMAIN\group`, as `whoami /groups` names them). */
  groups: string[];
}

const run = (command: string, args: string[]): string =>
  execFileSync(command, args, {
    encoding: 'utf8',
    timeout: 10_000,
    windowsHide: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });

function loginName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Linux and macOS: `id`, with each name looked up by its id where a name holds a space. */
function posixGroups(platform: NodeJS.Platform): string[] {
  const ids = run('id', ['-G']);
  const paired = pairIdGroups(run('id', ['-Gn']), ids);
  if (paired) return paired;
  return parseGroupIds(ids).flatMap((gid) => {
    const name =
      platform === 'darwin'
        ? parseDscacheutilGroup(run('dscacheutil', ['-q', 'group', '-a', 'gid', gid]))
        : parseGetentGroup(run('getent', ['group', gid]));
    return name ? [name] : [];
  });
}

/**
 * The account running the desk and its groups, asked of the operating system each time the desk starts (groups only
 * when a policy needs them). A group that cannot be found is left out, so a person can only lose a role by it, never
 * gain one.
 */
export function currentOsAccount(
  options: { groups: boolean },
  platform: NodeJS.Platform = process.platform,
): OsAccount {
  if (!options.groups) {
    const domain = platform === 'win32' ? process.env.USERDOMAIN : undefined;
    return { login: domain ? `${domain}\${loginName()}` : loginName(), groups: [] };
  }
  if (platform === 'win32') {
    let login: string | null = null;
    let groups: string[] = [];
    try {
      login = parseWhoamiUser(run('whoami', ['/user', '/fo', 'csv', '/nh']));
      groups = parseWhoamiGroups(run('whoami', ['/groups', '/fo', 'csv', '/nh']));
    } catch {
      // Without whoami the account is matched by its name alone.
    }
    const domain = process.env.USERDOMAIN;
    return { login: login ?? (domain ? `${domain}\\${loginName()}` : loginName()), groups };
  }
  try {
    return { login: loginName(), groups: posixGroups(platform) };
  } catch {
    return { login: loginName(), groups: [] };
  }
}

/** The name the desk records on what a person does: the account's login name, without its Windows domain. */
export const recordedName = (account: OsAccount): string =>
  account.login.slice(account.login.lastIndexOf('\\') + 1) || 'unknown';
