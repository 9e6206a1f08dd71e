import { randomUUID } from 'node:crypto';
import { createCore, type Core } from '../../electron/core/create-core';
import { osKeychain } from '../../electron/core/secrets/keychain';
import { makeTempDir } from './temp-dir';
import type { CoreContext } from '../../electron/core/core-context';
import type { Db } from '../../electron/core/database/open-database';
import { auditRecorder } from '../../electron/core/audit/audit-trail';
import { deskPerson } from '../../electron/core/policy/desk-person';
import { deskPolicy } from '../../electron/core/policy/desk-policy';

/** A core on a fresh data folder, with its own keychain service in the test session's real Secret Service. */
export async function startTestCore(
  options: { sync?: boolean } = {},
): Promise<{ core: Core; dataDir: string; stop: () => Promise<void> }> {
  const folder = makeTempDir();
  const core = await createCore({
    dataDir: folder.path,
    sync: options.sync ?? false,
    secrets: osKeychain(`notify-desk-test-${randomUUID()}`),
  });
  return {
    core,
    dataDir: folder.path,
    stop: async () => {
      await core.close();
      folder.remove();
    },
  };
}

/** The person, policy and audit trail of a context built by hand: one person who may do everything, no policy file. */
export function singleUserParts(db: Db, user: string): Pick<CoreContext, 'person' | 'policy' | 'audit'> {
  return {
    person: deskPerson({ login: user, groups: [] }, null),
    policy: deskPolicy(null),
    audit: auditRecorder(db, user),
  };
}
