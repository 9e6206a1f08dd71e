import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, openWebApp } from '../../helpers/browser';
import { runCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

// Practice mode (no service): messages wait in the outbox and the simulator inside the app delivers them.
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
    'email',
    '--name',
    'Payment receipt',
    '--subject',
    'Receipt for ((reference))',
    '--body',
    '# Thank you\n\nWe have your payment:\n\n* reference ((reference))\n* amount ((amount))',
  ]);
  await addTemplate([
    '--type',
    'letter',
    '--name',
    'Rent review',
    '--subject',
    'Your rent from April',
    '--body',
    'Dear ((name)),\n\nYour new rent is ((rent)) a week.',
  ]);
  app = await openWebApp(env);
  page = app.page;
}, 60_000);

afterAll(async () => {
  await app?.close();
  dataDir.remove();
});

const preview = () => page.getByRole('region', { name: 'Preview' });
const cost = () => page.getByTestId('cost');
const errorSummary = () => page.locator('.govuk-error-summary');

async function chooseTemplate(label: string): Promise<void> {
  await page.getByRole('link', { name: 'Send a message' }).first().click();
  await page.getByLabel('Template', { exact: true }).selectOption({ label });
}

/** Sends and expects the error summary to give exactly this reason, also shown at the field. */
async function expectRefusal(message: string): Promise<void> {
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => errorSummary().getByRole('listitem').allTextContents()).toEqual([message]);
  await page.locator('.govuk-form-group--error .govuk-error-message', { hasText: message }).waitFor();
}

async function expectQueued(recipient: string): Promise<void> {
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText(`Message to ${recipient} queued`).waitFor();
  expect(await errorSummary().count()).toBe(0);
}

