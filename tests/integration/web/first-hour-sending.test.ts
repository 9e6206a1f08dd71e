import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatDeskDateTime, parseDeskDateTime } from '../../../shared/desk-time';
import { expectNoAxeViolations, openWebApp } from '../../helpers/browser';
import { runCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

// What a new caseworker trips over in their first hour, in practice mode, in a browser set to another country's
// language and time zone: the desk still speaks in its own words and in UK time.
const dataDir = makeTempDir();
const env = { ...process.env, NOTIFY_DESK_DATA_DIR: dataDir.path };
let app: Awaited<ReturnType<typeof openWebApp>> | undefined;
let page: Page;

async function addTemplate(args: string[]): Promise<void> {
  const added = await runCli(['template', 'add', ...args], { env });
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
}

beforeAll(async () => {
  await addTemplate([
    '--type',
    'sms',
    '--name',
    'Clinic reminder',
    '--body',
    'Hello ((name)), your appointment is at ((time)).',
  ]);
  await addTemplate([
    '--type',
    'letter',
    '--name',
    'Rent review',
    '--subject',
    'Your rent from ((date))',
    '--body',
    'Dear ((name)),\n\nYour rent changes.',
  ]);
  app = await openWebApp(env, { locale: 'en-US', timezoneId: 'America/New_York' });
  page = app.page;
  page.setDefaultTimeout(20_000);
}, 60_000);

afterAll(async () => {
  await app?.close();
  dataDir.remove();
});

const smsCount = () => page.getByTestId('sms-count');
const errorGroupOf = (fieldId: string) =>
  page.locator('.govuk-form-group--error', { has: page.locator(`#${fieldId}`) });

async function openSendPage(template: string): Promise<void> {
  await page.getByRole('link', { name: 'Send a message' }).first().click();
  await page.getByLabel('Template', { exact: true }).selectOption({ label: template });
}

describe('sending in the first hour', () => {
  it('counts a text the same way in the template editor and on the Send page, and says how placeholders count', async () => {
    await page.getByRole('link', { name: 'Templates' }).first().click();
    await page.getByRole('link', { name: 'Clinic reminder', exact: true }).click();
    const counted =
      '32 characters, charged as 1 text message. ((name)) and ((time)) count as no characters until filled in';
    await expect.poll(() => smsCount().textContent()).toBe(counted);
    await expectNoAxeViolations(page, 'template editor, a text message with placeholders');

    await openSendPage('Clinic reminder (text message, on this desk)');
    await expect.poll(() => smsCount().textContent()).toBe(counted);
    await page.getByLabel('name', { exact: true }).fill('Ann');
    await expect
      .poll(() => smsCount().textContent())
      .toBe('35 characters, charged as 1 text message. ((time)) counts as no characters until filled in');
  });

  it('shows a letter’s heading with a placeholder as words, not HTML, and a postcode problem on the postcode’s line', async () => {
    await openSendPage('Rent review (letter, on this desk)');
    const heading = page.getByRole('figure', { name: 'Letter preview' }).locator('.nd-letter__subject');
    await expect.poll(() => heading.textContent()).toBe('Your rent from ((date))');
    expect(await heading.textContent()).not.toContain('<span');

    await page.getByLabel('name', { exact: true }).fill('Mr Jones');
    await page.getByLabel('date', { exact: true }).fill('1 April');
    await expect.poll(() => heading.textContent()).toBe('Your rent from 1 April');
    await page.getByLabel('Address line 1', { exact: true }).fill('Mr Jones');
    await page.getByLabel('Address line 2', { exact: true }).fill('1 High Street');
    await page.getByLabel('Address line 3', { exact: true }).fill('Nowhere');
    await page.getByRole('button', { name: 'Send' }).click();
    const problem = 'Last line of address must be a real UK postcode or another country';
    await errorGroupOf('recipient-address-line-3').getByText(problem).waitFor();
    expect(await errorGroupOf('recipient-address-line-1').count()).toBe(0);
    await expectNoAxeViolations(page, 'send page, a letter refused for its postcode');
  });

  it('sends a text later, at a time typed the desk’s way and shown in UK time, and the outbox says when', async () => {
    await openSendPage('Clinic reminder (text message, on this desk)');
    await page.getByLabel('Phone number').fill('07700 900123');
    await page.getByLabel('name', { exact: true }).fill('Ann');
    await page.getByLabel('time', { exact: true }).fill('10am');
    await page.getByLabel('Send later (within the next 7 days)').check();

    await page.getByLabel('Date and time (UK time)').fill('next week');
    await page.getByRole('button', { name: 'Send' }).click();
    await errorGroupOf('send-at')
      .getByText('“next week” is not a date and time the desk can read.', { exact: false })
      .waitFor();
    await expectNoAxeViolations(page, 'send page, a send time the desk cannot read');

    await page.getByLabel('Date and time (UK time)').fill('tomorrow 9am');
    const tomorrow = parseDeskDateTime('tomorrow 9am');
    if (!tomorrow.ok) throw new Error(tomorrow.message);
    const when = formatDeskDateTime(tomorrow.iso);
    expect(when).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4} at 9:00am$/);
    await page.getByTestId('send-at-reading').getByText(`It will be sent on ${when} (UK time).`).waitFor();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Message to 447700900123 scheduled').waitFor();
    await page.getByText(`It will be sent on ${when}.`).waitFor();
    await expectNoAxeViolations(page, 'send page, a message scheduled');

    await page.getByRole('link', { name: 'See it in the outbox' }).click();
    await expect
      .poll(() => page.getByTestId('sync-status').textContent())
      .toBe(`Scheduled: 1 message will be sent on ${when}`);
    const row = page.locator('tr', { has: page.getByRole('cell', { name: '447700900123' }) });
    await row.getByText(`To send on ${when}`).waitFor();
    await expectNoAxeViolations(page, 'outbox, a message scheduled for tomorrow');
  });

  it('asks before cancelling one message', async () => {
    const row = page.locator('tr', { has: page.getByRole('cell', { name: '447700900123' }) });
    await row.getByRole('button', { name: 'Cancel message to 447700900123' }).click();
    await row.getByText('Cancel the message to 447700900123? It will not be sent.').waitFor();
    await expectNoAxeViolations(page, 'outbox, asking before cancelling a message');
    await row.getByRole('button', { name: 'No, keep it (message to 447700900123)' }).click();
    await row.getByText('Scheduled', { exact: true }).waitFor();

    await row.getByRole('button', { name: 'Cancel message to 447700900123' }).click();
    await row.getByRole('button', { name: 'Yes, cancel it (message to 447700900123)' }).click();
    await row.getByText('Cancelled', { exact: true }).waitFor();
  });

  it('keeps the outbox inside a 320 pixel wide screen: the table scrolls, not the page', async () => {
    expect(
      (
        await runCli(
          ['send', '--template', 'Clinic reminder', '--to', '07700 900456', '--set', 'name=Sam', '--set', 'time=11am'],
          { env },
        )
      ).code,
    ).toBe(0);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.reload();
    await page.getByRole('table', { name: 'Messages' }).waitFor();
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(2);
    // Evaluated in the page (the tests' own TypeScript has no DOM types).
    const widths = await page.evaluate<{ page: number; screen: number }>(
      '({ page: document.documentElement.scrollWidth, screen: window.innerWidth })',
    );
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    await expectNoAxeViolations(page, 'outbox at 320 pixels wide');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
