import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSimulator, type RunningSimulator } from '../../../simulator';
import { expectNoAxeViolations, openWebApp } from '../../helpers/browser';
import { runCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

// Every page of the app and its states, checked by axe-core against WCAG 2.2 AA, and a text sent with the keyboard
// alone. IT has set NOTIFY_DESK_API_KEY to a test key: connecting with it turns practice mode into a test key, which
// the page must still say sends nothing.
const dataDir = makeTempDir();
let simulator: RunningSimulator;
let app: Awaited<ReturnType<typeof openWebApp>> | undefined;
let page: Page;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, deliverAfterMs: 300, quiet: true });
  const env = { ...process.env, NOTIFY_DESK_DATA_DIR: dataDir.path, NOTIFY_DESK_API_KEY: simulator.apiKeys.test };
  const added = await runCli(
    ['template', 'add', '--type', 'sms', '--name', 'Clinic reminder', '--body', 'Hello ((name)), see you at ((time)).'],
    { env },
  );
  expect(added.code).toBe(0);
  app = await openWebApp(env);
  page = app.page;
  page.setDefaultTimeout(20_000);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await simulator?.close();
  dataDir.remove();
});

const menu = (name: string) => page.getByRole('link', { name }).first();
const banner = () => page.getByRole('region', { name: 'Important' }).filter({ hasText: 'nothing is really sent' });

/** What the focused element says: its aria-label, its label and its own text (evaluated in the page). */
const focusedSays = async (): Promise<string[]> =>
  await page.evaluate<string[]>(`(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return [];
    const label = element.id ? document.querySelector('label[for="' + element.id + '"]')?.textContent ?? '' : '';
    return [element.getAttribute('aria-label') ?? '', label, element.textContent ?? ''].map((text) => text.trim());
  })()`);

/** Presses Tab (or Shift+Tab) until the focused element says this: a person moving through the page by keyboard. */
async function tabTo(text: string, { backwards = false, most = 40 } = {}): Promise<void> {
  for (let press = 0; press < most; press += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if ((await focusedSays()).includes(text)) return;
  }
  throw new Error(`${backwards ? 'Shift+Tab' : 'Tab'} never reached ${text}`);
}

