import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { checkImport, previewImportRow, queueImport } from '../../../electron/core/import/run-import';
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
    [
      'UTF-8 with a BOM',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('phone number,name,date\n07700900123,Zoë,1 May\n')]),
    ],
    [
      'UTF-16 LE with a BOM',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        iconv.encode('phone number\tname\tdate\r\n07700900123\tZoë\t1 May\r\n', 'utf16le'),
      ]),
    ],
    [
      'UTF-16 BE with a BOM',
      Buffer.concat([
        Buffer.from([0xfe, 0xff]),
        iconv.encode('phone number,name,date\n07700900123,Zoë,1 May\n', 'utf16be'),
      ]),
    ],
    ['Windows-1252', iconv.encode('phone number;name;date\r\n07700900123;Zoë;1 May\r\n', 'win1252')],
  ])('reads %s', async (_, bytes) => {
    const template = bed.template('sms', smsBody);
    const path = bed.write('people.csv', bytes);
    const run = await bed.run(path, template);
    const result = await queueImport(run, { excludeInvalid: false, importedBy: 'tester', rejectedRowsFolder: bed.dir });
    expect(result.report.errors).toEqual([]);
    const message = bed.db.prepare('SELECT personalisation, rendered_body FROM outbox_messages').get() as {
      personalisation: string;
      rendered_body: string;
    };
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
    const path = bed.write(
      'people.csv',
      'phone number,name,date\n07700900123,Ann,1 May\n,Bob,2 May\n\n07123 4567,Cy,\n',
    );
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

describe('repeated column headers', () => {
  const orders = [
    'phone number,item,item,item,email address',
    '07700900123,apples,,pears,ann@example.gov.uk',
    '07700900124,,bread,,bo@example.gov.uk',
    '07700900125,,,,cy@example.gov.uk',
    '07700900126,tea,milk,sugar,di@example.gov.uk',
  ].join('\n');
  const storedMessages = () =>
    (
      bed.db
        .prepare(
          'SELECT recipient, personalisation, rendered_body, rendered_subject FROM outbox_messages ORDER BY recipient',
        )
        .all() as {
        recipient: string;
        personalisation: string;
        rendered_body: string;
        rendered_subject: string | null;
      }[]
    ).map((row) => ({ ...row, personalisation: JSON.parse(row.personalisation) as unknown }));

  it('fill a text message placeholder with a list of the non-empty values, as “a, b and c”', async () => {
    const template = bed.template('sms', 'You asked for ((item)).');
    const path = bed.write('orders.csv', orders);
    const run = await bed.run(path, template);
    const report = await checkImport(run);
    expect(report.columns.slice(0, 4)).toEqual([
      { header: 'phone number', placeholder: 'phone number', matchedBy: 'name' },
      { header: 'item', placeholder: 'item', matchedBy: 'name' },
      { header: 'item', placeholder: 'item', matchedBy: 'name' },
      { header: 'item', placeholder: 'item', matchedBy: 'name' },
    ]);
    expect(report).toMatchObject({ rows: 4, valid: 3, invalid: 1, missingColumns: [] });
    expect(report.errors).toEqual([{ row: 4, column: 'item', message: 'Missing' }]);
    expect(await previewImportRow(run, 2)).toMatchObject({
      recipient: '447700900123',
      body: 'You asked for apples and pears.',
      errors: [],
    });

    const result = await queueImport(run, { excludeInvalid: true, importedBy: 'tester', rejectedRowsFolder: bed.dir });
    expect(result).toMatchObject({ queued: 3, rejected: 1 });
    expect(storedMessages()).toEqual([
      {
        recipient: '447700900123',
        personalisation: { item: ['apples', 'pears'] },
        rendered_body: 'You asked for apples and pears.',
        rendered_subject: null,
      },
      {
        recipient: '447700900124',
        personalisation: { item: 'bread' },
        rendered_body: 'You asked for bread.',
        rendered_subject: null,
      },
      {
        recipient: '447700900126',
        personalisation: { item: ['tea', 'milk', 'sugar'] },
        rendered_body: 'You asked for tea, milk and sugar.',
        rendered_subject: null,
      },
    ]);
  });

  it('fill an email body with a bulleted list and its subject with “a and b”', async () => {
    const template = bed.template('email', 'You asked for:((item))\r\n\r\nThank you', 'Your order of ((item))');
    const path = bed.write('orders.csv', orders);
    const run = await bed.run(path, template);
    expect(await previewImportRow(run, 5)).toMatchObject({
      recipient: 'di@example.gov.uk',
      subject: 'Your order of tea, milk and sugar',
      body: 'You asked for:\n\n* tea\n* milk\n* sugar\r\n\r\nThank you',
    });
    const result = await queueImport(run, { excludeInvalid: true, importedBy: 'tester', rejectedRowsFolder: bed.dir });
    expect(result).toMatchObject({ queued: 3, rejected: 1 });
    expect(result.report.errors).toEqual([{ row: 4, column: 'item', message: 'Missing' }]);
    expect(storedMessages()).toEqual([
      {
        recipient: 'ann@example.gov.uk',
        personalisation: { item: ['apples', 'pears'] },
        rendered_body: 'You asked for:\n\n* apples\n* pears\r\n\r\nThank you',
        rendered_subject: 'Your order of apples and pears',
      },
      {
        recipient: 'bo@example.gov.uk',
        personalisation: { item: 'bread' },
        rendered_body: 'You asked for:bread\r\n\r\nThank you',
        rendered_subject: 'Your order of bread',
      },
      {
        recipient: 'di@example.gov.uk',
        personalisation: { item: ['tea', 'milk', 'sugar'] },
        rendered_body: 'You asked for:\n\n* tea\n* milk\n* sugar\r\n\r\nThank you',
        rendered_subject: 'Your order of tea, milk and sugar',
      },
    ]);
  });

  it('use only the last column of a repeated recipient header', async () => {
    const template = bed.template('sms', 'Hello ((name))');
    const path = bed.write(
      'people.csv',
      'phone number,name,phone number\nnot a number,Ann,07700900123\n07700900124,Bo,\n',
    );
    const run = await bed.run(path, template);
    const result = await queueImport(run, { excludeInvalid: true, importedBy: 'tester', rejectedRowsFolder: bed.dir });
    expect(result).toMatchObject({ queued: 1, rejected: 1 });
    expect(result.report.errors).toEqual([{ row: 3, column: 'phone number', message: 'Missing' }]);
    expect(storedMessages()).toEqual([
      {
        recipient: '447700900123',
        personalisation: { name: 'Ann' },
        rendered_body: 'Hello Ann',
        rendered_subject: null,
      },
    ]);
  });

  it('are told apart by their exact text: of “item” and “Item” the later spelling is used, as Notify does', async () => {
    const template = bed.template('sms', 'You asked for ((item)).');
    const path = bed.write('orders.csv', 'phone number,item,Item\n07700900123,apples,pears\n');
    const run = await bed.run(path, template);
    const report = await checkImport(run);
    expect(report.columns.map((column) => column.placeholder)).toEqual(['phone number', null, 'item']);
    expect(await previewImportRow(run, 2)).toMatchObject({ body: 'You asked for pears.' });
  });
});
