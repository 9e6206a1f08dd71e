import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/create-core';
import { environmentApiKeySource } from '../../../electron/core/secrets/api-key-sources';
import { KeychainUnavailableError, type SecretStore } from '../../../electron/core/secrets/keychain';
import { startSimulator, type RunningSimulator } from '../../../simulator';
import { runCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

// A workstation whose keychain cannot be used (no Secret Service on its D-Bus).
const folder = makeTempDir();
const noKeychain = {
  ...process.env,
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/notify-desk-test-bus',
  NOTIFY_DESK_DATA_DIR: folder.path,
};
let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, deliverAfterMs: 200, quiet: true });
});
afterAll(async () => {
  await simulator.close();
  folder.remove();
});

const everythingWritten = (dir: string): string =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');

describe('where there is no keychain', () => {
  it('does not open the desk at all, since its data is encrypted with a key kept there, and says what IT can do', async () => {
    for (const args of [
      ['service', 'show'],
      ['service', 'add', '--url', simulator.url, '--api-key-stdin'],
    ]) {
      const refused = await runCli(args, { env: noKeychain, input: `${simulator.apiKeys.test}\n` });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        'notify-desk: The desk’s data is encrypted with a key in this computer’s keychain, which could not be used, so the desk has not opened. ' +
          'A Secret Service keychain such as GNOME Keyring must be installed and unlocked in your desktop session: ask IT to enable it, or to allow unencrypted data in the policy file.\n',
      );
    }
    expect(readdirSync(folder.path).filter((name) => name.startsWith('notify-desk.sqlite3'))).toEqual([]);
  });
});

// Where the policy file allows the desk's data unencrypted ("encryption": "optional"), a computer without a keychain
// can still leave practice mode, with the key IT puts in NOTIFY_DESK_API_KEY, used while the desk runs and never
// written anywhere. (The policy reaches the core as createCore's `encryption`; the command line gets it from the
// policy file's loader.)
describe('where there is no keychain and the policy allows unencrypted data', () => {
  const plainFolder = makeTempDir();
  const unavailable = () =>
    Promise.reject(new KeychainUnavailableError(new Error('no Secret Service on this session bus')));
  const noSecrets: SecretStore = { get: unavailable, set: unavailable, delete: unavailable };
  const openDesk = (environment: NodeJS.ProcessEnv) =>
    createCore({
      dataDir: plainFolder.path,
      secrets: noSecrets,
      encryption: 'optional',
      apiKeySources: [environmentApiKeySource(environment)],
    });
  afterAll(() => plainFolder.remove());

  it('says the key could not be kept, then connects with the key IT provides in NOTIFY_DESK_API_KEY and sends with it', async () => {
    const withoutKey = await openDesk({});
    try {
      const refused = withoutKey.handlers['services.configure']({
        name: 'GOV.UK Notify',
        baseUrl: simulator.url,
        apiKey: simulator.apiKeys.test,
        keyType: 'test',
      });
      await expect(refused).rejects.toThrow(/^The key was not saved: this computer has no keychain the desk can use\./);
      await expect(refused).rejects.toThrow(
        /NOTIFY_DESK_API_KEY environment variable: the desk then uses it for as long as it runs and never writes it anywhere\.$/,
      );
    } finally {
      await withoutKey.close();
    }

    const withKey = await openDesk({ NOTIFY_DESK_API_KEY: simulator.apiKeys.test });
    try {
      const added = await withKey.call('services.configure', { baseUrl: simulator.url, keyType: 'test' });
      expect(added).toMatchObject({ ok: true, value: { service: { keyLocation: 'environment' } } });
      const template = await withKey.handlers['templates.create']({
        type: 'sms',
        name: 'hello',
        body: 'Hello ((name))',
      });
      await withKey.handlers['messages.send']({ templateId: template.id, to: '07700 900123', values: { name: 'Ann' } });
      expect((await withKey.sync.runOnce()).sent).toBe(1);
      expect(simulator.notifications()).toHaveLength(1);
    } finally {
      await withKey.close();
    }
    expect(everythingWritten(plainFolder.path)).not.toContain(simulator.apiKeys.test.slice(-36));

    // Without the variable the desk cannot send, and says where the key should be.
    const again = await openDesk({});
    try {
      const template = (await again.handlers['templates.list']({})).find((candidate) => candidate.name === 'hello')!;
      await again.handlers['messages.send']({ templateId: template.id, to: '07700 900456', values: { name: 'Bob' } });
      await again.sync.runOnce();
      expect((await again.handlers['sync.status']({})).lastError).toContain(
        'The API key cannot be read: this computer has no keychain the desk can use.',
      );
    } finally {
      await again.close();
    }
  }, 60_000);
});
