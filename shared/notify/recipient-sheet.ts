// Checks a recipient spreadsheet the way Notify does before a bulk send (RecipientCSV, Row and Cell in
// notifications_utils/recipients.py). The header row is read once; each data row is then checked in a single pass.
import { validateEmailAddress } from './email-address';
import { pythonStrip, stripAndRemoveObscureWhitespace } from './formatters';
import { validatePhoneNumber } from './phone-number';
import { compileField } from './placeholders';
import { analysePostalAddress, postalAddressFromPersonalisation } from './postal-address';
import { findQrCodeTooLong } from './letter-template';
import { formatRecipient } from './recipient-format';
import { readSheetColumns, type SheetColumns, type SheetTemplate } from './recipient-sheet-columns';
import { compileSmsTemplate, SMS_CHARACTER_LIMIT } from './sms';

export { recipientColumnNames, type SheetTemplate } from './recipient-sheet-columns';

export const DEFAULT_MAX_ROWS = 100_000;
export const MISSING_CELL_ERROR = 'Missing';
/** Letters' `qr: …` paragraphs can hold at most this many bytes (UTF-8). */
export const QR_CODE_MAX_BYTES = 504;

/** Keys of problems that belong to the whole row rather than to one cell. */
export const ROW_ERROR_KEYS = {
  /** A letter's address, read from its address columns, that Notify would not accept. */
  address: 'address',
  /** The message itself: too long, empty, or a QR code with too much data. */
  message: 'message',
} as const;

export const ROW_ERROR_MESSAGES = {
  messageTooLong: `Message is too long: text messages can be at most ${SMS_CHARACTER_LIMIT} characters`,
  messageEmpty: 'Message is empty: the placeholders fill in to nothing',
  qrCodeTooLong: `QR code has too much data: it can hold at most ${QR_CODE_MAX_BYTES} bytes`,
} as const;

export interface RecipientCheckOptions {
  maxRows?: number;
  allowInternationalSms?: boolean;
  allowInternationalLetters?: boolean;
  allowLandline?: boolean;
  /** Messages the service can still send today; more rows than this is an error. */
  remainingMessages?: number;
  /** International text messages the service can still send today. */
  remainingInternationalSmsMessages?: number;
  /** When not empty, every recipient must be one of these (trial mode). */
  guestList?: readonly string[];
  /** Set false to accept phone numbers unchecked, as Notify's `should_validate_phone_number`. */
  validatePhoneNumbers?: boolean;
  /**
   * Set false to leave the message checks (too long, empty, QR code) to a caller that renders every row anyway;
   * it must then report them under `ROW_ERROR_KEYS.message` itself.
   */
  checkMessages?: boolean;
}

export interface RecipientRowErrors {
  /** 0-based index among the data rows. */
  index: number;
  /** Cell errors under the column name as written; row problems under `address` or `message`. */
  errors: Record<string, string>;
}

export interface RecipientCheck {
  missingColumns: string[];
  duplicateRecipientColumns: string[];
  rowCount: number;
  tooManyRows: boolean;
  rowsWithErrors: number[];
  rows: RecipientRowErrors[];
  hasErrors: boolean;
}

type CellValue = string | (string | null)[] | null;

interface Cell {
  /** The header (as written) whose value the cell holds: the last of those sharing its key. */
  header: string;
  value: CellValue;
}

interface RecipientVerdict {
  error: string | null;
  internationalSms: boolean;
}

function isEmptyCell(value: CellValue): boolean {
  return value === null || value === '';
}

/**
 * One row as Notify reads it: cells trimmed, empty ones null; repeated non-recipient columns gather their values
 * in a list, repeated recipient columns keep the last; columns the row is too short for are null. Cells are then
 * keyed insensitively, the later spelling winning.
 */
