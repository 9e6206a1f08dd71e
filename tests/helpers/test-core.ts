import { randomUUID } from 'node:crypto';
import { createCore, type Core } from '../../electron/core/create-core';
import { osKeychain } from '../../electron/core/secrets/keychain';
import { makeTempDir } from './temp-dir';

/** A core on a fresh data folder, with its own keychain service in the test session's real Secret Service. */
export async function startTestCore(options: { sync?: boolean } = {}): Promise<{ core: Core; dataDir: string; stop: () => Promise<void> }> {
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
