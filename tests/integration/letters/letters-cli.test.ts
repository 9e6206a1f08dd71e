import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

const run = promisify(execFile);
const dataDir = makeTempDir();
const env = { ...process.env, NOTIFY_DESK_DATA_DIR: dataDir.path };
const cli = (...args: string[]) => runCli(args, { env });
afterAll(() => dataDir.remove());

describe('notify-desk route and letters', () => {
  it('routes letters to the post room, saves them as one PDF, and marks them posted', async () => {
    expect(
      (
        await cli(
          'template',
          'add',
          '--type',
          'letter',
          '--name',
          'Reminder',
          '--subject',
          'Council tax',
          '--body',
          'Dear ((name)), please pay.',
        )
      ).code,
    ).toBe(0);
    expect(await cli('route', 'set', '--type', 'letter', '--via', 'print')).toMatchObject({
      code: 0,
      stdout: 'letters go through: print\n',
    });
    expect(
      (await cli('send', '--template', 'Reminder', '--to', 'Ann Example\n1 High Street\nSW1A 1AA', '--set', 'name=Ann'))
        .code,
    ).toBe(0);
    expect((await cli('letters', 'list')).stdout).toBe(
      '-  Letters sent one by one: 1 waiting to be printed, 0 printed\n',
    );

    const out = join(dataDir.path, 'out.pdf');
    const saved = await cli('letters', 'pdf', '--out', out);
    expect(saved).toMatchObject({ code: 0, stdout: `${out}\n` });
    expect(saved.stderr).toMatch(/^printed: 1 letters, 1 pages \(and a cover sheet\)/);
    expect((await run('pdfinfo', [out])).stdout).toMatch(/Pages:\s+2\n/);
    expect(await cli('letters', 'posted')).toMatchObject({ code: 0, stdout: 'marked as posted: 1\n' });
    const audit = JSON.parse((await cli('--json', 'audit', 'list')).stdout) as {
      entries: { action: string; summary: string }[];
    };
    expect(audit.entries.slice(0, 3).map((entry) => entry.summary)).toEqual([
      'Marked 1 letter as posted',
      expect.stringMatching(/^Queued a one-off letter message from the template “Reminder” \(message [\w-]+\)$/),
      'Routed letter messages through print',
    ]);
    expect(await cli('letters', 'pdf', '--out', out)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('There are no letters to print'),
    });
  }, 120_000);

  it('refuses bad arguments with a one-line reason', async () => {
    expect(await cli('route', 'set', '--type', 'fax', '--via', 'print')).toMatchObject({ code: 2 });
    expect(await cli('route', 'set', '--type', 'sms', '--via', 'print')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('print cannot send text messages'),
    });
    expect(await cli('route', 'set', '--type', 'letter', '--via', 'smpp')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('smpp cannot send letters'),
    });
    expect(await cli('route', 'set', '--type', 'letter', '--via', 'print,notify')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Choose one route for letters'),
    });
    expect(await cli('letters', 'print')).toMatchObject({ code: 2, stderr: expect.stringContaining('--printer NAME') });
    const notPdf = join(dataDir.path, 'letter.pdf');
    writeFileSync(notPdf, 'hello');
    expect(await cli('letters', 'send-pdf', notPdf, '--check-only')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('is not a PDF'),
    });
  }, 60_000);
});
