import { afterAll, describe, expect, it } from 'vitest';
import type { PurgeSummary } from '../../../shared/contract';
import { formatDeskDate } from '../../../shared/desk-time';
import { openDeskDatabaseFile } from '../../helpers/desk-database';
import { runCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

const DAY_MS = 86_400_000;
const folder = makeTempDir();
const cli = (args: string[]) => runCli(['--data-dir', folder.path, ...args]);
afterAll(() => folder.remove());

describe('notify-desk purge', () => {
  it('says what would go, per kind and with its dates, then takes it; the data folder is encrypted throughout', async () => {
    expect(
      (await cli(['template', 'add', '--type', 'sms', '--name', 'Reminder', '--body', 'Hello ((name))'])).code,
    ).toBe(0);
    for (const name of ['Ann', 'Bob'])
      expect(
        (await cli(['send', '--template', 'Reminder', '--to', '07700 900123', '--set', `name=${name}`])).code,
      ).toBe(0);

    const nothing = await cli(['purge', '--dry-run']);
    expect(nothing.stderr).toBe('');
    const today = Date.now();
    const lines = nothing.stdout.trim().split('\n');
    expect(lines[0]).toBe('A purge now: personal data is kept 365 days, records 2,557 days.');
    // The day the period starts from may be a day later if midnight passes while the command runs.
    expect([formatDeskDate(today - 365 * DAY_MS), formatDeskDate(Date.now() - 365 * DAY_MS)]).toContain(
      /created before (.+?):/.exec(lines[1]!)?.[1],
    );
    expect(lines[1]).toMatch(
      /: 0 messages would have the recipient, values and content erased; 0 received texts would go\.$/,
    );
    expect(lines[2]).toMatch(
      /^Records created before .+: 0 messages, 0 imports, 0 print runs and 0 notes of files taken from watch folders would go\.$/,
    );

    // One of the two finished long ago (as the desk's clock sees it), the other still waiting to be sent.
    const db = await openDeskDatabaseFile(folder.path);
    const longAgo = new Date(today - 400 * DAY_MS).toISOString();
    db.prepare(
      `UPDATE outbox_messages SET state = 'delivered', created_at = ?, completed_at = ? WHERE rendered_body = 'Hello Ann'`,
    ).run(longAgo, longAgo);
    db.close();

    const preview = JSON.parse((await cli(['--json', 'purge', '--dry-run'])).stdout) as PurgeSummary;
    expect(preview).toMatchObject({
      dryRun: true,
      personalData: { days: 365, messages: 1, oldest: longAgo },
      records: { messages: 0 },
      databaseBytes: null,
    });
    const purged = await cli(['purge']);
    expect(purged.stderr).toBe('');
    expect(purged.stdout).toContain(
      `: 1 message had the recipient, values and content erased (the oldest from ${formatDeskDate(longAgo)}); 0 received texts went.`,
    );
    expect(purged.stdout).toMatch(/The database file went from [\d.]+ MB to [\d.]+ MB\./);
    const after = JSON.parse((await cli(['--json', 'purge', '--dry-run'])).stdout) as PurgeSummary;
    expect(after.personalData.messages).toBe(0);

    const outbox = await cli(['--json', 'outbox']);
    const messages = (JSON.parse(outbox.stdout) as { messages: { recipient: string; body: string; state: string }[] })
      .messages;
    expect(messages.map(({ recipient, body, state }) => [state, recipient, body]).sort()).toEqual([
      ['delivered', '', ''],
      ['queued', '447700900123', 'Hello Bob'],
    ]);
  }, 60_000);

  it('is listed in --help, and refuses anything but --dry-run', async () => {
    expect((await cli(['--help'])).stdout).toContain('  purge [--dry-run]');
    const refused = await cli(['purge', 'everything']);
    expect([refused.code, refused.stderr]).toEqual([
      2,
      'notify-desk: purge takes no file or name: use notify-desk purge, or notify-desk purge --dry-run\n',
    ]);
  });
});
