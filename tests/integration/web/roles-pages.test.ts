import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentOsAccount } from '../../../electron/core/identity/os-account';
import { expectNoAxeViolations, openWebApp } from '../../helpers/browser';
import { runCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

// The UI shows each person only what their role allows, and says why the rest is not there; the core refuses it all
// the same (tests/integration/trust/role-matrix.test.ts).
const folder = makeTempDir();
const me = currentOsAccount({ groups: false }).login;
afterAll(() => folder.remove());

/** Web mode on a data folder of its own, under a policy file giving this account `role`. */
async function openAs(role: string) {
  const policy = join(folder.path, `${role}.json`);
  writeFileSync(policy, JSON.stringify({ version: 1, users: { [me]: role } }));
  const env = { ...process.env, NOTIFY_DESK_DATA_DIR: join(folder.path, role), NOTIFY_DESK_POLICY: policy };
  const app = await openWebApp(env, { acceptDownloads: true });
  app.page.setDefaultTimeout(20_000);
  return { ...app, env };
}

const menuItems = async (page: Awaited<ReturnType<typeof openAs>>['page']) =>
  (await page.getByRole('navigation', { name: 'Menu' }).getByRole('link').allTextContents()).map((text) =>
    text.replace(/\s*\(?\d+ unread\)?$|\d+$/, '').trim(),
  );

describe('pages by role', () => {
  it('a caseworker’s menu has only what they may use; other pages and Settings say why', async () => {
    const app = await openAs('caseworker');
    try {
      const { page } = app;
      await page.getByRole('heading', { name: 'Templates' }).waitFor();
      expect(await menuItems(page)).toEqual([
        'Templates',
        'Send a message',
        'Outbox',
        'Sent messages',
        'Inbox',
        'Settings',
      ]);
      expect(await page.getByRole('button', { name: 'Create a template' }).count()).toBe(0);
      await page.getByText('Only administrators can create, change and archive templates.').waitFor();

      await page.goto(new URL('#/dashboard', page.url()).toString());
      await page
        .getByText(
          'Your role at this desk is caseworker. Only supervisors and administrators can see every message the service sent, the dashboard and every reply. Ask IT if you need to.',
        )
        .waitFor();
      await expectNoAxeViolations(page, 'a page the person may not use');

      await page.goto(new URL('#/settings', page.url()).toString());
      await page.getByText(`You are signed in as ${me}. Your role at this desk is caseworker.`).waitFor();
      await page.getByText('Only administrators can set up the Notify service and its API key.').waitFor();
      expect(await page.getByRole('button', { name: 'Save service' }).count()).toBe(0);
      await expectNoAxeViolations(page, 'settings for a caseworker');

      await page.goto(new URL('#/sent', page.url()).toString());
      await page.getByText('No messages match this search.').waitFor();
      expect(await page.getByRole('button', { name: /^Download these messages/ }).count()).toBe(0);
      expect(await page.getByLabel('Sent by').count()).toBe(0);
      await expectNoAxeViolations(page, 'sent messages for a caseworker');

      await page.goto(new URL('#/audit', page.url()).toString());
      await page
        .getByText(
          'Your role at this desk is caseworker. Only supervisors and administrators can read and export the audit trail. Ask IT if you need to.',
        )
        .waitFor();
    } finally {
      await app.close();
    }
  }, 90_000);

  it('what the UI hides from a caseworker, the core refuses to a page (and a command) that asks anyway', async () => {
    const app = await openAs('caseworker');
    try {
      const rpc = async (name: string, args: unknown) => {
        const response = await fetch(new URL('/rpc', app.web.firstLine), {
          method: 'POST',
          headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name, args }),
        });
        return response.json();
      };
      const refused = (who: string) => ({
        ok: false,
        error: {
          code: 'not-permitted',
          message: `Your role at this desk is caseworker. ${who} Ask IT if you need to.`,
        },
      });
      expect(await rpc('audit.list', {})).toEqual(
        refused('Only supervisors and administrators can read and export the audit trail.'),
      );
      expect(await rpc('record.export', { filter: {}, format: 'csv' })).toEqual(
        refused('Only supervisors and administrators can export the record of sent messages and replies.'),
      );
      expect(await rpc('templates.create', { type: 'sms', name: 'Mine', body: 'Hello' })).toEqual(
        refused('Only administrators can create, change and archive templates.'),
      );
      expect(
        await rpc('services.configure', { baseUrl: 'https://api.notifications.service.gov.uk', apiKey: 'not-a-key' }),
      ).toEqual(refused('Only administrators can set up the Notify service and its API key.'));
      expect(await rpc('imports.queue', {})).toEqual(
        refused(
          'Only post room staff, supervisors and administrators can import spreadsheets, print letters and manage their own batches.',
        ),
      );
      // The command line goes through the same dispatcher.
      const command = await runCli(['template', 'add', '--type', 'sms', '--name', 'Mine', '--body', 'Hello'], {
        env: app.env,
      });
      expect(command).toMatchObject({
        code: 1,
        stderr:
          'notify-desk: Your role at this desk is caseworker. Only administrators can create, change and archive templates. Ask IT if you need to.\n',
      });
      // The refused templates were not made; what the caseworker may do still works from the same page.
      expect(await rpc('templates.list', {})).toEqual({ ok: true, value: [] });
    } finally {
      await app.close();
    }
  }, 90_000);

  it('a supervisor sees the dashboard and the audit trail, but not Create a template', async () => {
    const app = await openAs('supervisor');
    try {
      const { page } = app;
      await page.getByRole('heading', { name: 'Templates' }).waitFor();
      expect(await menuItems(page)).toEqual([
        'Templates',
        'Send a message',
        'Import a spreadsheet',
        'Outbox',
        'Sent messages',
        'Inbox',
        'Dashboard',
        'Letters to print',
        'Audit trail',
        'Settings',
      ]);
      expect(await page.getByRole('button', { name: 'Create a template' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Audit trail' }).click();
      await page.getByRole('cell', { name: /^Policy file .* in force \(SHA-256 [0-9a-f]{64}\)$/ }).waitFor();
      await page.getByTestId('audit-verified').getByText('The one entry is intact.').waitFor();

      await page.getByRole('link', { name: 'Sent messages' }).click();
      await page.getByLabel('Sent by').waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download these messages (CSV)' }).click(),
      ]);
      await page.getByRole('link', { name: 'Audit trail' }).click();
      await page
        .getByRole('cell', { name: `Exported 0 rows of the record to ${download.suggestedFilename()}` })
        .waitFor();
      await page.getByTestId('audit-verified').getByText('All 2 entries are intact.').waitFor();
      await expectNoAxeViolations(page, 'the audit trail for a supervisor');
    } finally {
      await app.close();
    }
  }, 90_000);

  it('with no policy file the desk is single-user, says so in Settings, and shows everything', async () => {
    const withoutPolicy = { ...process.env };
    delete withoutPolicy.NOTIFY_DESK_POLICY;
    const app = await openWebApp({ ...withoutPolicy, NOTIFY_DESK_DATA_DIR: join(folder.path, 'single-user') });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Create a template' }).waitFor();
      expect(await menuItems(page)).toEqual([
        'Templates',
        'Send a message',
        'Import a spreadsheet',
        'Outbox',
        'Sent messages',
        'Inbox',
        'Dashboard',
        'Letters to print',
        'Audit trail',
        'Settings',
      ]);
      await page.getByRole('link', { name: 'Settings' }).click();
      await page
        .getByText(
          'There is no policy file on this computer, so this desk is single-user: whoever uses this computer account may do everything here.',
        )
        .waitFor();
      await expectNoAxeViolations(page, 'settings of a single-user desk');
    } finally {
      await app.close();
    }
  }, 90_000);

  it('an administrator reads the audit trail, sees it intact, and exports it', async () => {
    const app = await openAs('administrator');
    try {
      const { page, env } = app;
      expect(
        (
          await runCli(
            ['template', 'add', '--type', 'sms', '--name', 'Clinic reminder', '--body', 'See you at ((time)).'],
            { env },
          )
        ).code,
      ).toBe(0);
      await page.getByRole('heading', { name: 'Templates' }).waitFor();
      expect(await menuItems(page)).toContain('Audit trail');
      await page.getByRole('link', { name: 'Audit trail' }).click();
      await page.getByRole('cell', { name: 'Created the sms template “Clinic reminder”' }).waitFor();
      await page.getByRole('cell', { name: /^Policy file .* in force \(SHA-256 [0-9a-f]{64}\)$/ }).waitFor();
      await page.getByTestId('audit-verified').getByText('All 2 entries are intact.').waitFor();
      await expectNoAxeViolations(page, 'the audit trail');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export the audit trail (CSV)' }).click(),
      ]);
      const saved = join(folder.path, 'audit.csv');
      await download.saveAs(saved);
      const { readFileSync } = await import('node:fs');
      const csv = readFileSync(saved, 'utf8');
      expect(csv).toMatch(/^\uFEFFNumber,Time \(UTC\),Who,What,Details,Previous hash,Hash\n1,/);
      expect(csv).toContain('Created the sms template “Clinic reminder”');
      await page.getByText('2 entries exported as').waitFor();
      const listed = JSON.parse((await runCli(['--json', 'audit', 'list'], { env })).stdout) as {
        entries: { actor: string; action: string; detail: { rows: number } }[];
      };
      expect(listed.entries[0]).toMatchObject({ actor: me, action: 'audit.exported', detail: { rows: 2 } });

      // A template limited to supervisors in the editor: a caseworker on the same desk does not get it.
      await page.getByRole('link', { name: 'Templates' }).click();
      await page.getByRole('button', { name: 'Create a template' }).click();
      await page.getByLabel('Template type').selectOption({ label: 'Text message' });
      await page.getByLabel('Template name').fill('Escalation');
      await page.getByLabel('Message').fill('Your case has been passed to a supervisor.');
      await page.getByRole('group', { name: 'Who can use this template (optional)' }).getByLabel('Supervisor').check();
      await expectNoAxeViolations(page, 'a template limited to roles');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('‘Escalation’ was saved').waitFor();
      const names = async (role: string) => {
        const policy = join(folder.path, `templates-${role}.json`);
        writeFileSync(policy, JSON.stringify({ version: 1, users: { [me]: role } }));
        const result = await runCli(['--json', 'template', 'list'], { env: { ...env, NOTIFY_DESK_POLICY: policy } });
        return (JSON.parse(result.stdout) as { name: string }[]).map((template) => template.name).sort();
      };
      expect(await names('caseworker')).toEqual(['Clinic reminder']);
      expect(await names('supervisor')).toEqual(['Clinic reminder', 'Escalation']);
    } finally {
      await app.close();
    }
  }, 90_000);
});
