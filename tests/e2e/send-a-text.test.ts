import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage } from '../helpers/browser';
import { freePort, runCli, startCli, type RunningProcess } from '../helpers/processes';
import { makeTempDir } from '../helpers/temp-dir';

const dataDir = makeTempDir();
const env = { ...process.env, NOTIFY_DESK_DATA_DIR: dataDir.path };
let simulatorPort: number;
let simulator: RunningProcess | null = null;
let web: RunningProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let page: Page;

const startSimulator = async () =>
  startCli(['simulator', '--port', String(simulatorPort), '--deliver-after-ms', '500'], process.env);

beforeAll(async () => {
  simulatorPort = await freePort();
  simulator = await startSimulator();
  const { url, apiKeys } = JSON.parse(simulator.firstLine) as { url: string; apiKeys: { live: string } };
  const added = await runCli(['service', 'add', '--url', url, '--api-key-stdin'], { env, input: `${apiKeys.live}\n` });
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
  web = await startCli(['web', '--port', '0', '--no-open'], env);
  chromium = await launchChromium();
  page = await newPage(chromium.browser);
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await web?.stop();
  await simulator?.stop();
  dataDir.remove();
});

describe('a caseworker sends a text', () => {
  it('writes a template, sends while the service is down, and sees it delivered once the service is back', async () => {
    await page.goto(web.firstLine);
    await page.getByRole('link', { name: 'Templates' }).first().click();
    await page.getByRole('button', { name: 'Create a template' }).click();
    await page.getByLabel('Template type').selectOption({ label: 'Text message' });
    await page.getByLabel('Template name').fill('Clinic reminder');
    await page.getByLabel('Message').fill('Hello ((name)), your appointment is tomorrow at 10am.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Clinic reminder').first().waitFor();

    await simulator!.stop('SIGKILL');
    simulator = null;

    await page.getByRole('link', { name: 'Send a message' }).first().click();
    await page
      .getByLabel('Template', { exact: true })
      .selectOption({ label: 'Clinic reminder (text message, on this desk)' });
    await page.getByLabel('Phone number').fill('07700 900123');
    await page.getByLabel('name', { exact: true }).fill('Ann');
    await page.getByText('Hello Ann, your appointment is tomorrow at 10am.').first().waitFor();
    await page.getByRole('button', { name: 'Send' }).click();

    await page.getByRole('link', { name: 'Outbox' }).first().click();
    await page.getByRole('cell', { name: '447700900123' }).first().waitFor();
    await page
      .getByText(/Offline/)
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await page.getByText('Delivered', { exact: true }).count()).toBe(0);

    simulator = await startSimulator();
    await page.getByText('Delivered', { exact: true }).first().waitFor({ timeout: 60_000 });
  }, 120_000);
});
