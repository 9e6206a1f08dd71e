import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { insensitiveKey } from '../../../shared/notify/formatters';
import {
  checkRecipients,
  recipientColumnNames,
  ROW_ERROR_KEYS,
  ROW_ERROR_MESSAGES,
  type RecipientCheck,
  type RecipientCheckOptions,
  type SheetTemplate,
} from '../../../shared/notify/recipient-sheet';

interface VectorOptions {
  template_type: 'email' | 'sms' | 'letter';
  template_content: string;
  template_subject?: string;
  allow_international_sms?: boolean;
  allow_international_letters?: boolean;
  remaining_messages?: number;
  remaining_international_sms_messages?: number;
  guestlist?: string[];
  should_validate_phone_number?: boolean;
}

interface VectorRow {
  index: number;
  cells: { key: string | null; error: string | null }[];
}

interface VectorExpectation {
  missing_column_headers: string[];
  duplicate_recipient_column_headers: string[];
  row_count: number;
  too_many_rows: boolean;
  rows_with_errors: number[];
  rows_with_bad_recipients: number[];
  rows_with_missing_data: number[];
  rows_with_message_too_long: number[];
  rows_with_empty_message: number[];
  rows_with_bad_qr_codes: number[];
  has_errors: boolean;
  /** Left out of the vectors for very long sheets. */
  rows?: VectorRow[];
}

interface VectorCase {
  options: VectorOptions;
  rows: string[][];
  expected: VectorExpectation;
  from_test?: string;
  origin?: string;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../fixtures/notify-vectors/recipient_csv.json', import.meta.url), 'utf8'),
) as { cases: VectorCase[] };

function templateOf(options: VectorOptions): SheetTemplate {
  return options.template_subject === undefined
    ? { type: options.template_type, body: options.template_content }
    : { type: options.template_type, body: options.template_content, subject: options.template_subject };
}

function checkOptionsOf(options: VectorOptions): RecipientCheckOptions {
  return {
    allowInternationalSms: options.allow_international_sms ?? false,
    allowInternationalLetters: options.allow_international_letters ?? false,
    ...(options.remaining_messages === undefined ? {} : { remainingMessages: options.remaining_messages }),
    ...(options.remaining_international_sms_messages === undefined
      ? {}
      : { remainingInternationalSmsMessages: options.remaining_international_sms_messages }),
    ...(options.guestlist === undefined ? {} : { guestList: options.guestlist }),
    ...(options.should_validate_phone_number === undefined
      ? {}
      : { validatePhoneNumbers: options.should_validate_phone_number }),
  };
}

const ROW_LEVEL_KEYS: ReadonlySet<string> = new Set(Object.values(ROW_ERROR_KEYS));

/** Our per-row cell errors keyed as the vectors key them (insensitively), row-level problems left out. */
function cellErrorsByKey(check: RecipientCheck): Record<number, Record<string, string>> {
  const byRow: Record<number, Record<string, string>> = {};
  for (const row of check.rows) {
    const cells = Object.entries(row.errors).filter(([column]) => !ROW_LEVEL_KEYS.has(column));
    if (cells.length > 0)
      byRow[row.index] = Object.fromEntries(cells.map(([column, error]) => [insensitiveKey(column), error]));
  }
  return byRow;
}

function expectedCellErrorsByKey(rows: VectorRow[]): Record<number, Record<string, string>> {
  const byRow: Record<number, Record<string, string>> = {};
  for (const row of rows) {
    const cells = row.cells.filter((cell) => cell.key !== null && cell.error !== null);
    if (cells.length > 0) byRow[row.index] = Object.fromEntries(cells.map((cell) => [cell.key, cell.error]));
  }
  return byRow;
}

function indexesWhere(check: RecipientCheck, test: (errors: Record<string, string>) => boolean): number[] {
  return check.rows.filter((row) => test(row.errors)).map((row) => row.index);
}

describe('checkRecipients (Notify vectors)', () => {
  it.each(vectors.cases.map((vector, position) => [position, vector.from_test ?? vector.origin, vector] as const))(
    'case %i (%s)',
    (_position, _name, vector) => {
      const template = templateOf(vector.options);
      const check = checkRecipients(vector.rows, template, checkOptionsOf(vector.options));
      const expected = vector.expected;
      const recipientKey = insensitiveKey(recipientColumnNames(template.type)[0] ?? '');

      expect([...check.missingColumns].sort()).toEqual([...expected.missing_column_headers].sort());
      expect(check.duplicateRecipientColumns).toEqual(expected.duplicate_recipient_column_headers);
      expect(check.rowCount).toBe(expected.row_count);
      expect(check.tooManyRows).toBe(expected.too_many_rows);
      expect(check.rowsWithErrors).toEqual(expected.rows_with_errors);
      expect(check.hasErrors).toBe(expected.has_errors);
      if (expected.rows) expect(cellErrorsByKey(check)).toEqual(expectedCellErrorsByKey(expected.rows));

      const badRecipients =
        template.type === 'letter'
          ? indexesWhere(check, (errors) => ROW_ERROR_KEYS.address in errors)
          : indexesWhere(check, (errors) =>
              Object.entries(errors).some(
                ([column, error]) => insensitiveKey(column) === recipientKey && error !== 'Missing',
              ),
            );
      expect(badRecipients).toEqual(expected.rows_with_bad_recipients);
      expect(indexesWhere(check, (errors) => Object.values(errors).includes('Missing'))).toEqual(
        expected.rows_with_missing_data,
      );
      expect(indexesWhere(check, (errors) => errors.message === ROW_ERROR_MESSAGES.messageTooLong)).toEqual(
        expected.rows_with_message_too_long,
      );
      expect(indexesWhere(check, (errors) => errors.message === ROW_ERROR_MESSAGES.messageEmpty)).toEqual(
        expected.rows_with_empty_message,
      );
      expect(indexesWhere(check, (errors) => errors.message === ROW_ERROR_MESSAGES.qrCodeTooLong)).toEqual(
        expected.rows_with_bad_qr_codes,
      );
    },
  );
});

