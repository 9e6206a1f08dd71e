import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPrintedAddress } from '../../helpers/browser';
import { runCli, startCli, type RunningProcess } from '../../helpers/processes';
import { SmppStandIn } from '../../helpers/smpp-stand-in';
import { SmtpStandIn } from '../../helpers/smtp-stand-in';
import { makeTempDir } from '../../helpers/temp-dir';
import { openDeskDatabaseFile } from '../../helpers/desk-database';

const dataDir = makeTempDir();
const env = {
  ...process.env,
  NOTIFY_DESK_DATA_DIR: dataDir.path,
  NOTIFY_DESK_KEYCHAIN_SERVICE: `notify-desk-test-${randomUUID()}`,
};
const cli = async (args: string[], input?: string): Promise<string> => {
  const result = await runCli(args, { env, input });
  if (result.code !== 0) throw new Error(`notify-desk ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};
let relay: SmtpStandIn;
let gateway: SmppStandIn;
let web: RunningProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let page: Page;

async function expectAccessible(): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(
    results.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

/** Two emails the relay took without answering (it dropped the connection after their data): their outcome is unknown. */
beforeAll(async () => {
  relay = await SmtpStandIn.start();
  relay.faults = { dropAfterDataNext: 2 };
  gateway = await SmppStandIn.start({ systemId: 'desk', password: 'secret' });
  await cli([
    'provider',
    'add',
    'smtp',
    '--name',
    'relay',
    '--host',
    '127.0.0.1',
    '--port',
    String(relay.port),
    '--from',
    'revenues@council.example.gov.uk',
  ]);
  await cli(['route', 'set', '--type', 'email', '--via', 'relay']);
  await cli([
    'template',
    'add',
    '--type',
    'email',
    '--name',
    'Bill',
    '--subject',
    'Your bill',
    '--body',
    'Hello ((name)), your bill is ready.',
  ]);
  await cli(['send', '--template', 'Bill', '--to', 'ann@example.gov.uk', '--set', 'name=Ann']);
  await cli(['send', '--template', 'Bill', '--to', 'bob@example.gov.uk', '--set', 'name=Bob']);
  expect(JSON.parse(await cli(['--json', 'sync', '--once']))).toMatchObject({ outcomeUnknown: 2 });

  web = await startCli(['web', '--port', '0', '--no-open'], env);
  chromium = await launchChromium();
  page = await (await chromium.browser.newContext()).newPage();
  await openPrintedAddress(page, web.firstLine);
}, 90_000);

afterAll(async () => {
  await chromium?.close();
  await web?.stop();
  for (const name of ['relay', 'gateway']) await runCli(['provider', 'remove', name], { env });
  await Promise.all([relay.close(), gateway.close()]);
  dataDir.remove();
});

const providerRow = (name: string): Locator => page.locator(`tr[data-provider="${name}"]`);
const messageRow = (recipient: string): Locator =>
  page.locator('tr', { has: page.getByRole('cell', { name: recipient }) });

describe('providers and routes in Settings, and messages of unknown outcome in the outbox', () => {
  it('lists providers, tests a connection, adds an SMPP gateway (with an error for each missing field) and routes texts through it', async () => {
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.getByRole('heading', { name: 'Providers and routes' }).waitFor();
    await providerRow('relay').getByText('Email relay (SMTP)').waitFor();
    await providerRow('relay').getByRole('button', { name: 'Test connection to relay' }).click();
    await providerRow('relay')
      .getByText(`notify-desk connected to the mail server at 127.0.0.1:${relay.port} and it is ready to take email.`)
      .waitFor();

    await page.getByLabel('SMS gateway (SMPP 3.4)').check();
    await page.getByRole('button', { name: 'Add provider' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.getByRole('link', { name: 'Enter a name for the provider' }).waitFor();
    await summary.getByRole('link', { name: 'Enter the system id' }).waitFor();
    await expectAccessible();

    await page.locator('#provider-name').fill('gateway');
    await page.locator('#provider-host').fill('127.0.0.1');
    await page.locator('#provider-port').fill(String(gateway.port));
    await page.locator('#provider-system-id').fill('desk');
    await page.locator('#provider-password').fill('secret');
    await page.locator('#provider-sender').fill('A sender far too long');
    await page.getByRole('button', { name: 'Add provider' }).click();
    await summary
      .getByRole('link', { name: 'Enter a sender of up to 11 letters and digits, or a phone number' })
      .waitFor();
    await page.locator('#provider-sender').fill('Council');
    await page.getByRole('button', { name: 'Add provider' }).click();
    await page.getByText('gateway was added. Test its connection, then choose it in a route.').waitFor();
    await providerRow('gateway').getByRole('button', { name: 'Test connection to gateway' }).click();
    await providerRow('gateway')
      .getByText(
        `notify-desk connected to the SMS gateway at 127.0.0.1:${gateway.port} and logged in as a transceiver.`,
      )
      .waitFor();

    await page.locator('#route-sms-1').selectOption('gateway');
    await page.locator('#route-sms-2').selectOption('notify');
    await page.getByRole('button', { name: 'Save the route for text messages' }).click();
    await page.getByText('Text messages go by gateway, then notify.').waitFor();
    await providerRow('gateway').getByText('Text message').waitFor();
    expect(await cli(['route', 'list'])).toBe('sms     gateway, notify\nemail   relay\nletter  notify\n');
    await expectAccessible();
  }, 60_000);

  it('resends one email of unknown outcome by a route chosen, marks the other as sent, each after asking, and records who and when', async () => {
    await page.getByRole('link', { name: 'Outbox' }).first().click();
    await messageRow('ann@example.gov.uk').getByText('Outcome unknown', { exact: true }).waitFor();
    await messageRow('bob@example.gov.uk').getByText('Outcome unknown', { exact: true }).waitFor();

    await messageRow('bob@example.gov.uk')
      .getByRole('button', { name: 'Mark as sent message to bob@example.gov.uk' })
      .click();
    await messageRow('bob@example.gov.uk').getByText('Mark it as sent by relay?').waitFor();
    await expectAccessible();
    await messageRow('bob@example.gov.uk').getByRole('button', { name: 'Yes, mark it as sent' }).click();
    // Counted as taken by the relay: Notify's word for an email on its way.
    await messageRow('bob@example.gov.uk').getByText('Delivering', { exact: true }).waitFor();

    await messageRow('ann@example.gov.uk')
      .getByRole('button', { name: 'Resend by… message to ann@example.gov.uk' })
      .click();
    await messageRow('ann@example.gov.uk')
      .getByText('relay may already have sent it: the recipient could get it twice.')
      .waitFor();
    await messageRow('ann@example.gov.uk').getByLabel('Send it by').selectOption('relay');
    await expectAccessible();
    await messageRow('ann@example.gov.uk').getByRole('button', { name: 'Yes, send it again by relay' }).click();
    await expect
      .poll(() => relay.arrived.filter((email) => email.to[0] === 'ann@example.gov.uk').length, { timeout: 30_000 })
      .toBe(2);
    await messageRow('ann@example.gov.uk').getByText('Delivering', { exact: true }).waitFor({ timeout: 30_000 });

    const db = await openDeskDatabaseFile(dataDir.path, {
      readonly: true,
      keychainService: env.NOTIFY_DESK_KEYCHAIN_SERVICE,
    });
    try {
      const decisions = db
        .prepare(
          'SELECT m.recipient, d.decision, d.unknown_at, d.resend_by, d.decided_by FROM outcome_decisions d JOIN outbox_messages m ON m.id = d.message_id ORDER BY d.id',
        )
        .all();
      expect(decisions).toEqual([
        {
          recipient: 'bob@example.gov.uk',
          decision: 'mark-sent',
          unknown_at: 'relay',
          resend_by: null,
          decided_by: expect.any(String),
        },
        {
          recipient: 'ann@example.gov.uk',
          decision: 'resend',
          unknown_at: 'relay',
          resend_by: 'relay',
          decided_by: expect.any(String),
        },
      ]);
    } finally {
      db.close();
    }
  }, 90_000);
});
