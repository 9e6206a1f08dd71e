import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../simulator';
import { runCli } from '../../helpers/processes';
import { makeTempDir } from '../../helpers/temp-dir';

const folder = makeTempDir();
const env = { ...process.env, NOTIFY_DESK_KEYCHAIN_SERVICE: `notify-desk-inbox-cli-${process.pid}` };
const cli = (args: string[], input?: string) => runCli(['--data-dir', folder.path, ...args], { env, input });
let simulator: RunningSimulator;

interface Listed {
  userNumber: string;
  phoneNumber: string;
  content: string;
  receivedAt: string;
  read: boolean;
}

async function ok(args: string[], input?: string): Promise<string> {
  const result = await cli(args, input);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

/** An independent reading of UK time, to the minute. */
const ukMinute = (iso: string): string =>
  new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/London' }).slice(0, 16);

beforeAll(async () => {
  simulator = await startSimulator({
    port: 0,
    quiet: true,
    seed: {
      mode: 'extend',
      receivedTexts: [
        { userNumber: '12025550123', content: 'Yes from abroad', minutesAgo: 120 },
        { userNumber: '447700900601', content: '=SUM(A1:A9) and café ☕', minutesAgo: 5 },
      ],
    },
  });
  await ok(['service', 'add', '--url', simulator.url, '--api-key-stdin'], `${simulator.apiKeys.live}\n`);
}, 60_000);

afterAll(async () => {
  await cli(['service', 'remove']);
  await simulator.close();
  folder.remove();
});

describe('notify-desk inbox', () => {
  it('fetches received texts with sync --once, lists them newest first, and never stores one twice', async () => {
    expect(JSON.parse(await ok(['--json', 'inbox']))).toEqual({ messages: [] });
    const first = JSON.parse(await ok(['--json', 'sync', '--once'])) as { receivedTexts: { fetched: number } };
    // The simulator's three texts and the two seeded here.
    expect(first.receivedTexts.fetched).toBe(5);

    simulator.addReceivedText('07700900602', 'Please call me back after 5');
    const second = JSON.parse(await ok(['--json', 'sync', '--once'])) as {
      receivedTexts: { fetched: number; requests: number };
    };
    expect(second.receivedTexts).toEqual({ fetched: 1, requests: 1 });

    const { messages } = JSON.parse(await ok(['--json', 'inbox'])) as { messages: Listed[] };
    expect(messages.map((text) => [text.phoneNumber, text.content, text.read])).toEqual([
      ['07700 900602', 'Please call me back after 5', false],
      ['07700 900601', '=SUM(A1:A9) and café ☕', false],
      ['07700 900603', 'STOP', false],
      ['07700 900602', 'Please call me back', false],
      ['07700 900601', 'Yes, I can make the appointment', false],
      ['+1 202-555-0123', 'Yes from abroad', false],
    ]);
    const times = messages.map((text) => text.receivedAt);
    expect([...times].sort().reverse()).toEqual(times);

    const searched = JSON.parse(await ok(['--json', 'inbox', '--search', '+44 7700 900601'])) as { messages: Listed[] };
    expect(searched.messages.map((text) => text.content)).toEqual([
      '=SUM(A1:A9) and café ☕',
      'Yes, I can make the appointment',
    ]);
    const byWord = JSON.parse(await ok(['--json', 'inbox', '--search', 'call me'])) as { messages: Listed[] };
    expect(byWord.messages.map((text) => text.phoneNumber)).toEqual(['07700 900602', '07700 900602']);
    expect(await ok(['inbox', '--limit', '1'])).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d {2}07700 900602 {5}\* Please call me back after 5\n$/,
    );
  }, 90_000);

  it("exports Notify's inbox CSV: its three columns, numbers human-readable, no leading formula characters, UK times", async () => {
    const { messages } = JSON.parse(await ok(['--json', 'inbox'])) as { messages: Listed[] };
    const out = join(folder.path, 'inbox.csv');
    expect(await ok(['inbox', 'export', '--out', out])).toBe(`Saved 6 received text messages to ${out}\n`);
    const audit = JSON.parse(await ok(['--json', 'audit', 'list', '--limit', '1'])) as {
      entries: { action: string; detail: unknown; summary: string }[];
    };
    expect(audit.entries[0]).toMatchObject({
      action: 'inbox.exported',
      detail: { rows: 6, fileName: 'inbox.csv' },
      summary: 'Downloaded 6 received texts to inbox.csv',
    });
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
    const rows = parse(bytes, { bom: true });
    expect(rows[0]).toEqual(['Phone number', 'Message', 'Received']);
    expect(rows.slice(1)).toEqual(
      messages.map((text) => [text.phoneNumber, text.content.replace(/^[=+\-@]+/, ''), ukMinute(text.receivedAt)]),
    );
    expect(rows[2]).toEqual(['07700 900601', 'SUM(A1:A9) and café ☕', ukMinute(messages[1]!.receivedAt)]);
    expect(rows.at(-1)?.[0]).toBe('+1 202-555-0123');

    const refused = await cli(['inbox', 'export', '--out', join(folder.path, 'no-such-folder', 'inbox.csv')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('could not be saved');
  }, 60_000);
});
