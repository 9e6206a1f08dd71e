import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { CoreSupervisor, type CrashNotice } from '../../../electron/core-host/core-supervisor';
import { POLICY_ENVIRONMENT_VARIABLE } from '../../../electron/core/policy/load-policy';
import { startNodeCoreHost } from '../../helpers/core-host-process';
import { makeTempDir } from '../../helpers/temp-dir';

const folder = makeTempDir();
afterEach(() => {
  delete process.env[POLICY_ENVIRONMENT_VARIABLE];
  folder.remove();
});

it('the desktop app does not start, nor restart, under a bad policy file, and gives its line and reason', async () => {
  const policy = join(folder.path, 'policy.json');
  writeFileSync(policy, '{\n  "version": 1,\n  "users": { "jsmith": "caseworker" },\n  "practiceMode": "no"\n}\n');
  // The core host inherits the environment, as the desktop app's utility process does.
  process.env[POLICY_ENVIRONMENT_VARIABLE] = policy;
  const crashes: CrashNotice[] = [];
  const hostPids: { pid: number }[] = [];
  const core = new CoreSupervisor({
    startHost: () => startNodeCoreHost(join(folder.path, 'data'), hostPids),
    onEvent: () => undefined,
    onShowItemInFolder: () => undefined,
    onCrash: (notice) => crashes.push(notice),
    onDesktopRequest: () => Promise.resolve('DIRECT'),
  });
  try {
    await expect(core.start()).rejects.toThrow(
      `The policy file ${policy} is not valid, line 4: practiceMode: use true or false (no quotes)`,
    );
    const status = await core.call('app.status', {});
    expect(status).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('notify-desk does not start until IT corrects it.') },
    });
    expect(hostPids).toHaveLength(1);
    expect(crashes).toEqual([]);
  } finally {
    await core.close();
  }
});
