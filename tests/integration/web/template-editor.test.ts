import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startSimulator, type RunningSimulator } from '../../../simulator';
import { expectNoAxeViolations, openWebApp } from '../../helpers/browser';
import { runCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

const dataDir = makeTempDir();
const env = { ...process.env, NOTIFY_DESK_DATA_DIR: dataDir.path };
let simulator: RunningSimulator;
let app: Awaited<ReturnType<typeof openWebApp>> | undefined;
let page: Page;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, quiet: true });
  const added = await runCli(['service', 'add', '--url', simulator.url, '--api-key-stdin'], {
    env,
    input: `${simulator.apiKeys.live}\n`,
  });
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
  app = await openWebApp(env);
  page = app.page;
}, 60_000);

afterAll(async () => {
  await app?.close();
  await simulator?.close();
  dataDir.remove();
});

const preview = () => page.getByRole('region', { name: 'Preview' });
const smsBubble = () => page.getByTestId('sms-preview');
const smsCounts = () => preview().locator('.nd-sms__counts');
const costWarning = () => preview().locator('.govuk-warning-text');

async function openTemplates(): Promise<void> {
  await page.getByRole('link', { name: 'Templates' }).first().click();
  await page.getByRole('heading', { name: 'Templates', level: 1 }).waitFor();
}

async function startTemplate(type: 'Text message' | 'Email' | 'Letter', name: string): Promise<void> {
  await openTemplates();
  await page.getByRole('button', { name: 'Create a template' }).click();
  await page.getByLabel('Template type').selectOption({ label: type });
  await page.getByLabel('Template name').fill(name);
}

async function saveTemplate(name: string): Promise<void> {
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(`‘${name}’ was saved`).waitFor();
}

function templateRow(name: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
}

