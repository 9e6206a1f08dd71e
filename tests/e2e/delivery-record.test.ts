import AxeBuilder from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { runCli, startCli, type RunningProcess } from '../helpers/processes';
import { makeTempDir } from '../helpers/temp-dir';

const dataDir = makeTempDir();
const env = { ...process.env, NOTIFY_DESK_DATA_DIR: dataDir.path };
let simulator: RunningProcess;
let web: RunningProcess;
let chromium: { browser: Browser; close(): Promise<void> };
let page: Page;

async function cli(args: string[], input?: string): Promise<string> {
  const { code, stdout, stderr } = await runCli(args, { env, input });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return stdout;
}

interface LoggedMessage {
  id: string;
  recipient: string;
  statusText: string;
  templateName: string;
  notifyId: string;
}

/** What `notify-desk log search` says: the log the exports are checked against. */
async function log(...filters: string[]): Promise<{ total: number; messages: LoggedMessage[] }> {
  return JSON.parse(await cli(['--json', 'log', 'search', ...filters])) as { total: number; messages: LoggedMessage[] };
}

beforeAll(async () => {
  // The test key: Notify's test numbers then fail or deliver as they would (07700 900002 never exists).
  simulator = await startCli(['simulator', '--port', '0', '--deliver-after-ms', '300'], process.env);
  const { url, apiKeys } = JSON.parse(simulator.firstLine) as { url: string; apiKeys: { test: string } };
  await cli(['service', 'add', '--url', url, '--api-key-stdin'], `${apiKeys.test}\n`);
  await cli([
    'template',
    'add',
    '--type',
    'sms',
    '--name',
    'Bin day',
    '--body',
    'Hello ((name)), your bins go out tomorrow.',
  ]);
  const csv = join(dataDir.path, 'bin-day.csv');
  writeFileSync(
    csv,
    'phone number,name\n07700 900001,Ann\n07700 900002,"=HYPERLINK(""http://x"",""Bob"")"\n07700 900004,Cat\n',
  );
  await cli(['import', csv, '--template', 'Bin day']);
  await cli(['send', '--template', 'Bin day', '--to', '+447700900123', '--set', 'name=Dee']);
  web = await startCli(['web', '--port', '0', '--no-open'], env);
  chromium = await launchChromium();
  page = await (await chromium.browser.newContext()).newPage();
}, 90_000);

afterAll(async () => {
  await chromium?.close();
  await web?.stop();
  await simulator?.stop();
  dataDir.remove();
});

/** WCAG 2.2 AA problems axe finds in the page's main content. */
async function accessibilityProblems(): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include('main')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

async function download(label: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
  return readFileSync(await file.path());
}

