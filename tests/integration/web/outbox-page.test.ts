import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { expectNoAxeViolations, launchChromium, newPage } from '../../helpers/browser';
import { freePort, runCli, startCli, type RunningProcess } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';
import { formatDeskDateTime } from '../../../shared/desk-time';

const dataDir = makeTempDir();
const env = { ...process.env, NOTIFY_DESK_DATA_DIR: dataDir.path };
const cli = (args: string[], input?: string) => runCli(args, { env, input });
let simulatorPort: number;
let simulator: RunningProcess | null = null;
let web: RunningProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let page: Page;
let batchId: string;

/** With no international texts allowed today, so the international daily limit is reached at the first one. */
const startSimulator = () =>
  startCli(
    ['simulator', '--port', String(simulatorPort), '--deliver-after-ms', '300', '--daily-limit-international-sms', '0'],
    process.env,
  );

async function expectOk(result: Promise<{ code: number; stdout: string; stderr: string }>): Promise<string> {
  const { code, stdout, stderr } = await result;
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return stdout;
}

/** A batch of three texts and a caseworker's one-off text, queued while the service is down. */
beforeAll(async () => {
  simulatorPort = await freePort();
  simulator = await startSimulator();
  const { url, apiKeys } = JSON.parse(simulator.firstLine) as { url: string; apiKeys: { live: string } };
  await expectOk(cli(['service', 'add', '--url', url, '--api-key-stdin'], `${apiKeys.live}\n`));
  await expectOk(
    cli([
      'template',
      'add',
      '--type',
      'sms',
      '--name',
      'Bin day',
      '--body',
      'Hello ((name)), your bins go out tomorrow.',
    ]),
  );
  await simulator.stop('SIGKILL');
  simulator = null;

  const csv = join(dataDir.path, 'bin-day.csv');
  writeFileSync(csv, 'phone number,name\n07700 900001,Ann\n07700 900002,Bob\n07700 900003,Cat\n');
  const imported = JSON.parse(await expectOk(cli(['--json', 'import', csv, '--template', 'Bin day']))) as {
    batchId: string;
  };
  batchId = imported.batchId;
  await expectOk(cli(['send', '--template', 'Bin day', '--to', '07700 900999', '--set', 'name=Dee']));

  web = await startCli(['web', '--port', '0', '--no-open'], env);
  chromium = await launchChromium();
  page = await newPage(chromium.browser);
}, 90_000);

afterAll(async () => {
  await chromium?.close();
  await web?.stop();
  await simulator?.stop();
  dataDir.remove();
});

const batchItem = (): Locator => page.locator(`li[data-batch-id="${batchId}"]`);
const tableRows = (): Locator => page.locator('table tbody tr');
const progressOf = (): Locator => batchItem().getByRole('progressbar', { name: 'Progress of bin-day.csv' });

