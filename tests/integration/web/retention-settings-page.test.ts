import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations, openWebApp } from '../../helpers/browser';
import { makeTempDir } from '../../helpers/temp-dir';

const dataDir = makeTempDir();
const env = { ...process.env, NOTIFY_DESK_DATA_DIR: dataDir.path };
let app: Awaited<ReturnType<typeof openWebApp>>;
let page: Page;

beforeAll(async () => {
  app = await openWebApp(env);
  page = app.page;
  page.setDefaultTimeout(20_000);
}, 60_000);

afterAll(async () => {
  await app?.close();
  dataDir.remove();
});

describe('Settings: how long the desk keeps data', () => {
  it('shows the periods, refuses what is not a number of days on the field, saves them, and says what a purge would remove', async () => {
    await page.getByRole('link', { name: 'Settings' }).first().click();
    const section = page.getByRole('region', { name: 'How long the desk keeps data' });
    const personal = section.getByLabel('Days to keep personal data');
    const records = section.getByLabel('Days to keep records');
    await expect.poll(() => personal.inputValue()).toBe('365');
    expect(await records.inputValue()).toBe('2557');
    // Web mode syncs, so the desk purged when it started.
    await section.getByText(/^The purge at .+: personal data is kept 365 days, records 2,557 days\.$/).waitFor();

    await personal.fill('0');
    await records.fill('ten');
    await section.getByRole('button', { name: 'Save periods' }).click();
    const summary = section.locator('.govuk-error-summary');
    await summary.getByRole('link', { name: 'Keep personal data for at least 1 day' }).waitFor();
    await summary.getByRole('link', { name: 'Enter how many days to keep records, as a whole number' }).waitFor();
    expect(await section.locator('#retention-personal-data-days-error').innerText()).toContain(
      'Keep personal data for at least 1 day',
    );
    await expectNoAxeViolations(page, 'retention settings with errors');

    await personal.fill('30');
    await records.fill('400');
    await section.getByRole('button', { name: 'Save periods' }).click();
    await section.getByText('The periods were saved. The next purge, daily or now, applies them.').waitFor();

    await section.getByRole('button', { name: 'Check what a purge would remove now' }).click();
    await section.getByText('A purge now: personal data is kept 30 days, records 400 days.').waitFor();
    await section
      .getByText(
        /^Personal data of messages created before .+: 0 messages would have the recipient, values and content erased; 0 received texts would go\.$/,
      )
      .waitFor();
    await expectNoAxeViolations(page, 'retention settings with a purge previewed');

    await section.getByRole('button', { name: 'Purge now' }).click();
    await section.getByText(/^The purge at .+: personal data is kept 30 days, records 400 days\.$/).waitFor();

    await page.reload();
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await expect.poll(() => page.getByLabel('Days to keep personal data').inputValue()).toBe('30');
    expect(await page.getByLabel('Days to keep records').inputValue()).toBe('400');
    await page.getByText(/^The purge at .+: personal data is kept 30 days, records 400 days\.$/).waitFor();
  }, 60_000);
});
