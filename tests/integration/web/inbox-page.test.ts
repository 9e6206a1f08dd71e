import AxeBuilder from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startSimulator, type RunningSimulator } from '../../../simulator';
import { launchChromium } from '../../helpers/browser';
import { runCli, startCli, type RunningProcess } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

const dataDir = makeTempDir();
const env = {
  ...process.env,
  NOTIFY_DESK_DATA_DIR: dataDir.path,
  NOTIFY_DESK_KEYCHAIN_SERVICE: `notify-desk-inbox-web-${process.pid}`,
};
const cli = (args: string[], input?: string) => runCli(args, { env, input });
let simulator: RunningSimulator;
let web: RunningProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let page: Page;

const REMINDER = 'Hello Ann, your bins go out tomorrow. Reply STOP to stop these texts.';
const THANKS = 'Thank you, we have noted your reply.';

async function expectOk(result: Promise<{ code: number; stdout: string; stderr: string }>): Promise<string> {
  const { code, stdout, stderr } = await result;
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return stdout;
}

async function expectAccessible(target: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page: target })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(
    violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

/** An independent reading of UK time, to the minute. */
const ukMinute = (iso: string): string =>
  new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/London' }).slice(0, 16);

/** A reminder sent to 07700 900777 and answered STOP before the desk opens; two templates to reply with. */
beforeAll(async () => {
  simulator = await startSimulator({ port: 0, deliverAfterMs: 300, quiet: true });
  await expectOk(cli(['service', 'add', '--url', simulator.url, '--api-key-stdin'], `${simulator.apiKeys.live}\n`));
  await expectOk(
    cli([
      'template',
      'add',
      '--type',
      'sms',
      '--name',
      'Bin day reminder',
      '--body',
      'Hello ((name)), your bins go out tomorrow. Reply STOP to stop these texts.',
    ]),
  );
  await expectOk(cli(['template', 'add', '--type', 'sms', '--name', 'Thanks', '--body', THANKS]));
  await expectOk(cli(['send', '--template', 'Bin day reminder', '--to', '07700 900777', '--set', 'name=Ann']));
  await expectOk(cli(['sync', '--once']));
  simulator.addReceivedText('07700900777', 'STOP');
  simulator.addReceivedText('07700900778', '@here =2+2');

  web = await startCli(['web', '--port', '0', '--no-open'], env);
  chromium = await launchChromium();
  page = await (await chromium.browser.newContext({ acceptDownloads: true })).newPage();
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await web?.stop();
  await cli(['service', 'remove']);
  await simulator?.close();
  dataDir.remove();
});

const conversationRow = (phoneKey: string) => page.locator(`tr[data-phone-key="${phoneKey}"]`);
const sentTo = (number: string) =>
  simulator.notifications().filter((notification) => notification.recipient === number);

describe('the inbox page in web mode', () => {
  it('lists replies by number beside what was sent, searches, and shows a conversation with the reply under its reminder', async () => {
    await page.goto(web.firstLine);
    await page.getByRole('link', { name: /^Inbox/ }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    // The simulator's three texts and the two sent back here, all unread.
    await expect.poll(() => page.getByTestId('unread-replies').textContent(), { timeout: 30_000 }).toBe('5 unread');

    const row = conversationRow('447700900777');
    await row.getByText('STOP', { exact: true }).waitFor();
    await row.getByText('1 unread').waitFor();
    await row.getByText('Bin day reminder').waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);
    await expectAccessible(page);

    await page.getByLabel('Search by phone number or text').fill('+44 7700 900777');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Search by phone number or text').fill('appointment');
    await page.getByRole('button', { name: 'Search' }).click();
    await conversationRow('447700900601').waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Search by phone number or text').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(5);

    await row.getByRole('link', { name: '07700 900777' }).click();
    await page.getByRole('heading', { name: '07700 900777', level: 1 }).waitFor();
    const entries = page.locator('ol.nd-conversation > li');
    await expect.poll(() => entries.count()).toBe(2);
    expect(await entries.nth(0).getAttribute('data-entry')).toBe('sent');
    expect(await entries.nth(0).locator('.nd-sms__bubble').textContent()).toBe(REMINDER);
    expect(await entries.nth(1).getAttribute('data-entry')).toBe('received');
    expect(await entries.nth(1).locator('.nd-sms__bubble').textContent()).toBe('STOP');
    // Opened, so read.
    await expect.poll(() => page.getByTestId('unread-replies').textContent()).toBe('4 unread');
    await expectAccessible(page);
  }, 90_000);

  it('replies in one click with the template chosen, and the reply is sent to that number', async () => {
    await page.getByLabel('Text message template').selectOption({ label: 'Thanks' });
    await page.getByTestId('sms-preview').getByText(THANKS).waitFor();
    await page.getByRole('button', { name: 'Send reply to 07700 900777' }).click();
    await page.getByText('Reply to 07700 900777 queued').waitFor();
    const entries = page.locator('ol.nd-conversation > li');
    await expect.poll(() => entries.count()).toBe(3);
    expect(await entries.nth(2).locator('.nd-sms__bubble').textContent()).toBe(THANKS);
    await expect
      .poll(() => sentTo('447700900777').filter((sent) => sent.body === THANKS).length, { timeout: 30_000 })
      .toBe(1);

    // The template chosen last time is chosen again: the next reply is one click.
    await page.reload();
    await page.getByRole('heading', { name: '07700 900777', level: 1 }).waitFor();
    const chosen = page.getByLabel('Text message template');
    await expect
      .poll(async () => chosen.locator(`option[value="${await chosen.inputValue()}"]`).textContent())
      .toBe('Thanks');
    await page.getByRole('button', { name: 'Send reply to 07700 900777' }).click();
    await page.getByText('Reply to 07700 900777 queued').waitFor();
    await expect
      .poll(() => sentTo('447700900777').filter((sent) => sent.body === THANKS).length, { timeout: 30_000 })
      .toBe(2);
    expect(sentTo('447700900777')).toHaveLength(3);
  }, 90_000);

  it('fetches new replies when asked, and downloads Notify’s inbox CSV', async () => {
    simulator.addReceivedText('07700900777', 'Thanks!');
    await page.getByRole('link', { name: 'Back to the inbox' }).click();
    await page.getByRole('button', { name: 'Check for new replies' }).click();
    await page.getByText(/^(1 new reply arrived\.|There are no new replies\.)$/).waitFor();
    await conversationRow('447700900777').getByText('Thanks!', { exact: true }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download all received texts (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Received text messages \d{4}-\d\d-\d\d\.csv$/);
    const rows = parse(readFileSync(await download.path()), { bom: true });
    const listed = JSON.parse(await expectOk(cli(['--json', 'inbox']))) as {
      messages: { phoneNumber: string; content: string; receivedAt: string }[];
    };
    expect(listed.messages).toHaveLength(6);
    expect(rows).toEqual([
      ['Phone number', 'Message', 'Received'],
      ...listed.messages.map((text) => [
        text.phoneNumber,
        text.content.replace(/^[=+\-@]+/, ''),
        ukMinute(text.receivedAt),
      ]),
    ]);
    expect(rows.slice(1, 4).map((cells) => cells.slice(0, 2))).toEqual([
      ['07700 900777', 'Thanks!'],
      ['07700 900778', 'here =2+2'],
      ['07700 900777', 'STOP'],
    ]);
  }, 60_000);
});

describe('the inbox in practice mode', () => {
  it('shows the practice service’s replies, and a reply made up on the page arrives beside the text sent to that number', async () => {
    const practiceData = makeTempDir();
    const practiceEnv = { ...env, NOTIFY_DESK_DATA_DIR: practiceData.path };
    const practiceWeb = await startCli(['web', '--port', '0', '--no-open'], practiceEnv);
    const practicePage = await chromium.browser.newPage();
    try {
      await expectOk(
        runCli(['template', 'add', '--type', 'sms', '--name', 'Hello', '--body', 'Hello, this is a practice text.'], {
          env: practiceEnv,
        }),
      );
      await expectOk(runCli(['send', '--template', 'Hello', '--to', '07700 900123'], { env: practiceEnv }));
      await practicePage.goto(`${practiceWeb.firstLine}#/inbox`);
      await practicePage.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
      await practicePage
        .locator('tr[data-phone-key="447700900603"]')
        .getByText('STOP', { exact: true })
        .waitFor({ timeout: 30_000 });

      await practicePage.getByText('Practise with a reply').click();
      await practicePage.getByRole('button', { name: 'Receive this reply' }).click();
      await practicePage.getByRole('link', { name: 'Enter the phone number the reply comes from' }).waitFor();
      await practicePage.getByLabel('From phone number').fill('07700 900123');
      await practicePage.getByLabel('Reply').fill('Got it, thanks');
      await practicePage.getByRole('button', { name: 'Receive this reply' }).click();
      const row = practicePage.locator('tr[data-phone-key="447700900123"]');
      await row.getByText('Got it, thanks').waitFor({ timeout: 30_000 });
      await row.getByText('Hello').waitFor();
    } finally {
      await practicePage.close();
      await practiceWeb.stop();
      practiceData.remove();
    }
  }, 90_000);
});
