import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../simulator';
import { osKeychain } from '../../../electron/core/secrets/keychain';
import { deskDatabaseText } from '../../helpers/desk-database';
import { freePort, runCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

const folder = makeTempDir();
const dataDir = folder.path;
const cli = (args: string[], input?: string) => runCli(['--data-dir', dataDir, ...args], { input });
let simulator: RunningSimulator;

/** Every byte the app wrote to its data folder (the database, its WAL and the logs), and the database decrypted. */
async function everythingWritten(dir: string): Promise<string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'));
  return [...files, await deskDatabaseText(dir)].join('\n');
}

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, deliverAfterMs: 200, quiet: true });
});
afterAll(async () => {
  await simulator.close();
  folder.remove();
});

describe('notify-desk on the command line', () => {
  it('lists its commands, and refuses an unknown one with a one-line reason', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['simulator', 'web', 'service', 'template', 'send', 'sync', 'outbox', 'import']) {
      expect(help.stdout).toContain(`  ${command}`);
    }
    const unknown = await cli(['launch']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('notify-desk: Unknown command "launch". Run notify-desk --help for the list.\n');
  });

  it('stops quietly, with no stack trace, when the program reading its output goes away (a closed pipe)', async () => {
    const closed = await runCli(['--data-dir', dataDir, '--help'], { closeStdout: true });
    expect(closed.stderr).toBe('');
    expect(closed.code).toBe(0);
  });

  it('adds a text message template and lists it as JSON', async () => {
    const added = await cli([
      'template',
      'add',
      '--type',
      'sms',
      '--name',
      'Parcel ready',
      '--body',
      'Hello ((name)), your parcel is ready.',
    ]);
    expect(added.code).toBe(0);
    const listed = await cli(['--json', 'template', 'list']);
    const templates = JSON.parse(listed.stdout) as { name: string; type: string; source: string }[];
    expect(templates).toContainEqual(expect.objectContaining({ name: 'Parcel ready', type: 'sms', source: 'local' }));
  });

  it("refuses a bad recipient or missing values with Notify's text, a non-zero exit and no stack trace", async () => {
    const tooShort = await cli(['send', '--template', 'Parcel ready', '--to', '0712345', '--set', 'name=Ann']);
    expect(tooShort.code).toBe(1);
    expect(tooShort.stderr).toBe('notify-desk: Mobile number is too short\n');
    const letters = await cli(['send', '--template', 'Parcel ready', '--to', '07700 9OO123', '--set', 'name=Ann']);
    expect(letters.stderr).toBe('notify-desk: Mobile numbers can only include: 0 1 2 3 4 5 6 7 8 9 ( ) + -\n');
    const missing = await cli(['send', '--template', 'Parcel ready', '--to', '07700900123']);
    expect(missing.stderr).toBe('notify-desk: Missing personalisation: name\n');
    const badFlag = await cli(['send', '--template', 'Parcel ready', '--too', 'x']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr.split('\n')).toHaveLength(2);
  });

  it('queues a text with no service and no network, and prints its id', async () => {
    const sent = await cli(['send', '--template', 'Parcel ready', '--to', '07700 900123', '--set', 'name=Ann']);
    expect(sent.stderr).toBe('');
    expect(sent.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    const outbox = JSON.parse((await cli(['--json', 'outbox'])).stdout) as {
      messages: { id: string; state: string; body: string }[];
    };
    expect(outbox.messages).toContainEqual(
      expect.objectContaining({ id: sent.stdout.trim(), state: 'queued', body: 'Hello Ann, your parcel is ready.' }),
    );
  });

  it('refuses an API key Notify does not know, with its message, and saves nothing', async () => {
    const wrongSecret = simulator.apiKeys.live.slice(0, -36) + '00000000-0000-4000-8000-000000000000';
    const refused = await cli(['service', 'add', '--url', simulator.url, '--api-key-stdin'], `${wrongSecret}\n`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('notify-desk: Notify refused the API key: Invalid token: API key not found\n');
    expect((await cli(['service', 'show'])).stdout).toBe(
      'No service configured: practice mode. Messages go to a practice service with a test key, so nothing is delivered.\n',
    );
  });

  it('saves a service that cannot be reached with a warning, to be checked as soon as Notify answers', async () => {
    const otherFolder = makeTempDir();
    const closedPort = await freePort();
    const saved = await runCli(
      ['--data-dir', otherFolder.path, 'service', 'add', '--url', `http://127.0.0.1:${closedPort}`, '--api-key-stdin'],
      { input: `${simulator.apiKeys.live}\n` },
    );
    otherFolder.remove();
    expect(saved.code).toBe(0);
    expect(saved.stderr).toMatch(
      /^Warning: notify-desk could not connect to 127\.0\.0\.1:\d+ \(nothing is listening there\)\. The settings are saved: the key will be checked and the service’s templates looked up as soon as Notify answers; until then messages wait in the queue, and nothing needs doing\.\n$/,
    );
  });

  it('keeps the API key only in the keychain, then sends and follows the text to delivered', async () => {
    const key = simulator.apiKeys.live;
    const added = await cli(['service', 'add', '--url', simulator.url, '--api-key-stdin'], `${key}\n`);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);

    const keychain = osKeychain();
    expect(await keychain.get(`api-key:${simulator.serviceId}`)).toBe(key);
    const secret = key.slice(-36);

    const first = await cli(['--json', 'sync', '--once']);
    expect(first.code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const second = await cli(['--json', 'sync', '--once']);
    expect(second.code).toBe(0);

    const outbox = JSON.parse((await cli(['--json', 'outbox'])).stdout) as {
      messages: { state: string; notifyId: string | null }[];
    };
    expect(outbox.messages).toHaveLength(1);
    expect(outbox.messages[0]).toMatchObject({
      state: 'delivered',
      notifyId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(simulator.notifications()).toHaveLength(1);

    const written = await everythingWritten(dataDir);
    expect(written).toContain('Hello Ann, your parcel is ready.');
    expect(written).not.toContain(secret);
    expect(written).not.toContain(key);
    await keychain.delete(`api-key:${simulator.serviceId}`);
  }, 60_000);
});
