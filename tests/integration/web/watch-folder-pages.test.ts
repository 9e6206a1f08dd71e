import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createCore, type Core } from '../../../electron/core/create-core';
import { osKeychain } from '../../../electron/core/secrets/keychain';
import { launchChromium } from '../../helpers/browser';
import { startCli, type RunningProcess } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

const dataDir = makeTempDir();
const dropFolder = makeTempDir('notify-desk-watch-');
// The core here and web mode's core share the keychain service: the data folder's key is kept there.
const keychainService = `notify-desk-watch-pages-${randomUUID()}`;
const env = { ...process.env, NOTIFY_DESK_DATA_DIR: dataDir.path, NOTIFY_DESK_KEYCHAIN_SERVICE: keychainService };
let web: RunningProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let page: Page;

/** Calls the core the way the UI does (validated against the contract), expecting success. */
async function callOk<T>(core: Core, name: string, args: unknown): Promise<T> {
  const result = await core.call(name, args);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

/** A watch folder saved as the desktop app saves one: the folder from the main process's dialog, behind a token. */
beforeAll(async () => {
  const core = await createCore({ dataDir: dataDir.path, secrets: osKeychain(keychainService) });
  try {
    const template = await callOk<{ id: string }>(core, 'templates.create', {
      type: 'sms',
      name: 'Collection',
      body: 'Hello ((name)), we collect on Monday.',
    });

    expect(await core.call('watchFolders.grantFolder', { path: 'relative/folder' })).toMatchObject({
      ok: false,
      error: { code: 'not-a-folder' },
    });
    expect(await core.call('watchFolders.grantFolder', { path: join(dropFolder.path, 'missing') })).toMatchObject({
      ok: false,
      error: {
        message: `The folder ${join(dropFolder.path, 'missing')} cannot be found. Check it exists and that this computer can reach it.`,
      },
    });
    expect(await core.call('watchFolders.save', { templateId: template.id })).toMatchObject({
      ok: false,
      error: { message: 'Choose the folder to watch.' },
    });
    expect(await core.call('watchFolders.save', { templateId: template.id, folderToken: 'made-up' })).toMatchObject({
      ok: false,
      error: { code: 'folder-choice-expired' },
    });
    expect(
      await core.call('watchFolders.save', { templateId: template.id, folderToken: 'x', sendTime: '9.30' }),
    ).toMatchObject({
      ok: false,
      error: {
        message: expect.stringContaining(
          'Enter the time to send as hours and minutes on the 24-hour clock, for example 09:30.',
        ),
      },
    });

    const { folderToken } = await callOk<{ folderToken: string }>(core, 'watchFolders.grantFolder', {
      path: dropFolder.path,
    });
    const { folder } = await callOk<{ folder: { folder: string; excludeInvalid: boolean } }>(
      core,
      'watchFolders.save',
      {
        folderToken,
        templateId: template.id,
        excludeInvalid: true,
      },
    );
    expect(folder).toMatchObject({ folder: dropFolder.path, excludeInvalid: true });
    const audit = await callOk<{ entries: { action: string; summary: string }[] }>(core, 'audit.list', { limit: 1 });
    expect(audit.entries[0]?.summary).toBe(`Saved the watch folder ${dropFolder.path} with the template “Collection”`);
    // A token is used once.
    expect(await core.call('watchFolders.save', { folderToken, templateId: template.id })).toMatchObject({
      ok: false,
      error: { code: 'folder-choice-expired' },
    });
  } finally {
    await core.close();
  }

  web = await startCli(['web', '--port', '0', '--no-open'], env);
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
}, 90_000);

afterAll(async () => {
  await chromium?.close();
  await web?.stop();
  dropFolder.remove();
  dataDir.remove();
});

describe('watch folders in the app', () => {
  it('are watched by the core while the app runs, and the outbox shows each file taken', async () => {
    await page.goto(`${web.firstLine}#/settings`);
    const settings = page.getByRole('region', { name: 'Watch folders' });
    await settings.getByRole('term').getByText(dropFolder.path).waitFor();
    await settings.getByText('Watching', { exact: true }).waitFor({ timeout: 30_000 });
    await settings.getByText('A folder to watch is chosen in the desktop app.', { exact: false }).waitFor();

    await page.getByRole('link', { name: 'Outbox' }).first().click();
    const activity = page.getByTestId('watch-folder-activity');
    await activity.getByText(`${dropFolder.path} (Collection): watching`).waitFor();

    writeFileSync(
      join(dropFolder.path, 'collections.csv'),
      'phone number,name\n07700 900401,Ann\n07700 900402,Bob\nnot a number,Cat\n',
    );
    const row = activity.locator('tr[data-file-name="collections.csv"]');
    await row.getByText('Queued', { exact: true }).waitFor({ timeout: 30_000 });
    await row.getByText('2 messages; 1 row set aside').waitFor();
    expect(existsSync(join(dropFolder.path, 'done', 'collections.csv.report.json'))).toBe(true);
    await page.locator('li.nd-batch', { hasText: 'collections.csv' }).waitFor();

    writeFileSync(join(dropFolder.path, 'notes.txt'), 'just some notes, no recipients here');
    const refused = activity.locator('tr[data-file-name="notes.txt"]');
    await refused.getByText('Not queued', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await refused.locator('td').nth(2).textContent()).not.toBe('');
  }, 90_000);
});