describe('the supervisors’ delivery record', () => {
  it('finds a message by a differently written number, filters failed, and exports both formats as the log says', async () => {
    await page.goto(web.firstLine);
    // Web mode sends in the background; wait for the failure and the deliveries to come back.
    await expect.poll(async () => (await log('--status', 'delivered')).total, { timeout: 60_000 }).toBe(3);
    await expect.poll(async () => (await log('--status', 'failed')).total, { timeout: 60_000 }).toBe(1);

    await page.getByRole('link', { name: 'Sent messages' }).first().click();
    await page.getByLabel('Search by recipient, reference or spreadsheet name').fill('447700900001');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByTestId('sent-messages').locator('tbody tr').count()).toBe(1);
    expect(page.url()).toContain('search=447700900001');
    await page.getByTestId('sent-messages').getByRole('link', { name: '07700 900001' }).click();
    await page.getByTestId('message-timeline').getByText('Delivered').waitFor();
    await page.getByTestId('message-detail').getByText('Hello Ann, your bins go out tomorrow.').waitFor();
    expect(await accessibilityProblems()).toEqual([]);

    await page.getByRole('link', { name: 'Sent messages' }).first().click();
    await page.getByRole('list', { name: 'Messages by status' }).getByRole('link', { name: '1 failed' }).click();
    await expect.poll(() => page.getByTestId('sent-messages').locator('tbody tr').count()).toBe(1);
    expect(page.url()).toContain('status=failed');
    await page.getByTestId('sent-messages').getByText('Not delivered').waitFor();
    // The filter is in the address: a bookmark opens the same list.
    await page.reload();
    await expect.poll(() => page.getByTestId('sent-messages').locator('tbody tr').count()).toBe(1);

    await page.getByRole('link', { name: '4 total' }).click();
    await expect.poll(() => page.getByTestId('sent-messages').locator('tbody tr').count()).toBe(4);
    expect(await accessibilityProblems()).toEqual([]);
    const logged = (await log()).messages;
    const csv = parse(await download('Download these messages (CSV)'), { bom: true });
    expect(csv[0]!.slice(0, 9)).toEqual([
      'Recipient',
      'Reference',
      'Template',
      'Type',
      'Sent by',
      'Sent by email',
      'Job',
      'Status',
      'Time',
    ]);
    expect(csv.slice(1).map((row) => [row[0], row[2], row[9], row[10]])).toEqual(
      logged.map((message) => [message.recipient, 'Bin day', message.notifyId, message.statusText]),
    );
    expect(
      csv
        .slice(1)
        .map((row) => row[7])
        .sort(),
    ).toEqual(['Delivered', 'Delivered', 'Delivered', 'Phone number doesn’t exist']);

    const workbook = new ExcelJS.Workbook();
    const xlsxBytes = await download('Download these messages (Excel)');
    await workbook.xlsx.load(
      xlsxBytes.buffer.slice(xlsxBytes.byteOffset, xlsxBytes.byteOffset + xlsxBytes.byteLength) as ArrayBuffer,
    );
    const sheet = workbook.worksheets[0]!;
    const xlsxRows = Array.from({ length: sheet.rowCount - 1 }, (_, index) => sheet.getRow(index + 2));
    expect(xlsxRows.map((row) => row.getCell(10).text)).toEqual(logged.map((message) => message.notifyId));
    expect(
      xlsxRows.every((row) => row.getCell(1).type === ExcelJS.ValueType.String && row.getCell(1).numFmt === '@'),
    ).toBe(true);
  }, 120_000);

  it('exports a spreadsheet’s report in Notify’s batch columns, its own formula cell made safe', async () => {
    const batch = (await log('--spreadsheet', 'bin-day')).messages;
    expect(batch).toHaveLength(3);
    await page.getByRole('link', { name: 'Outbox' }).first().click();
    await page.getByRole('link', { name: 'Delivery report for bin-day.csv' }).click();
    await expect.poll(() => page.getByTestId('sent-messages').locator('tbody tr').count()).toBe(3);
    const rows = parse(await download('Download the spreadsheet report (CSV)'), { bom: true });
    expect(rows[0]!.slice(0, 8)).toEqual([
      'Row number',
      'phone number',
      'name',
      'Template',
      'Type',
      'Job',
      'Status',
      'Time',
    ]);
    expect(rows.slice(1).map((row) => row.slice(0, 7))).toEqual([
      ['1', '07700 900001', 'Ann', 'Bin day', 'sms', 'bin-day.csv', 'Delivered'],
      [
        '2',
        '07700 900002',
        `'=HYPERLINK("http://x","Bob")`,
        'Bin day',
        'sms',
        'bin-day.csv',
        'Phone number doesn’t exist',
      ],
      ['3', '07700 900004', 'Cat', 'Bin day', 'sms', 'bin-day.csv', 'Delivered'],
    ]);
  }, 60_000);

  it('shows the dashboard’s figures from the daily totals, each a link to the list', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).first().click();
    const today = page.getByTestId('dashboard-today');
    await today
      .getByRole('row', { name: /Text messages/ })
      .getByRole('link', { name: '4', exact: true })
      .waitFor();
    await today.getByText('More than 3% failed').waitFor();
    expect(await accessibilityProblems()).toEqual([]);
    await today
      .getByRole('row', { name: /Text messages/ })
      .getByRole('link', { name: '1', exact: true })
      .click();
    expect(page.url()).toContain('status=failed');
    const dashboard = JSON.parse(await cli(['--json', 'log', 'dashboard'])) as {
      periods: { byChannel: { sms: { requested: number; failed: number } } }[];
    };
    expect(dashboard.periods[0]!.byChannel.sms).toMatchObject({ requested: 4, failed: 1 });

    // An export from the command line is in the audit trail too: what was asked for, how many rows, the file's name.
    const out = join(dataDir.path, 'failed texts.csv');
    expect(await cli(['log', 'export', '--status', 'failed', '--type', 'sms', '--format', 'csv', '--out', out])).toBe(
      `1 rows written to ${out}\n`,
    );
    const { entries } = JSON.parse(await cli(['--json', 'audit', 'list'])) as {
      entries: { action: string; detail: Record<string, unknown> }[];
    };
    expect(entries.find((entry) => entry.action === 'record.exported')?.detail).toMatchObject({
      format: 'csv',
      rows: 1,
      fileName: 'failed texts.csv',
      filter: { status: 'failed', type: 'sms' },
    });
  }, 60_000);
});