function readRow(
  row: readonly (string | null)[],
  columns: SheetColumns,
  headersAreDistinct: boolean,
): Map<string, Cell> {
  if (headersAreDistinct) return readRowOfDistinctHeaders(row, columns);
  const byHeader = new Map<string, { key: string; value: CellValue }>();
  const { headers, headerKeys, recipientKeys } = columns;
  headers.forEach((header, position) => {
    const key = headerKeys[position] ?? '';
    const raw = position < row.length ? (row[position] ?? '') : undefined;
    const value = raw === undefined ? null : stripAndRemoveObscureWhitespace(raw) || null;
    if (raw !== undefined && recipientKeys.has(key)) {
      byHeader.set(header, { key, value });
      return;
    }
    if (header === '' && value === null) return;
    const existing = byHeader.get(header)?.value;
    if (existing === undefined || isEmptyCell(existing) || (Array.isArray(existing) && existing.length === 0)) {
      byHeader.set(header, { key, value });
    } else {
      byHeader.set(header, { key, value: Array.isArray(existing) ? [...existing, value] : [existing, value] });
    }
  });
  const cells = new Map<string, Cell>();
  for (const [header, { key, value }] of byHeader) cells.set(key, { header, value });
  return cells;
}

/** readRow when no two headers are the same, nor the same insensitively: nothing to gather or overwrite. */
function readRowOfDistinctHeaders(row: readonly (string | null)[], columns: SheetColumns): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const { headers, headerKeys, recipientKeys } = columns;
  for (let position = 0; position < headers.length; position += 1) {
    const header = headers[position] ?? '';
    const key = headerKeys[position] ?? '';
    const raw = position < row.length ? (row[position] ?? '') : undefined;
    const value = raw === undefined ? null : stripAndRemoveObscureWhitespace(raw) || null;
    if (header === '' && value === null && !(raw !== undefined && recipientKeys.has(key))) continue;
    cells.set(key, { header, value });
  }
  return cells;
}

/** Per-row message checks, prepared once for the template. */
function prepareMessageChecks(template: SheetTemplate): (values: Record<string, CellValue>) => string | null {
  if (template.type === 'sms') {
    const render = compileSmsTemplate(template.body);
    return (values) => {
      const message = render(values);
      if (message.tooLong) return ROW_ERROR_MESSAGES.messageTooLong;
      return message.empty ? ROW_ERROR_MESSAGES.messageEmpty : null;
    };
  }
  const body = template.body;
  const canBeEmpty = body === '' || (body.startsWith('((') && body.endsWith('))'));
  const fillForEmptiness = compileField(body, { html: true, escapeHtml: false, markdownLists: true });
  const mayHaveQrCode = template.type === 'letter' && /qr\s*:/i.test(body);
  return (values) => {
    if (canBeEmpty && pythonStrip(fillForEmptiness(values)) === '') return ROW_ERROR_MESSAGES.messageEmpty;
    if (mayHaveQrCode && findQrCodeTooLong({ body, values }) !== null) return ROW_ERROR_MESSAGES.qrCodeTooLong;
    return null;
  };
}

/** Recipient validation, remembered per distinct value (sheets often repeat recipients). */
function prepareRecipientCheck(
  template: SheetTemplate,
  options: RecipientCheckOptions,
): (value: string) => RecipientVerdict {
  const verdicts = new Map<string, RecipientVerdict>();
  const check = (value: string): RecipientVerdict => {
    if (template.type === 'email') {
      const result = validateEmailAddress(value);
      return { error: result.valid ? null : result.error, internationalSms: false };
    }
    if (options.validatePhoneNumbers === false) return { error: null, internationalSms: false };
    const result = validatePhoneNumber(value, {
      allowInternational: options.allowInternationalSms ?? false,
      allowLandline: options.allowLandline ?? false,
    });
    if (!result.valid) return { error: result.error, internationalSms: false };
    return { error: null, internationalSms: result.countryPrefix !== '44' };
  };
  return (value) => {
    let verdict = verdicts.get(value);
    if (verdict === undefined) {
      verdict = check(value);
      verdicts.set(value, verdict);
    }
    return verdict;
  };
}

/**
 * Checks every row of a recipient spreadsheet against a template, as Notify does before a bulk send. The first row
 * is the header row; row indexes are 0-based data rows. Rows past `maxRows` are counted but not checked.
 */
