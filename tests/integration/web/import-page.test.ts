import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { OutboxBatchProgress } from '../../../shared/contract';
import { openDeskDatabaseFile } from '../../helpers/desk-database';
import { formatDeskDateTime, parseDeskDateTime } from '../../../shared/desk-time';
import { expectNoAxeViolations, openWebApp } from '../../helpers/browser';
import { runCli, type RunningProcess } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

const dataDir = makeTempDir();
const filesDir = makeTempDir();
const env = { ...process.env, NOTIFY_DESK_DATA_DIR: dataDir.path };
const templateName = 'Appointment reminder';
let web: RunningProcess;
let app: Awaited<ReturnType<typeof openWebApp>> | undefined;
let page: Page;

const reminders = [
  'phone number,name,Appointment date',
  '07700900001,Ann,1 March',
  ',,',
  '07700900002,Bob,2 March',
  '0770090,Cy,3 March',
  '07700900004,Di,4 March',
  ',Ed,5 March',
  '0770091,Flo,6 March',
  '07700900007,Gus,7 March',
].join('\r\n');

function writeFile(name: string, content: string | Buffer): string {
  const path = join(filesDir.path, name);
  writeFileSync(path, content);
  return path;
}

async function writeTwoSheetWorkbook(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Notes').addRows([['Prepared by'], ['The post room']]);
  const reminders = workbook.addWorksheet('Reminders');
  reminders.addRows([
    ['phone number', 'name', 'Appointment date'],
    ['07700900011', 'Hal', new Date(Date.UTC(2026, 2, 8))],
    ['07700900012', 'Ida', '9 March'],
    ['07700900013', 'Jo', '10 March'],
  ]);
  // A real date, shown by its format as "8 March": that text, not the date's value, is what goes out.
  reminders.getCell('C2').numFmt = 'd mmmm';
  return writeFile('clinic.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
}

/** The core as the page reaches it: the web host's own endpoint, with this session's token. */
async function callCore<T>(name: string, args: unknown): Promise<T> {
  const response = await fetch(new URL('/rpc', web.firstLine), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${app?.token}` },
    body: JSON.stringify({ name, args }),
  });
  const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(result.error?.message);
  return result.value;
}

async function outboxRows(): Promise<{ messages: number; batches: { status: string; file_name: string }[] }> {
  const db = await openDeskDatabaseFile(dataDir.path, { readonly: true });
  try {
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM outbox_messages').get() as { n: number };
    const batches = db.prepare('SELECT status, file_name FROM batches ORDER BY created_at').all() as {
      status: string;
      file_name: string;
    }[];
    return { messages: n, batches };
  } finally {
    db.close();
  }
}

/** Holds the web host still (SIGSTOP) while the page is looked at, so work in progress cannot finish meanwhile. */
async function whileCoreHeld(look: () => Promise<void>): Promise<void> {
  web.child.kill('SIGSTOP');
  try {
    await look();
  } finally {
    web.child.kill('SIGCONT');
  }
}

/** The name of the file the file input holds, as the browser shows it next to the button. */
const loadedFileName = () =>
  page
    .getByLabel('Upload a file')
    .evaluate((input) => (input as unknown as { files: ArrayLike<{ name: string }> | null }).files?.[0]?.name ?? null);

const summaryValue = (key: string) =>
  page
    .locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: new RegExp(`^${key}$`) }) })
    .locator('dd');

beforeAll(async () => {
  const added = await runCli(
    [
      'template',
      'add',
      '--type',
      'sms',
      '--name',
      templateName,
      '--body',
      'Hello ((name)), your appointment is on ((date)).',
    ],
    { env },
  );
  expect(added.stderr).toBe('');
  const email = await runCli(
    [
      'template',
      'add',
      '--type',
      'email',
      '--name',
      'Appointment email',
      '--subject',
      'Your appointment',
      '--body',
      '# Your appointment\n\n* on ((date))\n* at the clinic',
    ],
    { env },
  );
  expect(email.stderr).toBe('');
  const db = await openDeskDatabaseFile(dataDir.path);
  db.prepare(`INSERT INTO settings (key, value) VALUES ('daily-limit.sms', '5')`).run();
  db.close();
  app = await openWebApp(env);
  ({ web, page } = app);
  page.setDefaultTimeout(20_000);
}, 60_000);

afterAll(async () => {
  await app?.close();
  dataDir.remove();
  filesDir.remove();
});

async function openImportPage(): Promise<void> {
  await page.getByRole('link', { name: 'Import a spreadsheet' }).first().click();
  await page.getByRole('heading', { name: 'Import a spreadsheet' }).waitFor();
  await page
    .getByLabel('Template', { exact: true })
    .selectOption({ label: `${templateName} (text message, on this desk)` });
}

describe('the post room imports a spreadsheet', () => {
  it('checks a CSV: the missing column, then, mapped by hand, each row with Notify’s message and counts of each kind', async () => {
    await openImportPage();
    await page.getByLabel('Upload a file').setInputFiles(writeFile('reminders.csv', reminders));
    await page.getByText('reminders.csv: 7 rows').waitFor();
    await page.getByRole('button', { name: 'Check the file' }).click();

    // Until the mapping is complete the page says only what is missing: no counts, no preview, nothing to queue.
    const missing = page.getByTestId('missing-columns');
    await missing.waitFor();
    expect(await missing.getByRole('listitem').allTextContents()).toEqual(['((date))']);
    expect(await missing.textContent()).toContain('In the table below, choose the column that fills it.');
    expect(await page.getByText('Ready to send').count()).toBe(0);
    expect(await page.getByText('(no valid recipient)').count()).toBe(0);
    expect(await page.getByText('Fix the file and choose it again', { exact: false }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Queue/ }).count()).toBe(0);
    // The file input still shows the file that was loaded.
    expect(await loadedFileName()).toBe('reminders.csv');
    await expectNoAxeViolations(page, 'import page, a placeholder without a column');

    // Choosing the column checks the file again at once.
    await page.getByLabel('Appointment date').selectOption({ label: '((date))' });
    await missing.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'There are 3 problems in your file' }).waitFor();
    expect(await summaryValue('Ready to send').first().textContent()).toBe('4');
    expect(await summaryValue('With problems').textContent()).toBe('3');
    expect(await page.locator('ul.govuk-list li').allTextContents()).toEqual([
      '2 × Mobile number is too short',
      '1 × Missing',
    ]);
    const problemRows = page.locator('table', { hasText: 'Problem' }).locator('tbody tr');
    const problems = await Promise.all((await problemRows.all()).map((row) => row.locator('td').allTextContents()));
    expect(problems).toEqual([
      ['5', 'phone number', 'Mobile number is too short'],
      ['7', 'phone number', 'Missing'],
      ['8', 'phone number', 'Mobile number is too short'],
    ]);
  }, 60_000);

  it('steps through the rows with next and previous, over the blank row, each message as it will be sent', async () => {
    const heading = page.locator('#row-preview-heading');
    const preview = page.getByTestId('row-preview');
    const next = page.getByRole('button', { name: 'Next row' });
    const previous = page.getByRole('button', { name: 'Previous row' });
    await preview.getByText('Hello Ann, your appointment is on 1 March.').waitFor();
    expect(await heading.textContent()).toBe('Preview of row 2');
    expect(await previous.isDisabled()).toBe(true);

    await next.click();
    await preview.getByText('Hello Bob, your appointment is on 2 March.').waitFor();
    expect(await heading.textContent()).toBe('Preview of row 4');
    await next.click();
    await preview.getByText('phone number: Mobile number is too short').waitFor();
    expect(await heading.textContent()).toBe('Preview of row 5');

    await previous.click();
    await preview.getByText('Hello Bob, your appointment is on 2 March.').waitFor();
    await previous.click();
    await preview.getByText('Hello Ann, your appointment is on 1 March.').waitFor();
    expect(await heading.textContent()).toBe('Preview of row 2');

    for (let step = 0; step < 6; step += 1) {
      await next.click();
      await page.getByText(`${step + 2} of 7 rows`).waitFor();
    }
    await preview.getByText('Hello Gus, your appointment is on 7 March.').waitFor();
    expect(await heading.textContent()).toBe('Preview of row 9');
    expect(await next.isDisabled()).toBe(true);
  }, 60_000);

  it('sums up messages, fragments and the daily limit, then queues the valid rows for later and sets the rest aside', async () => {
    expect(await summaryValue('Messages').textContent()).toBe('4 text messages');
    expect(await summaryValue('Text message fragments').textContent()).toBe('4 in total, charged by Notify');
    expect(await summaryValue('Daily limit').textContent()).toBe('5 text messages a day');
    expect(await summaryValue('Already in the outbox for today').textContent()).toBe('0');
    expect(await summaryValue('The service can still send today').textContent()).toBe('5');
    expect(await page.getByTestId('daily-limit-warning').count()).toBe(0);

    // The button is never greyed out: pressed too soon, it says what to do, at the box that does it.
    const queueButton = page.getByRole('button', { name: 'Queue 4 messages' });
    expect(await queueButton.isDisabled()).toBe(false);
    await queueButton.click();
    const tickFirst =
      '3 rows have problems. Tick the box to queue the 4 rows without problems and set the others aside, or fix the file and choose it again';
    await page.locator('.govuk-error-summary').getByRole('link', { name: tickFirst }).waitFor();
    await page.locator('.govuk-form-group--error').getByText(tickFirst).waitFor();
    await expectNoAxeViolations(page, 'import page, queue pressed before the box is ticked');
    await page
      .getByLabel('Queue the 4 rows without problems and set the other 3 aside in a spreadsheet to correct')
      .check();
    await page.getByLabel('Send later (within the next 7 days)').check();
    await page.getByLabel('Date and time (UK time)').fill('tomorrow 9am');
    const sendAt = parseDeskDateTime('tomorrow 9am');
    if (!sendAt.ok) throw new Error(sendAt.message);
    await page
      .getByTestId('send-at-reading')
      .getByText(`It will be sent on ${formatDeskDateTime(sendAt.iso)} (UK time).`)
      .waitFor();
    await queueButton.click();

    await page.getByRole('heading', { name: '4 messages queued' }).waitFor();
    // The rows set aside are named and offered, never shown as a path on the computer running the desk.
    const setAside = await page.getByText('3 rows with problems were set aside in a spreadsheet').textContent();
    expect(setAside).toMatch(
      /^3 rows with problems were set aside in a spreadsheet, reminders-rejected-[^ /\\]+\.csv, with an added error column/,
    );
    expect(await page.getByText(dataDir.path, { exact: false }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /in its folder/ }).count()).toBe(0);
    await expectNoAxeViolations(page, 'import page, queued with rows set aside');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^Download the 3 rows with problems/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^reminders-rejected-[^ ]+\.csv$/);
    expect(setAside).toContain(download.suggestedFilename());
    expect(readFileSync(await download.path(), 'utf8')).toBe(
      '\uFEFFphone number,name,Appointment date,error\r\n' +
        '0770090,Cy,3 March,phone number: Mobile number is too short\r\n' +
        ',Ed,5 March,phone number: Missing\r\n' +
        '0770091,Flo,6 March,phone number: Mobile number is too short\r\n',
    );

    const { batches } = await callCore<{ batches: OutboxBatchProgress[] }>('outbox.batches', { limit: 20 });
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ fileName: 'reminders.csv', total: 4, waiting: 4, sendAfter: sendAt.iso });

    await page.getByRole('link', { name: 'Go to the outbox' }).click();
    await page.getByText('reminders.csv').first().waitFor();
  }, 60_000);

  it('remembers the hand-made mapping for the template, and reads the sheet chosen from a workbook', async () => {
    await openImportPage();
    await page.getByLabel('Upload a file').setInputFiles(await writeTwoSheetWorkbook());
    const checkButton = page.getByRole('button', { name: 'Check the file' });
    await page.getByText('clinic.xlsx: 2 sheets').waitFor();
    expect(await checkButton.isDisabled()).toBe(true);
    await page.getByLabel('Sheet', { exact: true }).selectOption({ label: 'Reminders (3 rows)' });
    await checkButton.click();

    await page.getByTestId('row-preview').getByText('Hello Hal, your appointment is on 8 March.').waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'missing' }).count()).toBe(0);
    expect(await page.getByLabel('Appointment date').inputValue()).toBe('date');
    expect(await summaryValue('With problems').textContent()).toBe('0');

    expect(await summaryValue('Already in the outbox for today').textContent()).toBe('4');
    expect(await summaryValue('The service can still send today').textContent()).toBe('1');
    expect(await page.getByTestId('daily-limit-warning').textContent()).toContain(
      'WarningThis batch goes past the daily limit: 1 of its 3 text messages can be sent today, and the other 2 wait until tomorrow.',
    );
  }, 60_000);

  it('matches usual names of the recipient column, shown as matched and changeable, and shows each email as it will look', async () => {
    await page.getByRole('link', { name: 'Import a spreadsheet' }).first().click();
    await page
      .getByLabel('Template', { exact: true })
      .selectOption({ label: 'Appointment email (email, on this desk)' });
    await page
      .getByLabel('Upload a file')
      .setInputFiles(writeFile('emails.csv', 'E-mail,date\nann@example.com,1 March\nbob@example.com,2 March\n'));
    await page.getByText('emails.csv: 2 rows').waitFor();
    await page.getByRole('button', { name: 'Check the file' }).click();
    const emailColumn = page.getByLabel('E-mail', { exact: true });
    await expect.poll(() => emailColumn.inputValue()).toBe('email address');
    await page.getByText('Matched automatically: change it if this column is not the email address').waitFor();
    expect(await page.getByTestId('missing-columns').count()).toBe(0);
    const frame = page.getByTestId('row-preview').frameLocator('iframe[title="Email preview"]');
    await frame.getByRole('heading', { name: 'Your appointment' }).waitFor();
    expect(await frame.getByRole('listitem').allTextContents()).toEqual(['on 1 March', 'at the clinic']);
    expect(await page.getByText('# Your appointment').count()).toBe(0);
    await expectNoAxeViolations(page, 'import page, an email row previewed');

    // Changed by hand, the column is no longer used: the page says what is missing.
    await emailColumn.selectOption({ label: 'Do not use' });
    await page.getByTestId('missing-columns').getByText('((email address))').waitFor();

    await page
      .getByLabel('Template', { exact: true })
      .selectOption({ label: `${templateName} (text message, on this desk)` });
    await page
      .getByLabel('Upload a file')
      .setInputFiles(
        writeFile(
          'mobiles.csv',
          'Mobile number,name,Appointment date\n07700900021,Kim,11 March\n07700900022,Lee,12 March\n',
        ),
      );
    await page.getByText('mobiles.csv: 2 rows').waitFor();
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect.poll(() => page.getByLabel('Mobile number', { exact: true }).inputValue()).toBe('phone number');
    await page.getByTestId('row-preview').getByText('To: 447700900021').waitFor();
  }, 60_000);

  it('an ODS file gets a message saying how to save it as XLSX or CSV', async () => {
    await page
      .getByLabel('Upload a file')
      .setInputFiles(writeFile('budget.ods', 'PK\u0003\u0004 an OpenDocument spreadsheet'));
    await page
      .getByText(
        'budget.ods is an OpenDocument spreadsheet (.ods), which notify-desk cannot read. Open it in LibreOffice or Excel',
      )
      .waitFor();
    expect(await page.getByRole('button', { name: 'Check the file' }).count()).toBe(0);
  }, 60_000);

  it('shows progress while reading, checking and queuing a large file, and cancelling queues nothing', async () => {
    const rows = Array.from(
      { length: 50_000 },
      (_, index) => `07700${900000 + index},Person ${index},${(index % 28) + 1} March`,
    );
    const large = writeFile('everyone.csv', `phone number,name,Appointment date\n${rows.join('\n')}\n`);
    const before = await outboxRows();

    await whileCoreHeld(async () => {
      await page.getByLabel('Upload a file').setInputFiles(large);
      await page.getByText(/^Reading the file: [\d,]+ rows$/).waitFor();
      await page.getByRole('button', { name: 'Cancel' }).click();
    });
    await page.getByText('The import was cancelled. Nothing was queued.').waitFor({ timeout: 60_000 });
    expect(await page.getByText('everyone.csv:').count()).toBe(0);

    await whileCoreHeld(async () => {
      await page.getByLabel('Upload a file').setInputFiles(large);
      await page.getByText(/^Reading the file: [\d,]+ rows$/).waitFor();
      await page.getByRole('button', { name: 'Cancel' }).waitFor();
    });
    await page.getByText('everyone.csv: 50,000 rows').waitFor({ timeout: 60_000 });

    await whileCoreHeld(async () => {
      await page.getByRole('button', { name: 'Check the file' }).click();
      await page.getByText('Checking rows: 0 of 50,000 rows').waitFor();
      expect(await page.locator('progress.import-progress').getAttribute('max')).toBe('50000');
    });
    await page.getByRole('button', { name: 'Queue 50,000 messages' }).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('daily-limit-warning').textContent()).toContain(
      '1 of its 50,000 text messages can be sent today, and the other 49,999 wait until tomorrow.',
    );

    await page.getByRole('button', { name: 'Queue 50,000 messages' }).click();
    await page.getByText(/^Queuing messages: [1-9][\d,]* of 50,000 rows$/).waitFor({ timeout: 60_000 });
    await whileCoreHeld(async () => {
      await page.getByRole('button', { name: 'Cancel' }).click();
    });
    await page.getByText('The import was cancelled. Nothing was queued.').waitFor({ timeout: 60_000 });
    expect(await page.locator('progress.import-progress').count()).toBe(0);

    const after = await outboxRows();
    expect(after.messages).toBe(before.messages);
    expect(after.batches.filter((batch) => batch.status === 'ready')).toEqual(
      before.batches.filter((batch) => batch.status === 'ready'),
    );
    const { batches } = await callCore<{ batches: OutboxBatchProgress[] }>('outbox.batches', { limit: 20 });
    expect(batches.map((batch) => batch.fileName)).toEqual(['reminders.csv']);
  }, 180_000);
});