describe('the outbox page', () => {
  it('shows a batch with its progress, filters the table by it, pauses it, and follows it to delivered', async () => {
    await page.goto(web.firstLine);
    await page.getByRole('link', { name: 'Outbox' }).first().click();
    await page.getByRole('heading', { name: 'Batches' }).waitFor();

    await expect.poll(() => batchItem().getByRole('heading').textContent()).toBe('bin-day.csv');
    await batchItem().getByText('3 messages: 3 waiting').waitFor();
    expect(await progressOf().getAttribute('aria-valuenow')).toBe('0');
    expect(await progressOf().getAttribute('aria-valuemax')).toBe('3');
    await expect.poll(() => tableRows().count()).toBe(4);
    await expectNoAxeViolations(page, 'outbox, offline with a batch waiting');

    await batchItem().getByRole('button', { name: 'Show these messages' }).click();
    await page.getByTestId('batch-filter').getByText('Showing messages from bin-day.csv.').waitFor();
    await expect.poll(() => tableRows().count()).toBe(3);
    expect(await page.getByRole('cell', { name: '447700900999' }).count()).toBe(0);
    await page.getByTestId('batch-filter').getByRole('button', { name: 'Show all messages' }).click();
    await expect.poll(() => tableRows().count()).toBe(4);

    await batchItem().getByRole('button', { name: 'Pause sending bin-day.csv' }).click();
    await batchItem().getByText('Paused', { exact: true }).waitFor();
    await batchItem().getByRole('button', { name: 'Resume sending bin-day.csv' }).waitFor();

    // The one-off text is cancelled from its row before the service comes back.
    await page.getByRole('button', { name: 'Cancel message to 447700900999' }).click();
    await page.getByRole('button', { name: 'Yes, cancel it (message to 447700900999)' }).click();
    await page
      .locator('tr', { has: page.getByRole('cell', { name: '447700900999' }) })
      .getByText('Cancelled', { exact: true })
      .waitFor();

    simulator = await startSimulator();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByText(/Last in touch with Notify at/).waitFor({ timeout: 30_000 });
    const listed = JSON.parse(await expectOk(cli(['--json', 'outbox', 'list', '--batch', batchId]))) as {
      messages: { state: string }[];
    };
    expect(listed.messages.map((message) => message.state)).toEqual(['queued', 'queued', 'queued']);
    await batchItem().getByText('3 messages: 3 waiting').waitFor();

    await batchItem().getByRole('button', { name: 'Resume sending bin-day.csv' }).click();
    await batchItem().getByText('3 messages: 3 delivered').waitFor({ timeout: 60_000 });
    expect(await progressOf().getAttribute('aria-valuenow')).toBe('3');
    expect(await batchItem().getByText('Paused', { exact: true }).count()).toBe(0);

    // The state summary filters the table: only the delivered texts, not the cancelled one.
    await page.getByRole('button', { name: /reached the recipient/ }).click();
    await expect.poll(() => tableRows().count()).toBe(3);
    expect(await page.getByRole('cell', { name: '447700900999' }).count()).toBe(0);
    await page.getByRole('button', { name: /stopped before sending/ }).click();
    await expect.poll(() => tableRows().count()).toBe(1);
    await page.getByRole('cell', { name: '447700900999' }).waitFor();
  }, 150_000);

  it('cancels what a batch has not yet sent, after asking', async () => {
    const csv = join(dataDir.path, 'later.csv');
    writeFileSync(csv, 'phone number,name\n07700 900011,Eve\n07700 900012,Fay\n');
    const sendAt = new Date(Date.now() + 86_400_000).toISOString();
    const later = JSON.parse(
      await expectOk(cli(['--json', 'import', csv, '--template', 'Bin day', '--send-at', sendAt])),
    ) as { batchId: string };
    const item = page.locator(`li[data-batch-id="${later.batchId}"]`);
    await page.reload();
    await item.getByText('2 messages: 2 waiting').waitFor();
    // The headline says when a batch scheduled for tomorrow will go, not that it is sending.
    await expect
      .poll(() => page.getByTestId('sync-status').textContent())
      .toBe(`Scheduled: 2 messages will be sent on ${formatDeskDateTime(sendAt)}`);
    await item.getByRole('button', { name: 'Cancel the rest of later.csv' }).click();
    await item.getByText('Cancel the 2 messages of later.csv not yet sent?').waitFor();
    await expectNoAxeViolations(page, 'outbox, asking before cancelling the rest of a batch');
    await item.getByRole('button', { name: 'Yes, cancel them' }).click();
    await item.getByText('2 messages: 2 cancelled').waitFor();
    expect(await item.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('2');
    expect(await item.getByRole('button', { name: /Cancel the rest/ }).count()).toBe(0);
  }, 60_000);

  it('tells the user that texts abroad wait for the international daily limit while UK texts still go', async () => {
    await expectOk(cli(['send', '--template', 'Bin day', '--to', '+33 6 12 34 56 78', '--set', 'name=Gil']));
    await page.getByRole('button', { name: 'Sync now' }).click();
    const hold = page.getByTestId('channel-hold');
    await hold
      .getByText(
        'Text messages to numbers outside the UK wait until Notify’s daily limit resets at midnight UTC. Texts to UK numbers are still sent.',
      )
      .waitFor({ timeout: 30_000 });
    await hold.getByText('Notify said: Exceeded send limits (international_sms: 0) for today').waitFor();
    await expectNoAxeViolations(page, 'outbox, texts abroad held by the daily limit');

    await expectOk(cli(['send', '--template', 'Bin day', '--to', '07700 900777', '--set', 'name=Hal']));
    await page.getByRole('button', { name: 'Sync now' }).click();
    const ukRow = page.locator('tr', { has: page.getByRole('cell', { name: '447700900777' }) });
    await ukRow.getByText('Delivered', { exact: true }).waitFor({ timeout: 60_000 });
    const abroad = page.locator('tr', { has: page.getByRole('cell', { name: '33612345678' }) });
    await abroad.getByText('Queued', { exact: true }).waitFor();
    await abroad.getByText('Exceeded send limits (international_sms: 0) for today').waitFor();
  }, 90_000);
});
