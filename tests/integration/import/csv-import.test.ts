import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { checkImport, queueImport } from '../../../electron/core/import/run-import';
import { createImportTestBed, type ImportTestBed } from './import-test-setup';

let bed: ImportTestBed;
beforeEach(() => {
  bed = createImportTestBed();
});
afterEach(() => bed.cleanup());

const smsBody = 'Hello ((name)), your appointment is on ((date)).';

describe('reading CSV files', () => {
  it('reads a plain UTF-8 file with Notify-matched headers', async () => {
    const template = bed.template('sms', smsBody);
    const path = bed.write('people.csv', 'Phone Number,NAME,Date\n07700 900123,Ann,1 May\n07700900124,Bob,2 May\n');
    const report = await checkImport(await bed.run(path, template));
    expect(report).toMatchObject({ rows: 2, valid: 2, invalid: 0, missingColumns: [], errors: [] });
    expect(report.columns.map((column) => column.placeholder)).toEqual(['phone number', 'name', 'date']);
  });

  it.each([
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('phone number,name,date\n07700900123,Zoë,1 May\n')])],
    ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('phone number\tname\tdate\r\n07700900123\tZoë\t1 May\r\n', 'utf16le')])],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('phone number,name,date\n07700900123,Zoë,1 May\n', 'utf16be')])],
    ['Windows-1252', iconv.encode('phone number;name;date\r\n07700900123;Zoë;1 May\r\n', 'win1252')],
  ])('reads %s', async (_, bytes) => {
    const template = bed.template('sms', smsBody);
    const path = bed.write('people.csv', bytes);
    const run = await bed.run(path, template);
    const result = await queueImport(run, { excludeInvalid: false, importedBy: 'tester', rejectedRowsFolder: bed.dir });
    expect(result.report.errors).toEqual([]);
    const message = bed.db.prepare('SELECT personalisation, rendered_body FROM outbox_messages').get() as { personalisation: string; rendered_body: string };
    expect(JSON.parse(message.personalisation)).toEqual({ name: 'Zoë', date: '1 May' });
  });

  it('sniffs semicolons and tabs and keeps quoted line breaks in one cell', async () => {
    const template = bed.template('letter', 'Dear ((name))');
    const csv = 'address line 1;address line 2;postcode;name\n"Flat 1\n10 Downing Street";London;SW1A 2AA;"Smith; J"\n';
    const path = bed.write('letters.csv', csv);
    const report = await checkImport(await bed.run(path, template));
    expect(report).toMatchObject({ rows: 1, valid: 1, errors: [] });
  });

  it('reports each problem with the sheet row number and Notify’s message', async () => {
    const template = bed.template('sms', smsBody);
    const path = bed.write('people.csv', 'phone number,name,date\n07700900123,Ann,1 May\n,Bob,2 May\n\n07123 4567,Cy,\n');
    const report = await checkImport(await bed.run(path, template));
    expect(report.rows).toBe(3);
    expect(report.errors).toEqual([
      { row: 3, column: 'phone number', message: 'Missing' },
      { row: 5, column: 'phone number', message: 'Number is not valid – double check the phone number you entered' },
      { row: 5, column: 'date', message: 'Missing' },
    ]);
    expect(report.errorCounts).toEqual([
      { message: 'Missing', count: 2 },
      { message: 'Number is not valid – double check the phone number you entered', count: 1 },
    ]);
  });
});