export function checkRecipients(
  rows: readonly (readonly (string | null)[])[],
  template: SheetTemplate,
  options: RecipientCheckOptions = {},
): RecipientCheck {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const columns = readSheetColumns(rows[0] ?? [], template);
  const hasDuplicateRecipientColumns = columns.duplicateRecipientColumns.length > 0;
  const checkMessage = options.checkMessages === false ? () => null : prepareMessageChecks(template);
  const checkRecipient = prepareRecipientCheck(template, options);
  const guestList =
    template.type !== 'letter' && options.guestList && options.guestList.length > 0
      ? new Set(options.guestList.map(formatRecipient))
      : null;
  const recipientKey = template.type === 'letter' ? null : ([...columns.recipientKeys][0] ?? null);

  const rowCount = Math.max(rows.length - 1, 0);
  const rowsWithErrors: number[] = [];
  const rowErrors: RecipientRowErrors[] = [];
  let allRecipientsAllowed = true;
  let internationalSmsCount = 0;

  const headersAreDistinct =
    new Set(columns.headers).size === columns.headers.length &&
    new Set(columns.headerKeys).size === columns.headerKeys.length;
  for (let index = 0; index < Math.min(rowCount, maxRows); index += 1) {
    const cells = readRow(rows[index + 1] ?? [], columns, headersAreDistinct);
    const errors: Record<string, string> = {};
    let hasErrors = false;
    const values: Record<string, CellValue> = {};
    for (const [key, cell] of cells) {
      values[key] = cell.value;
      if (columns.addressKeys.has(key)) continue;
      let error: string | null = null;
      if (columns.recipientKeys.has(key)) {
        if (isEmptyCell(cell.value) || Array.isArray(cell.value)) {
          error = hasDuplicateRecipientColumns ? null : MISSING_CELL_ERROR;
        } else if (typeof cell.value === 'string') {
          const verdict = checkRecipient(cell.value);
          error = verdict.error;
          if (verdict.internationalSms) internationalSmsCount += 1;
        }
      } else if (columns.placeholderKeys.has(key) && isEmptyCell(cell.value)) {
        error = MISSING_CELL_ERROR;
      }
      if (error !== null) {
        errors[cell.header] = error;
        hasErrors = true;
      }
    }

    if (guestList !== null && recipientKey !== null) {
      const recipient = cells.get(recipientKey)?.value ?? null;
      if (!guestList.has(formatRecipient(recipient))) allRecipientsAllowed = false;
    }

    const messageError = checkMessage(values);
    if (messageError !== null) {
      errors[ROW_ERROR_KEYS.message] = messageError;
      hasErrors = true;
    }
    if (template.type === 'letter') {
      const address = analysePostalAddress(postalAddressFromPersonalisation(values, { insensitiveKeys: true }), {
        allowInternational: options.allowInternationalLetters ?? false,
      });
      if (address.error !== null) {
        errors[ROW_ERROR_KEYS.address] = address.error;
        hasErrors = true;
      }
    }

    if (hasErrors) {
      rowsWithErrors.push(index);
      rowErrors.push({ index, errors });
    }
  }

  const tooManyRows = rowCount > maxRows;
  const moreRowsThanCanSend = options.remainingMessages !== undefined && rowCount > options.remainingMessages;
  const moreInternationalSmsThanCanSend =
    options.remainingInternationalSmsMessages !== undefined &&
    internationalSmsCount > Math.max(options.remainingInternationalSmsMessages, 0);

  return {
    missingColumns: columns.missingColumns,
    duplicateRecipientColumns: columns.duplicateRecipientColumns,
    rowCount,
    tooManyRows,
    rowsWithErrors,
    rows: rowErrors,
    hasErrors:
      columns.missingColumns.length > 0 ||
      hasDuplicateRecipientColumns ||
      moreRowsThanCanSend ||
      tooManyRows ||
      !allRecipientsAllowed ||
      rowsWithErrors.length > 0 ||
      moreInternationalSmsThanCanSend,
  };
}
