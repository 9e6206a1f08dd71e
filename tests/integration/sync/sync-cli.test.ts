import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDataDir } from './sync-fixtures';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../../bin/notify-desk.mjs', import.meta.url));

describe('notify-desk sync --once and outbox, in practice mode', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());
  const notifyDesk = async (...args: string[]) =>
    (
      await run(process.execPath, [cli, '--data-dir', data.dir, ...args], {
        env: { ...process.env, NOTIFY_DESK_KEYCHAIN_SERVICE: 'notify-desk-sync-cli-test' },
      })
    ).stdout.trim();

  it('queues offline, sends on sync --once, and lists the message in Notify’s words', async () => {
    await notifyDesk('template', 'add', '--type', 'sms', '--name', 'hello', '--body', 'Hello ((name))');
    const id = await notifyDesk('send', '--template', 'hello', '--to', '07700 900123', '--set', 'name=Ann');
    expect(await notifyDesk('outbox', 'list')).toContain('Waiting to send');
    const report = JSON.parse(await notifyDesk('--json', 'sync', '--once')) as { sent: number; waiting: number };
    expect(report).toMatchObject({ sent: 1, waiting: 0 });
    // The practice service lives only as long as this process: the run waits for the message's final status.
    const listed = await notifyDesk('outbox', 'list', '--state', 'delivered');
    expect(listed).toContain(id);
    expect(listed).toContain('Delivered');
    expect(await notifyDesk('outbox', 'cancel', id).catch((error: { stdout: string }) => error.stdout)).toContain(
      'cancelled: 0 of 1',
    );
  }, 60_000);
});