describe('every page, to WCAG 2.2 AA', () => {
  it('in practice mode: the templates, the editor for each type with its errors, versions, archiving, sending, importing, the outbox and a page that does not exist', async () => {
    await banner()
      .getByText('sent with a test key: messages sent with a test key are never delivered to anyone', { exact: false })
      .waitFor();
    await expectNoAxeViolations(page, 'templates');

    await page.getByRole('button', { name: 'Create a template' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.govuk-error-summary').getByRole('link', { name: 'Enter a template name' }).waitFor();
    await expectNoAxeViolations(page, 'new text message template, refused');
    for (const type of ['Email', 'Letter']) {
      await page.getByLabel('Template type').selectOption({ label: type });
      await page.getByLabel('Message').fill('# Heading\n\nHello ((name))');
      await page.getByRole('heading', { name: 'Preview' }).waitFor();
      await expectNoAxeViolations(page, `new ${type.toLowerCase()} template with a preview`);
    }

    await menu('Templates').click();
    await page.getByRole('link', { name: 'Clinic reminder', exact: true }).click();
    await page.getByTestId('sms-count').waitFor();
    await expectNoAxeViolations(page, 'editing a template');
    await page.getByRole('link', { name: 'See earlier versions' }).click();
    await page.getByRole('heading', { name: 'Version history' }).waitFor();
    await expectNoAxeViolations(page, 'version history');
    await page.getByRole('link', { name: 'Back' }).click();
    await page.getByRole('link', { name: 'Archive this template' }).click();
    await page.getByRole('button', { name: 'Yes, archive this template' }).waitFor();
    await expectNoAxeViolations(page, 'archiving a template');

    await menu('Send a message').click();
    await page.getByLabel('Template', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'send, no template chosen');
    await menu('Import a spreadsheet').click();
    await page.getByRole('heading', { name: 'Import a spreadsheet' }).waitFor();
    await expectNoAxeViolations(page, 'import, nothing chosen');
    await menu('Outbox').click();
    await page.getByText('Nothing has been sent from this desk yet.').waitFor();
    await expectNoAxeViolations(page, 'an empty outbox');
    await page.goto(new URL('#/nowhere', page.url()).toString());
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expectNoAxeViolations(page, 'page not found');
  }, 120_000);

  it('sends a text with the keyboard alone', async () => {
    await page.goto(new URL('#/templates', page.url()).toString());
    await page.getByRole('heading', { name: 'Templates', level: 1 }).waitFor();
    // The page puts focus on its main content; the menu is before it.
    await tabTo('Send a message', { backwards: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Send a message' }).waitFor();

    await tabTo('Template');
    await page.keyboard.type('Clinic');
    await expect.poll(() => page.getByLabel('Template', { exact: true }).inputValue()).not.toBe('');
    await tabTo('Phone number');
    await page.keyboard.type('07700 900123');
    await tabTo('name');
    await page.keyboard.type('Ann');
    await tabTo('time');
    await page.keyboard.type('10am');
    await page.getByTestId('sms-preview').getByText('Hello Ann, see you at 10am.').waitFor();
    await tabTo('Send');
    await page.keyboard.press('Enter');
    await page.getByText('Message to 447700900123 queued').waitFor();
    await expectNoAxeViolations(page, 'send, a text queued');

    await tabTo('See it in the outbox');
    await page.keyboard.press('Enter');
    const row = page.locator('tr', { has: page.getByRole('cell', { name: '447700900123' }) });
    await row.waitFor();
    await expectNoAxeViolations(page, 'the outbox with a text in it');
  }, 90_000);

  it('connects with the test key IT provides: errors, the key’s home and type said, and the banner says nothing is really sent', async () => {
    await menu('Settings').click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await expectNoAxeViolations(page, 'settings in practice mode');
    await page.getByLabel('Base URL').fill(simulator.url);
    await page.getByRole('button', { name: 'Save service' }).click();
    await page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: 'Choose the type of API key: live, team and guest list, or test' })
      .waitFor();
    await expectNoAxeViolations(page, 'settings, refused');

    await page
      .getByLabel('The key IT provides in the NOTIFY_DESK_API_KEY environment variable', { exact: false })
      .check();
    await page.getByLabel('Test: pretends to send, so nothing is delivered').check();
    await page.getByRole('button', { name: 'Save service' }).click();
    await page.getByText('The service was saved and the key was accepted').waitFor();
    expect(await page.getByTestId('key-location').textContent()).toBe(
      'Read from the NOTIFY_DESK_API_KEY environment variable for as long as the desk runs: the desk never stores it.',
    );
    expect(await page.getByTestId('key-type').textContent()).toBe(
      'Test key: Notify accepts messages but never delivers them',
    );
    await banner().getByText(`This desk is connected to GOV.UK Notify with a test key.`, { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'settings, connected with a test key');

    await menu('Templates').click();
    await page.getByRole('link', { name: 'Appointment reminder', exact: true }).click();
    await page.getByText('This template lives on the Notify service.').waitFor();
    await page.getByTestId('sms-preview').waitFor();
    expect(await banner().getByRole('heading').textContent()).toBe('Important');
    expect(await banner().textContent()).toContain('Test key: nothing is really sent');
    await expectNoAxeViolations(page, 'a template from Notify');

    await menu('Settings').click();
    await page.getByRole('button', { name: 'Remove the service' }).click();
    await page.getByRole('button', { name: 'Yes, remove the service' }).waitFor();
    await expectNoAxeViolations(page, 'settings, asking before removing the service');
  }, 90_000);
});