describe('the template editor', () => {
  it('shows a text message as a bubble with its characters, fragments and the cost of a Welsh character', async () => {
    await startTemplate('Text message', 'Surgery reminder');
    const message = page.getByLabel('Message');

    await message.fill('Hello ((name)), your appointment is on ((date)).');
    await expect.poll(() => smsBubble().textContent()).toBe('Hello ((name)), your appointment is on ((date)).');

    await message.fill('a'.repeat(160));
    await expect.poll(() => smsCounts().textContent()).toBe('160 characters, charged as 1 text message');
    expect(await costWarning().count()).toBe(0);

    await message.fill('a'.repeat(161));
    await expect.poll(() => smsCounts().textContent()).toBe('161 characters, charged as 2 text messages');

    await message.fill(`Croeso i’r feddygfa ŵ ${'a'.repeat(48)}`);
    await expect.poll(() => smsCounts().textContent()).toBe('70 characters, charged as 1 text message');
    await costWarning().waitFor();
    expect(await costWarning().textContent()).toContain('This message contains ‘ŵ’');
    expect(await costWarning().textContent()).toContain('70 characters instead of 160, so it costs more');
    await expectNoAxeViolations(page, 'template editor, a Welsh text message');

    await message.fill(`Croeso i’r feddygfa ŵ ${'a'.repeat(49)}`);
    await expect.poll(() => smsCounts().textContent()).toBe('71 characters, charged as 2 text messages');

    await message.fill('Hello ((name)), your appointment is on ((date)).');
    await expect.poll(() => costWarning().count()).toBe(0);
    await saveTemplate('Surgery reminder');
    await templateRow('Surgery reminder').getByText('On this desk').waitFor();
  });

  it('renders an email template as HTML in the preview frame', async () => {
    await startTemplate('Email', 'Opening hours');
    await page.getByLabel('Subject').fill('Our opening hours for ((month))');
    await page.getByLabel('Message').fill('# Opening hours\n\nWe are open:\n\n* Monday\n* Tuesday\n\nThe Library');
    const frame = page.frameLocator('iframe[title="Email preview"]');
    await frame.getByRole('heading', { name: 'Opening hours' }).waitFor();
    expect(await frame.getByRole('listitem').allTextContents()).toEqual(['Monday', 'Tuesday']);
    expect(await frame.locator('h2').count()).toBe(1);
    expect(await frame.getByText('* Monday').count()).toBe(0);
    await preview().getByText('Our opening hours for ((month))').waitFor();
    await expectNoAxeViolations(page, 'template editor, an email');
    await saveTemplate('Opening hours');
  });

  it('shows a letter as an A4 page with the address block, contact block, heading, formatted body and QR code', async () => {
    await startTemplate('Letter', 'Bin collection');
    await page.getByLabel('Subject').fill('Changes to your bin collection');
    await page
      .getByLabel('Message')
      .fill(
        'Dear resident,\n\n# New days\n\n* Recycling on Monday\n* Rubbish on Thursday\n\nqr: https://www.gov.uk/rubbish-collection-day',
      );
    await page.getByLabel('Contact block').fill('Waste Team\nTown Hall');
    await page.getByLabel('First class').check();

    const letter = page.getByRole('figure', { name: 'Letter preview' });
    await letter.getByRole('listitem').first().waitFor();
    const address = letter.locator('address');
    expect(await address.locator('.nd-letter__address-line').allTextContents()).toEqual([
      '((address line 1))',
      '((address line 2))',
      '((address line 3))',
    ]);
    expect(await letter.locator('.nd-letter__contact').textContent()).toBe('Waste Team\nTown Hall');
    expect(await letter.locator('.nd-letter__subject').textContent()).toBe('Changes to your bin collection');
    await letter.getByRole('heading', { name: 'New days' }).waitFor();
    expect(await letter.getByRole('listitem').allTextContents()).toEqual([
      'Recycling on Monday',
      'Rubbish on Thursday',
    ]);
    await letter.getByText('Postage: First class').waitFor();
    const qrCode = letter.getByRole('img', { name: 'QR code' });
    await qrCode.waitFor();
    expect(await qrCode.getAttribute('viewBox')).toBe('0 0 29 29');
    const qrBox = await qrCode.boundingBox();
    expect(qrBox!.width).toBeGreaterThan(40);
    expect(qrBox!.height).toBeCloseTo(qrBox!.width, 0);
    const box = await letter.locator('.nd-letter__page').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.height / box!.width).toBeCloseTo(297 / 210, 2);
    await expectNoAxeViolations(page, 'template editor, a letter');
    await saveTemplate('Bin collection');
  });

  it('keeps every saved change as a new version and lists them all', async () => {
    await openTemplates();
    await page.getByRole('link', { name: 'Surgery reminder', exact: true }).click();
    await page.getByRole('heading', { name: 'Edit ‘Surgery reminder’' }).waitFor();
    await page.getByLabel('Message').fill('Hello ((name)), your appointment has moved to ((date)).');
    await saveTemplate('Surgery reminder');
    expect(await templateRow('Surgery reminder').textContent()).toContain('(version 2)');

    await page.getByRole('link', { name: 'Surgery reminder', exact: true }).click();
    await page.getByRole('link', { name: 'See earlier versions' }).click();
    const version2 = page.getByRole('region', { name: /Version 2/ });
    const version1 = page.getByRole('region', { name: /Version 1/ });
    await version2.waitFor();
    expect(await version2.getByText('Current').count()).toBe(1);
    expect(await version1.getByText('Current').count()).toBe(0);
    await version2.getByText('Hello ((name)), your appointment has moved to ((date)).').waitFor();
    await version1.getByText('Hello ((name)), your appointment is on ((date)).').waitFor();
    await expectNoAxeViolations(page, 'version history of two versions');
  });

  it('archives a template: it leaves the list but is kept', async () => {
    await openTemplates();
    await page.getByRole('link', { name: 'Opening hours', exact: true }).click();
    await page.getByRole('link', { name: 'Archive this template' }).click();
    await page.getByRole('button', { name: 'Yes, archive this template' }).click();
    await page.getByRole('heading', { name: 'Templates', level: 1 }).waitFor();
    await templateRow('Bin collection').waitFor();
    expect(await templateRow('Opening hours').count()).toBe(0);

    await page.getByLabel('Show archived templates').check();
    await templateRow('Opening hours').getByText('Archived').waitFor();
    await page.getByLabel('Show archived templates').uncheck();

    await page.getByRole('link', { name: 'Send a message' }).first().click();
    // The send page fills its template list once the core answers: read it after that.
    const templateOptions = page.getByLabel('Template', { exact: true }).locator('option');
    await templateOptions.filter({ hasText: 'Bin collection (letter, on this desk)' }).waitFor({ state: 'attached' });
    const options = await templateOptions.allTextContents();
    expect(options).toContain('Bin collection (letter, on this desk)');
    expect(options).not.toContain('Opening hours (email, on this desk)');
  });

  it('groups templates into folders', async () => {
    await startTemplate('Text message', 'Missed bin');
    await page.getByLabel('Message').fill('We could not collect your bin today.');
    await page.getByLabel('Folder (optional)').fill('Waste');
    await saveTemplate('Missed bin');
    const folder = page.getByRole('table', { name: 'Folder: Waste' });
    await folder.getByRole('link', { name: 'Missed bin', exact: true }).waitFor();
    expect(await folder.getByRole('row').count()).toBe(2);
    const unfiled = page.getByRole('table', { name: 'Templates' });
    await unfiled.getByRole('link', { name: 'Surgery reminder', exact: true }).waitFor();
    expect(await unfiled.getByRole('link', { name: 'Missed bin', exact: true }).count()).toBe(0);
  });

  it("marks the Notify service's own templates, and leaves the pass-through templates out", async () => {
    await openTemplates();
    await templateRow('Appointment reminder').getByText('From Notify').waitFor();
    await templateRow('Council tax reminder').getByText('From Notify').waitFor();
    expect(await templateRow('Surgery reminder').getByText('On this desk').count()).toBe(1);
    expect(await templateRow('Surgery reminder').getByText('From Notify').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Pass-through text message' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Old appointment reminder (archived)' }).count()).toBe(0);
  });

  it('shows a Notify template as Notify has it, to be changed only there', async () => {
    await openTemplates();
    await page.getByRole('link', { name: 'Appointment reminder', exact: true }).click();
    await page.getByRole('heading', { name: 'Appointment reminder', level: 1 }).waitFor();
    await page.getByText('This template lives on the Notify service.').waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    await expect
      .poll(() => smsBubble().textContent())
      .toBe(
        'Hello ((name)), your appointment is on ((date)) at ((time)).((directions?? Directions are on your letter.))',
      );
    await page.getByRole('link', { name: 'Send a message with this template' }).click();
    await expect.poll(() => page.getByLabel('Template', { exact: true }).inputValue()).not.toBe('');
    await page.getByLabel('name', { exact: true }).waitFor();
  });
});

