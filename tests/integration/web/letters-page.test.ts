import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../helpers/browser';
import { runCli, startCli, type RunningProcess } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

const run = promisify(execFile);
const dataDir = makeTempDir();
const env = { ...process.env, NOTIFY_DESK_DATA_DIR: dataDir.path };
const cli = (args: string[], input?: string) => runCli(args, { env, input });
let web: RunningProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let page: Page;

async function expectOk(result: Promise<{ code: number; stdout: string; stderr: string }>): Promise<string> {
  const { code, stdout, stderr } = await result;
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return stdout;
}

/** Two letters queued by a caseworker while letters are printed in the post room (practice mode, nothing sent). */
beforeAll(async () => {
  await expectOk(
    cli([
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
    ]),
  );
  await expectOk(cli(['route', 'set', '--type', 'letter', '--via', 'print']));
  await expectOk(
    cli(['send', '--template', 'Reminder', '--to', 'Ann Example\n1 High Street\nSW1A 1AA', '--set', 'name=Ann']),
  );
  await expectOk(
    cli(['send', '--template', 'Reminder', '--to', 'Bob Example\n2 High Street\nSW1A 1AA', '--set', 'name=Bob']),
  );
  web = await startCli(['web', '--port', '0', '--no-open'], env);
  chromium = await launchChromium();
  page = await (await chromium.browser.newContext({ acceptDownloads: true })).newPage();
  await page.goto(web.firstLine);
}, 90_000);

afterAll(async () => {
  await chromium?.close();
  await web?.stop();
  dataDir.remove();
});

describe('Letters to print, in web mode', () => {
  it('lists the letters waiting to be printed and downloads them as one PDF, then marks them posted', async () => {
    await page.getByRole('link', { name: 'Letters to print' }).click();
    await page.getByRole('heading', { name: 'Letters to print', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: /Letters sent one by one/ });
    await expect.poll(() => row.getByRole('cell').first().textContent()).toBe('2');
    expect(await page.getByRole('radio', { name: 'Printed here, in the post room' }).isChecked()).toBe(true);

    const downloading = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Download PDF of Letters sent one by one' }).click();
    const download = await downloading;
    const saved = join(dataDir.path, 'downloaded.pdf');
    await download.saveAs(saved);
    const { stdout } = await run('pdfinfo', [saved]);
    expect(stdout).toMatch(/Pages:\s+3\n/);
    expect(stdout).toMatch(/Page size:\s+594.96 x 841.92 pts \(A4\)/);
    await page.getByRole('alert').filter({ hasText: '2 letters saved as one PDF, ready to print' }).waitFor();
    await expect.poll(() => row.getByRole('cell').nth(1).textContent()).toBe('2');

    await row.getByRole('button', { name: /^Mark as posted/ }).click();
    await page.getByRole('alert').filter({ hasText: '2 letters marked as posted' }).waitFor();
    await page.getByText('No letters are waiting to be printed or posted.').waitFor();
    const { stdout: counts } = await runCli(['outbox', 'counts'], { env });
    expect(counts).toMatch(/posted\s+2/);

    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  }, 90_000);

  it('checks a chosen PDF letter as Notify would and shows Notify’s reason when it would refuse it', async () => {
    const file = join(dataDir.path, 'landscape.pdf');
    const maker = await chromium.browser.newPage();
    await maker.setContent('<style>@page{size:297mm 210mm;margin:0}</style><p>Not a letter</p>');
    writeFileSync(file, await maker.pdf({ preferCSSPageSize: true }));
    await maker.close();
    await page.getByLabel('Upload a PDF letter').setInputFiles(file);
    await page
      .getByText('Your letter is not A4 portrait size. You need to change the size or orientation of page 1.')
      .waitFor();
  });
});