describe('checkRecipients', () => {
  const sms: SheetTemplate = { type: 'sms', body: 'Hello ((name)), your code is ((code))' };

  it('reports cell errors under the column names as written', () => {
    const check = checkRecipients(
      [
        ['Phone_Number', 'NAME', 'code'],
        ['07700 900123', 'Ann', '1'],
        ['not a number', '', '2'],
      ],
      sms,
    );
    expect(check.rows).toEqual([
      {
        index: 1,
        errors: {
          Phone_Number: 'Mobile numbers can only include: 0 1 2 3 4 5 6 7 8 9 ( ) + -',
          NAME: 'Missing',
        },
      },
    ]);
    expect(check.rowsWithErrors).toEqual([1]);
    expect(check.hasErrors).toBe(true);
  });

  it('lists placeholders and the recipient column missing from the headers', () => {
    const check = checkRecipients([['name']], sms);
    expect([...check.missingColumns].sort()).toEqual(['code', 'phone number']);
    expect(check.hasErrors).toBe(true);
  });

  it('uses the service permissions for international and landline numbers', () => {
    const rows = [
      ['phone number', 'name', 'code'],
      ['+1 202 555 0104', 'A', '1'],
      ['0117 496 0860', 'B', '2'],
    ];
    expect(checkRecipients(rows, sms).rowsWithErrors).toEqual([0, 1]);
    expect(checkRecipients(rows, sms, { allowInternationalSms: true, allowLandline: true }).rowsWithErrors).toEqual([]);
  });

  it('puts a text message that is too long under message', () => {
    const check = checkRecipients(
      [
        ['phone number', 'name', 'code'],
        ['07700900123', 'x'.repeat(900), '1'],
      ],
      sms,
    );
    expect(check.rows).toEqual([{ index: 0, errors: { message: ROW_ERROR_MESSAGES.messageTooLong } }]);
  });

  it('puts an email that fills in to nothing under message', () => {
    const email: SheetTemplate = { type: 'email', subject: 'Hi', body: '((greeting??Hello))' };
    const check = checkRecipients(
      [
        ['email address', 'greeting'],
        ['a@example.com', 'no'],
        ['b@example.com', 'yes'],
      ],
      email,
    );
    expect(check.rows).toEqual([{ index: 0, errors: { message: ROW_ERROR_MESSAGES.messageEmpty } }]);
  });

  it("puts a letter row's address problem under address, with the API's words", () => {
    const letter: SheetTemplate = { type: 'letter', subject: 'Hi', body: 'Dear ((name))' };
    const rows = [
      ['address line 1', 'address line 2', 'address line 3', 'name'],
      ['A Person', '1 Street', 'SW1A 1AA', 'A'],
      ['A Person', '1 Rue', 'France', 'B'],
      ['A Person', '', '', 'C'],
    ];
    const check = checkRecipients(rows, letter);
    expect(check.rows).toEqual([
      { index: 1, errors: { address: 'Must be a real UK postcode' } },
      { index: 2, errors: { address: 'Address must be at least 3 lines' } },
    ]);
    expect(checkRecipients(rows, letter, { allowInternationalLetters: true }).rowsWithErrors).toEqual([2]);
  });

  it('counts rows past maxRows without checking them', () => {
    const rows = [
      ['phone number', 'name', 'code'],
      ['07700900123', 'A', '1'],
      ['bad', 'B', '2'],
      ['bad', 'C', '3'],
    ];
    const check = checkRecipients(rows, sms, { maxRows: 1 });
    expect(check).toMatchObject({ rowCount: 3, tooManyRows: true, rowsWithErrors: [], hasErrors: true });
  });

  it('refuses recipients outside the guest list', () => {
    const rows = [
      ['phone number', 'name', 'code'],
      ['07700900123', 'A', '1'],
    ];
    expect(checkRecipients(rows, sms, { guestList: ['+44 7700 900123'] }).hasErrors).toBe(false);
    expect(checkRecipients(rows, sms, { guestList: ['07700900999'] }).hasErrors).toBe(true);
  });

  it('checks 100,000 rows, finding exactly the rows with a missing value', () => {
    const email: SheetTemplate = { type: 'email', subject: 'Hello ((name))', body: 'Your code is ((code))' };
    const rows: string[][] = [['email address', 'name', 'code']];
    for (let index = 0; index < 100_000; index += 1) {
      rows.push([`person.${index}@example${index % 50}.gov.uk`, `Person ${index}`, index % 1000 === 0 ? '' : 'x']);
    }
    const check = checkRecipients(rows, email);
    expect(check.rowCount).toBe(100_000);
    expect(check.rowsWithErrors).toHaveLength(100);
    expect(check.rowsWithErrors.slice(0, 3)).toEqual([0, 1000, 2000]);
  }, 30_000);
});