describe('templates from Notify beside the desk’s own', () => {
  it('shows a Notify letter’s heading with its placeholder as words, not HTML', async () => {
    await openTemplates();
    await page.getByRole('link', { name: 'Council tax reminder', exact: true }).click();
    const heading = page.getByRole('figure', { name: 'Letter preview' }).locator('.nd-letter__subject');
    await expect.poll(() => heading.textContent()).toBe('Your council tax for ((year))');
    await expectNoAxeViolations(page, 'a letter template from Notify');
  });

  it('says in the Send and Import lists where each template lives and its type, so two of the same name differ', async () => {
    await startTemplate('Text message', 'Appointment reminder');
    await page.getByLabel('Message').fill('Your appointment is tomorrow.');
    await saveTemplate('Appointment reminder');
    for (const [link, heading] of [
      ['Send a message', 'Send a message'],
      ['Import a spreadsheet', 'Import a spreadsheet'],
    ] as const) {
      await page.getByRole('link', { name: link }).first().click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      const options = page.getByLabel('Template', { exact: true }).locator('option');
      await options
        .filter({ hasText: 'Appointment reminder (text message, on this desk)' })
        .waitFor({ state: 'attached' });
      const labels = await options.allTextContents();
      expect(labels).toContain('Appointment reminder (text message, from Notify)');
      expect(labels).toContain('Council tax reminder (letter, from Notify)');
    }
  });
});
