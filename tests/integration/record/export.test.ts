import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/database/open-database';
import { recipientSearchKey } from '../../../electron/core/database/record-functions';
import { exportToFile } from '../../../electron/core/record/export/export-jobs';
import { makeTempDir } from '../../helpers/temp-dir';

interface Seed {
  type: 'sms' | 'email' | 'letter';
  recipient: string;
  reference?: string;
  status?: string;
  createdAt: string;
  template?: string;
  sentBy?: string;
}

let sequence = 0;
const keys = new Map<string, string>();
const searchKey = (type: Seed['type'], recipient: string): string => {
  const key = `${type}:${recipient}`;
  if (!keys.has(key)) keys.set(key, recipientSearchKey(type, recipient));
  return keys.get(key)!;
};
function insert(db: Db, seed: Seed): void {
  sequence += 1;
  db.prepare(
    `INSERT INTO record_messages (id, notify_id, origin, type, status, recipient, recipient_key, reference, template_name,
       sent_by, created_at, status_at, day)
     VALUES (?, ?, 'elsewhere', ?, ?, ?, ?, ?, ?, ?, ?, ?, notify_desk_london_date(?))`,
  ).run(
    `m${String(sequence).padStart(6, '0')}`,
    `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    seed.type,
    seed.status ?? 'delivered',
    seed.recipient,
    searchKey(seed.type, seed.recipient),
    seed.reference ?? null,
    seed.template ?? 'Reminder',
    seed.sentBy ?? null,
    seed.createdAt,
    seed.createdAt,
    seed.createdAt,
  );
}

const HEADERS = ['Recipient', 'Reference', 'Template', 'Type', 'Sent by', 'Sent by email', 'Job', 'Status', 'Time'];

describe('exports of the delivery record', () => {
  const folder = makeTempDir();
  let db: Db;

  beforeAll(() => {
    db = openDatabase(join(folder.path, 'desk.sqlite'));
    // Both sides of the clocks going forward (29 March 2026, 01:00 UTC) and back (25 October 2026, 01:00 UTC).
    insert(db, {
      type: 'sms',
      recipient: '+447700900123',
      reference: '=HYPERLINK("http://x","y")',
      createdAt: '2026-03-29T00:30:00.000Z',
    });
    insert(db, {
      type: 'sms',
      recipient: '+1 (202) 555-0123',
      reference: '@SUM(A1)',
      createdAt: '2026-03-29T01:30:00.000Z',
      status: 'sent',
    });
    insert(db, {
      type: 'email',
      recipient: 'zoë@example.com',
      reference: '-2+3',
      createdAt: '2026-10-25T00:30:00.000Z',
      status: 'permanent-failure',
    });
    insert(db, {
      type: 'letter',
      recipient: 'Ms A Person ,\n1 High Street\nSW1A 1AA',
      reference: '\tTabbed',
      createdAt: '2026-10-25T01:30:00.000Z',
      status: 'returned-letter',
    });
    insert(db, {
      type: 'sms',
      recipient: '07700900456',
      reference: '+44 plus',
      createdAt: '2026-10-25T02:00:00.000Z',
      status: 'permanent-failure',
      sentBy: 'Carol',
    });
  });
  afterAll(() => {
    db.close();
    folder.remove();
  });

  it('writes CSV in Notify’s columns and words, London time, formula-safe cells, a BOM, read back with csv-parse', async () => {
    const file = join(folder.path, 'report.csv');
    expect(await exportToFile(db, { filter: {}, format: 'csv', destination: file })).toBe(5);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, relax_column_count: false });
    expect(rows[0]!.slice(0, 9)).toEqual(HEADERS);
    expect(rows[0]!.slice(9)).toEqual(['Notify ID', 'Status detail', 'Final status time', 'Sent from']);
    const byTime = rows.slice(1).map((row) => row.slice(0, 9));
    expect(byTime).toEqual([
      [
        '07700 900456',
        "'+44 plus",
        'Reminder',
        'sms',
        'Carol',
        '',
        '',
        'Phone number doesn’t exist',
        '2026-10-25 02:00:00',
      ],
      ['Ms A Person', "'\tTabbed", 'Reminder', 'letter', '', '', '', 'Returned', '2026-10-25 01:30:00'],
      [
        'zoë@example.com',
        "'-2+3",
        'Reminder',
        'email',
        '',
        '',
        '',
        'Email address doesn’t exist',
        '2026-10-25 01:30:00',
      ],
      ["'+1 202-555-0123", "'@SUM(A1)", 'Reminder', 'sms', '', '', '', 'Sent internationally', '2026-03-29 02:30:00'],
      [
        '07700 900123',
        `'=HYPERLINK("http://x","y")`,
        'Reminder',
        'sms',
        '',
        '',
        '',
        'Delivered',
        '2026-03-29 00:30:00',
      ],
    ]);
  });

  it('writes XLSX through exceljs with text cells, phone numbers as text, read back with exceljs', async () => {
    const file = join(folder.path, 'report.xlsx');
    expect(await exportToFile(db, { filter: { type: 'sms' }, format: 'xlsx', destination: file })).toBe(3);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    const values = (rowNumber: number) =>
      Array.from((sheet.getRow(rowNumber).values as unknown[]).slice(1, 10), (value) => value ?? '');
    expect(values(1)).toEqual(HEADERS);
    expect(values(2)).toEqual([
      '07700 900456',
      '+44 plus',
      'Reminder',
      'sms',
      'Carol',
      '',
      '',
      'Phone number doesn’t exist',
      '2026-10-25 02:00:00',
    ]);
    expect(values(4)[0]).toBe('07700 900123');
    expect(values(4)[1]).toBe('=HYPERLINK("http://x","y")');
    for (const rowNumber of [2, 3, 4]) {
      const phone = sheet.getRow(rowNumber).getCell(1);
      expect(phone.type).toBe(ExcelJS.ValueType.String);
      expect(phone.numFmt).toBe('@');
      expect(sheet.getRow(rowNumber).getCell(2).type).toBe(ExcelJS.ValueType.String);
    }
  });

  it('leaves nothing behind when an export is cancelled half-way, and nothing under the chosen name', async () => {
    const many = db.transaction(() => {
      for (let index = 0; index < 2_100; index += 1) {
        insert(db, {
          type: 'sms',
          recipient: `07700 9000${String(index % 50).padStart(2, '0')}`,
          createdAt: new Date(Date.UTC(2026, 5, 1, 0, 0, index)).toISOString(),
        });
      }
    });
    many();
    for (const format of ['csv', 'xlsx'] as const) {
      const out = makeTempDir();
      const destination = join(out.path, `cancelled.${format}`);
      const controller = new AbortController();
      let progressCalls = 0;
      await expect(
        exportToFile(db, {
          filter: {},
          format,
          destination,
          signal: controller.signal,
          onProgress: (done, total) => {
            progressCalls += 1;
            expect(total).toBe(2_105);
            if (done >= 2_000) controller.abort();
          },
        }),
      ).rejects.toThrow('The export was cancelled. No file was saved.');
      expect(progressCalls).toBeGreaterThanOrEqual(1);
      expect(readdirSync(out.path)).toEqual([]);
      out.remove();
    }
  });
});
