import { afterAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../../shared/contract';
import { openDeskDatabaseFile } from '../../helpers/desk-database';
import { finalMessageStates } from '../../../shared/contract';
import { PRACTICE_STATUS_LOST } from '../../../electron/core/sync/status-refresh';
import { SMOKE_TEST_STATUS_NEVER_KNOWN } from '../../../electron/core/sync/send-attempt';
import { startTestCore } from '../../helpers/test-core';
import { runCli, startCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

// Practice mode must bring every message to a final status in every host, and say so when it never can.

const isFinal = (message: OutboxMessage) => finalMessageStates.includes(message.state);

describe('practice mode in the app (the core with its sync running)', () => {
  it('takes every one of a batch of 45 texts to a final status, one to a Notify test number included', async () => {
    const { core, stop } = await startTestCore({ sync: true });
    try {
      const template = await core.handlers['templates.create']({
        type: 'sms',
        name: 'Reminder',
        body: 'Hello ((name))',
      });
      const recipients = Array.from({ length: 44 }, (_, index) => `07700 9${String(10_000 + index).slice(1)}`);
      recipients.splice(20, 0, '07700 900000');
      for (const [index, to] of recipients.entries()) {
        await core.handlers['messages.send']({ templateId: template.id, to, values: { name: `Person ${index}` } });
      }
      let messages: OutboxMessage[] = [];
      await expect
        .poll(
          async () => {
            messages = (await core.handlers['outbox.list']({ limit: 100, offset: 0 })).messages;
            return messages.filter((message) => !isFinal(message)).length;
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(0);
      expect(messages).toHaveLength(45);
      const testNumber = messages.find((message) => message.recipient === '447700900000');
      expect(testNumber).toMatchObject({ state: 'status-unknown', lastError: SMOKE_TEST_STATUS_NEVER_KNOWN });
      expect(messages.filter((message) => message.state === 'delivered')).toHaveLength(44);
    } finally {
      await stop();
    }
  }, 60_000);
});

describe('practice mode on the command line', () => {
  const data = makeTempDir();
  const env = { ...process.env, NOTIFY_DESK_DATA_DIR: data.path };
  afterAll(() => data.remove());

  const states = async (): Promise<{ id: string; state: string; last_error: string | null }[]> => {
    const db = await openDeskDatabaseFile(data.path, { readonly: true });
    try {
      return db.prepare('SELECT id, state, last_error FROM outbox_messages ORDER BY created_at').all() as {
        id: string;
        state: string;
        last_error: string | null;
      }[];
    } finally {
      db.close();
    }
  };

  it('sync --once waits for the practice statuses it can still fetch, and says which it never can', async () => {
    expect(
      (await runCli(['template', 'add', '--type', 'sms', '--name', 'hello', '--body', 'Hello ((name))'], { env })).code,
    ).toBe(0);
    const first = await runCli(['send', '--template', 'hello', '--to', '07700 900123', '--set', 'name=Ann'], { env });
    expect(first.code).toBe(0);

    // The app sends it, then stops before the practice service has reported its final status.
    const app = await startCli(['sync'], env);
    await expect.poll(async () => (await states())[0]?.state, { timeout: 20_000, interval: 50 }).toBe('accepted');
    await app.stop('SIGKILL');

    const second = await runCli(['send', '--template', 'hello', '--to', '07700 900456', '--set', 'name=Bob'], { env });
    expect(second.code).toBe(0);
    const once = await runCli(['--json', 'sync', '--once'], { env });
    expect(once.stderr).toBe('');
    expect(JSON.parse(once.stdout)).toMatchObject({ sent: 1, waiting: 0 });
    expect((await states()).map(({ state, last_error }) => [state, last_error])).toEqual([
      ['status-unknown', PRACTICE_STATUS_LOST],
      ['delivered', null],
    ]);
  }, 90_000);
});
