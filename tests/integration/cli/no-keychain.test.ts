import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../simulator';
import { runCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

// A workstation whose keychain cannot be used (no Secret Service on its D-Bus) must still be able to leave practice
// mode: with the key IT puts in NOTIFY_DESK_API_KEY, used while the desk runs and never written anywhere.
const folder = makeTempDir();
const noKeychain = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/notify-desk-test-bus', NOTIFY_DESK_DATA_DIR: folder.path };
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
  it('says the key could not be kept, how to enable the keychain, and what IT can do instead', async () => {
    const refused = await runCli(['service', 'add', '--url', simulator.url, '--api-key-stdin'], { env: noKeychain, input: `${simulator.apiKeys.test}\n` });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('notify-desk: The key was not saved: this computer has no keychain the desk can use.');
    expect(refused.stderr).toContain('a Secret Service keychain such as GNOME Keyring must be installed and unlocked in your desktop session');
    expect(refused.stderr).toContain('NOTIFY_DESK_API_KEY environment variable: the desk then uses it for as long as it runs and never writes it anywhere.');
    expect((await runCli(['service', 'show'], { env: noKeychain })).stdout).toBe(
      'No service configured: practice mode. Messages go to a practice service with a test key, so nothing is delivered.\n',
    );
  });

  it('connects with the key IT provides in NOTIFY_DESK_API_KEY, says where it lives and that it is a test key, and sends with it', async () => {
    const withKey = { ...noKeychain, NOTIFY_DESK_API_KEY: simulator.apiKeys.test };
    const added = await runCli(['service', 'add', '--url', simulator.url, '--api-key-from-env', '--key-type', 'test'], { env: withKey });
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe(
      `Saved. GOV.UK Notify: ${simulator.url}, with a test key: Notify accepts the messages but never delivers them. ` +
        'The key is from the NOTIFY_DESK_API_KEY environment variable, never stored by the desk (key ok).\n',
    );
    expect((await runCli(['template', 'add', '--type', 'sms', '--name', 'hello', '--body', 'Hello ((name))'], { env: withKey })).code).toBe(0);
    expect((await runCli(['send', '--template', 'hello', '--to', '07700 900123', '--set', 'name=Ann'], { env: withKey })).code).toBe(0);
    const synced = await runCli(['--json', 'sync', '--once'], { env: withKey });
    expect(synced.stderr).toBe('');
    // `send` already hands the text to Notify when it can; the sync finds nothing left waiting.
    expect(JSON.parse(synced.stdout)).toMatchObject({ waiting: 0 });
    expect(simulator.notifications()).toHaveLength(1);

    const written = everythingWritten(folder.path);
    expect(written).not.toContain(simulator.apiKeys.test.slice(-36));

    // Without the variable the desk cannot send, and says where the key should be.
    expect((await runCli(['send', '--template', 'hello', '--to', '07700 900456', '--set', 'name=Bob'], { env: noKeychain })).code).toBe(0);
    const withoutKey = await runCli(['--json', 'sync', '--once'], { env: noKeychain });
    expect((JSON.parse(withoutKey.stdout) as { status: { lastError: string } }).status.lastError).toContain('The API key cannot be read: this computer has no keychain the desk can use.');
  }, 60_000);
});
