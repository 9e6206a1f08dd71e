import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDeskDateTime, parseDeskDateTime } from '../../../shared/desk-time';
import { runCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

// The command line as a new user meets it: what it says, in words for them, and what it takes.
const folder = makeTempDir();
const env = { ...process.env, NOTIFY_DESK_DATA_DIR: folder.path };
const cli = (...args: string[]) => runCli(args, { env });
afterAll(() => folder.remove());

const tomorrowAtNine = (): string => {
  const read = parseDeskDateTime('tomorrow 9am');
  if (!read.ok) throw new Error(read.message);
  return formatDeskDateTime(read.iso);
};

describe('the command line in the first hour', () => {
  it('says its version, gives an example for every command, and says when there are no templates', async () => {
    expect(await cli('--version')).toEqual({ code: 0, stdout: 'notify-desk 0.1.0\n', stderr: '' });
    const help = await cli('--help');
    for (const command of ['simulator', 'web', 'service', 'template', 'send', 'import', 'sync', 'outbox']) {
      expect(help.stdout).toMatch(new RegExp(`For example: notify-desk ${command}\\b`));
    }
    const sendHelp = await cli('send', '--help');
    expect(sendHelp.code).toBe(0);
    expect(sendHelp.stdout).toContain(
      '  notify-desk send --template "Rent review" --address "Mr J Jones, 1 High Street, Leeds, LS1 1AA"',
    );
    const none = await cli('template', 'list');
    expect(none.stdout).toBe(
      'There are no templates yet. Add one with, for example:\n  notify-desk template add --type sms --name "Clinic reminder" --body "Hello ((name))"\n',
    );
    const noSubject = await cli('template', 'add', '--type', 'email', '--name', 'Receipt', '--body', 'Thanks');
    expect(noSubject).toMatchObject({
      code: 2,
      stderr: 'notify-desk: An email template needs a subject: add --subject "…"\n',
    });
    const badOption = await cli('send', '--tempalte', 'x');
    expect(badOption.stderr).toBe(
      'notify-desk: --tempalte is not an option of this command. Add --help after the command to see the options it takes.\n',
    );
  }, 90_000);

  it('lists templates under a header, takes a letter address in one option or a line at a time, and refuses names that do not exist', async () => {
    expect(
      (
        await cli(
          'template',
          'add',
          '--type',
          'letter',
          '--name',
          'Rent review',
          '--subject',
          'Your rent',
          '--body',
          'Dear ((name))',
        )
      ).code,
    ).toBe(0);
    const listed = (await cli('template', 'list')).stdout.split('\n');
    expect(listed[0]).toMatch(/^ID\s+Type\s+Lives on\s+Version\s+Name$/);
    expect(listed[1]).toMatch(/^[0-9a-f-]{36}\s+letter\s+this desk\s+v1\s+Rent review$/);

    const inOne = await runCli(
      [
        '--json',
        'send',
        '--template',
        'Rent review',
        '--address',
        'Mr J Jones, 1 High Street, Leeds, LS1 1AA',
        '--set',
        'name=Mr Jones',
      ],
      { env },
    );
    expect(inOne.stderr).toBe('');
    expect(JSON.parse(inOne.stdout)).toMatchObject({ recipient: 'Mr J Jones, 1 High Street, Leeds, LS1 1AA' });
    const lineByLine = await runCli(
      [
        '--json',
        'send',
        '--template',
        'Rent review',
        '--set',
        'address_line_1=Ms A Smith',
        '--set',
        'address_line_2=2 Low Road',
        '--set',
        'postcode=ls11aa',
        '--set',
        'name=Ms Smith',
      ],
      { env },
    );
    expect(lineByLine.stderr).toBe('');
    expect(JSON.parse(lineByLine.stdout)).toMatchObject({ recipient: 'Ms A Smith, 2 Low Road, LS1 1AA' });

    const misspelt = await cli(
      'send',
      '--template',
      'Rent review',
      '--address',
      'Mr J Jones, 1 High Street, LS1 1AA',
      '--set',
      'nmae=Mr Jones',
    );
    expect(misspelt).toMatchObject({
      code: 2,
      stderr:
        'notify-desk: The template “Rent review” has no placeholder called “nmae”. Its placeholders are: “name”.\n',
    });
  }, 90_000);

  it('takes a local time to send at and says the time zone it used', async () => {
    const scheduled = await cli(
      'send',
      '--template',
      'Rent review',
      '--address',
      'Mr J Jones, 1 High Street, LS1 1AA',
      '--set',
      'name=Mr Jones',
      '--send-at',
      'tomorrow 9am',
    );
    expect(scheduled.code).toBe(0);
    expect(scheduled.stderr).toBe(`Scheduled: to be sent on ${tomorrowAtNine()}, UK time (Europe/London).\n`);
    const unreadable = await cli(
      'send',
      '--template',
      'Rent review',
      '--address',
      'Mr J Jones, 1 High Street, LS1 1AA',
      '--set',
      'name=Mr Jones',
      '--send-at',
      'soon',
    );
    expect(unreadable.stderr).toBe(
      'notify-desk: --send-at: “soon” is not a date and time the desk can read. Enter one like 5 December 2026 at 9:00am, 2026-12-05 09:00 or tomorrow 9am (UK time).\n',
    );
  }, 60_000);

  it('import: points to --map for a missing column, refuses names that do not exist, and a dry run reports and exits 0', async () => {
    expect(
      (
        await cli(
          'template',
          'add',
          '--type',
          'sms',
          '--name',
          'Reminder',
          '--body',
          'Hello ((name)), see you on ((day)).',
        )
      ).code,
    ).toBe(0);
    const file = join(folder.path, 'people.csv');
    writeFileSync(file, 'Mobile number,name,Visit day\n07700900001,Ann,Monday\n0770090,Bob,Tuesday\n');

    const unmapped = await cli('import', file, '--template', 'Reminder');
    expect(unmapped.code).toBe(1);
    expect(unmapped.stderr).toBe(
      'people.csv: 2 rows\nNothing was queued. No column of the file is matched to “day”. Its columns are: “Mobile number”, “name”, “Visit day”. ' +
        'Name the column for each with --map, for example --map "Visit day=day".\n',
    );
    const noSuchColumn = await cli('import', file, '--template', 'Reminder', '--map', 'Visit date=day');
    expect(noSuchColumn.stderr).toBe(
      'notify-desk: The file has no column called “Visit date”. Its columns are: “Mobile number”, “name”, “Visit day”.\n',
    );
    const noSuchPlaceholder = await cli('import', file, '--template', 'Reminder', '--map', 'Visit day=date');
    expect(noSuchPlaceholder.stderr).toBe(
      'notify-desk: The template “Reminder” has no placeholder called “date”. The columns it can use are: “phone number”, “name”, “day”.\n',
    );

    const dryRun = await cli('import', file, '--template', 'Reminder', '--map', 'Visit day=day', '--dry-run');
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain(
      'people.csv: 2 rows, 1 ready to send, 1 with problems\n  Row 3, Mobile number: Mobile number is too short\n',
    );
    expect(dryRun.stdout).toContain(
      'Dry run: nothing was queued.\nImporting it as it is would queue nothing. 1 row has problems. Fix it and import the file again, ' +
        'or add --exclude-invalid to queue the 1 row without problems and save the others in a spreadsheet to correct.\n',
    );
    const dryRunExcluding = await cli(
      'import',
      file,
      '--template',
      'Reminder',
      '--map',
      'Visit day=day',
      '--dry-run',
      '--exclude-invalid',
      '--send-at',
      'tomorrow 9am',
    );
    expect(dryRunExcluding.code).toBe(0);
    expect(dryRunExcluding.stdout).toContain(
      `Importing it would queue 1 message, to be sent on ${tomorrowAtNine()}, UK time (Europe/London), and set the 1 row with problems aside in a spreadsheet to correct.\n`,
    );
    // Only the message scheduled above is in the outbox: the dry runs queued nothing.
    expect(JSON.parse((await runCli(['--json', 'outbox', 'counts'], { env })).stdout)).toMatchObject({
      scheduled: 1,
      queued: 2,
    });
  }, 120_000);
});