describe('the one-off send', () => {
  it('shows the exact text message and its cost, refuses bad numbers with Notify’s words, and queues a good one', async () => {
    await chooseTemplate('Clinic reminder (text message, on this desk)');
    await expect
      .poll(() => page.getByTestId('sms-preview').textContent())
      .toBe('Hello ((name)), your appointment is at ((time)).');
    await page.getByLabel('name', { exact: true }).fill('Ann');
    await page.getByLabel('time', { exact: true }).fill('10am');
    await expect
      .poll(() => page.getByTestId('sms-preview').textContent())
      .toBe('Hello Ann, your appointment is at 10am.');
    await expect.poll(() => cost().textContent()).toBe('Costs 1 text message from your allowance');

    await page.getByLabel('time', { exact: true }).fill(`10am ŵ ${'a'.repeat(40)}`);
    await expect
      .poll(() => cost().textContent())
      .toBe('Costs 2 text messages from your allowance (Unicode rate: 70 characters each)');
    await preview().getByText('This message contains ‘ŵ’', { exact: false }).waitFor();
    await page.getByLabel('time', { exact: true }).fill('10am');
    await expect.poll(() => cost().textContent()).toBe('Costs 1 text message from your allowance');

    await page.getByLabel('Phone number').fill('07723 4');
    await expectRefusal('Mobile number is too short');
    await page.getByLabel('Phone number').fill('07723 45678');
    await expectRefusal('Number is not valid – double check the phone number you entered');
    await page.getByLabel('Phone number').fill('07700 900123a');
    await expectRefusal('Mobile numbers can only include: 0 1 2 3 4 5 6 7 8 9 ( ) + -');
    await page.getByLabel('Phone number').fill('020 7946 0123');
    await expectRefusal('This does not look like a UK mobile number – double check the mobile number you entered');
    await expectNoAxeViolations(page, 'send a text, refused');

    await page.getByLabel('Phone number').fill('07700 900123');
    await expectQueued('447700900123');
    expect(await page.getByLabel('Phone number').inputValue()).toBe('');
  });

  it('shows the email as rendered HTML with its subject, refuses a bad address, and queues a good one', async () => {
    await chooseTemplate('Payment receipt (email, on this desk)');
    await page.getByLabel('reference', { exact: true }).fill('AB-12');
    await page.getByLabel('amount', { exact: true }).fill('£40');
    const frame = page.frameLocator('iframe[title="Email preview"]');
    await frame.getByRole('heading', { name: 'Thank you' }).waitFor();
    await expect.poll(() => frame.getByRole('listitem').allTextContents()).toEqual(['reference AB-12', 'amount £40']);
    await expect.poll(() => preview().locator('.nd-email__headers dd').textContent()).toBe('Receipt for AB-12');
    await expect.poll(() => cost().textContent()).toBe('Emails are free to send');
    await expectNoAxeViolations(page, 'send an email, previewed');

    await page.getByLabel('Email address').fill('ann@example');
    await expectRefusal('Not a valid email address');
    await page.getByLabel('Email address').fill('ann@@example.com');
    await expectRefusal('Not a valid email address');

    await page.getByLabel('Email address').fill('Ann.Jones@Example.com');
    await expectQueued('ann.jones@example.com');
  });

  it('shows the letter with the address in the window and its postage, refuses bad addresses, and queues a good one', async () => {
    await chooseTemplate('Rent review (letter, on this desk)');
    await page.getByLabel('name', { exact: true }).fill('Mr Jones');
    await page.getByLabel('rent', { exact: true }).fill('£95');
    const letter = page.getByRole('figure', { name: 'Letter preview' });
    await letter.getByText('Dear Mr Jones,').waitFor();
    await letter.getByText('Your new rent is £95 a week.').waitFor();
    expect(await letter.locator('.nd-letter__subject').textContent()).toBe('Your rent from April');
    await expect.poll(() => cost().textContent()).toBe('Sent by second class post');
    await expectNoAxeViolations(page, 'send a letter, previewed');

    await page.getByLabel('Address line 1', { exact: true }).fill('Mr Jones');
    await page.getByLabel('Address line 2', { exact: true }).fill('1 High Street');
    await expectRefusal('Enter at least 3 lines of the address');
    await page.getByLabel('Address line 3', { exact: true }).fill('Nowhere');
    await expectRefusal('Last line of address must be a real UK postcode or another country');
    await page.getByLabel('Address line 2', { exact: true }).fill('@ High Street');
    await page.getByLabel('Address line 3', { exact: true }).fill('SW1A 1AA');
    await expectRefusal('Address lines must not start with any of the following characters: @ ( ) = [ ] ” \\ / , < >');
    await page.getByLabel('Address line 2', { exact: true }).fill('No fixed abode');
    await expectRefusal('Must be a real address');

    await page.getByLabel('Address line 2', { exact: true }).fill('1 High Street');
    await page.getByLabel('Address line 3', { exact: true }).fill('sw1a1aa');
    expect(await letter.locator('.nd-letter__address-line').allTextContents()).toEqual([
      'Mr Jones',
      '1 High Street',
      'sw1a1aa',
    ]);
    await expectQueued('Mr Jones, 1 High Street, SW1A 1AA');
  });

  it('lists every queued message in the outbox, with its template', async () => {
    await page.getByRole('link', { name: 'Outbox' }).first().click();
    const table = page.getByRole('table', { name: 'Messages' });
    for (const [recipient, template] of [
      ['447700900123', 'Clinic reminder'],
      ['ann.jones@example.com', 'Payment receipt'],
      ['Mr Jones, 1 High Street, SW1A 1AA', 'Rent review'],
    ]) {
      const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: recipient, exact: true }) });
      await row.getByText(template!).waitFor();
    }
    expect(await table.getByRole('row').count()).toBe(4);
    await expectNoAxeViolations(page, 'outbox with a text, an email and a letter');
  });
});

describe('the printed address', () => {
  it('opens one tab: it survives a reload there, and opened again elsewhere it is refused in a sentence', async () => {
    await page.reload();
    await page.getByRole('link', { name: 'Send a message' }).first().waitFor();
    expect(page.url()).not.toContain('code=');
    const second = await page.context().browser()!.newPage();
    try {
      await second.goto(app!.web.firstLine);
      await second
        .getByText(
          'This address has been used already. Go back to the notify-desk window you opened with it, or stop notify-desk web and start it again.',
        )
        .first()
        .waitFor();
    } finally {
      await second.close();
    }
  });
});
