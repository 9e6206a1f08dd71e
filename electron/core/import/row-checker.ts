import type { ImportRowError } from '../../../shared/contract';
import { validateEmailAddress } from '../../../shared/notify/email-address';
import { stripAndRemoveObscureWhitespace } from '../../../shared/notify/formatters';
import { validatePhoneNumber } from '../../../shared/notify/phone-number';
import { compileField } from '../../../shared/notify/placeholders';
import {
  analysePostalAddress,
  postalAddressAsPersonalisation,
  postalAddressFromPersonalisation,
} from '../../../shared/notify/postal-address';
import {
  checkRecipients,
  MISSING_CELL_ERROR,
  ROW_ERROR_KEYS,
  ROW_ERROR_MESSAGES,
} from '../../../shared/notify/recipient-sheet';
import { compileSmsTemplate } from '../../../shared/notify/sms';
import type { StoredPersonalisation } from '../outbox/stored-personalisation';
import { sheetTemplate, type MatchedColumns } from './column-mapping';
import type { SheetRow } from './sheet-row';
import type { TemplateForImport } from './template-for-import';

/** What the outbox stores for one accepted row (the fields of NewOutboxMessage that vary by row). */
export interface RowMessage {
  recipient: string;
  personalisation: StoredPersonalisation;
  renderedBody: string;
  renderedSubject: string | null;
  /** The sheet row it came from (the header is row 1) and that row's cells, for the batch report. */
  rowNumber: number;
  cells: readonly string[];
}

export interface CheckedRow {
  rowNumber: number;
  errors: ImportRowError[];
  message: RowMessage | null;
  /** The recipient as Notify compares them, for the same-recipient-twice warning. */
  recipientKey: string | null;
  international: boolean;
  fragments: number | null;
}

export interface RecipientPermissions {
  allowInternationalSms: boolean;
  allowLandline: boolean;
  allowInternationalLetters: boolean;
}

export const importPermissions: RecipientPermissions = {
  allowInternationalSms: true,
  allowLandline: false,
  allowInternationalLetters: true,
};

/** Checks a chunk of rows; each result matches the row at the same position. */
export type RowChecker = (rows: readonly SheetRow[]) => CheckedRow[];

/**
 * Checks rows with Notify's `checkRecipients` (one chunk at a time, under the header row as Notify should read it),
 * then renders the accepted ones. A phone number is validated once per row: `checkRecipients` leaves it to this
 * module, which also needs the normalised number and whether it is international.
 */
export function createRowChecker(
  template: TemplateForImport,
  matched: MatchedColumns,
  permissions = importPermissions,
): RowChecker {
  const fields = [...matched.fieldColumns.entries()].map(([field, indexes]) => ({
    field,
    indexes,
    /** The column a recipient field reads (its only one). */
    index: indexes.at(-1) ?? -1,
    isRecipient: matched.recipientFields.includes(field),
  }));
  const placeholderFields = fields.filter((entry) => !entry.isRecipient);
  const recipientField = template.type === 'letter' ? undefined : fields.find((entry) => entry.isRecipient);
  const addressFields = template.type === 'letter' ? fields.filter((entry) => entry.isRecipient) : [];
  const renderSms = template.type === 'sms' ? compileSmsTemplate(template.body) : null;
  const fillBody = template.type === 'sms' ? null : compileField(template.body, { markdownLists: true });
  const fillSubject = template.subject === null || template.type === 'sms' ? null : compileField(template.subject);
  const headerOf = (notifyHeader: string): string | null => {
    if (notifyHeader === ROW_ERROR_KEYS.message || notifyHeader === ROW_ERROR_KEYS.address) return null;
    const index = matched.notifyHeaders.indexOf(notifyHeader);
    return index < 0 ? notifyHeader : (matched.columns[index]?.header ?? notifyHeader);
  };
  const columnOrder = (header: string | null): number =>
    header === null ? Number.MAX_SAFE_INTEGER : matched.columns.findIndex((column) => column.header === header);
  const sheet = sheetTemplate(template);
  const options = {
    maxRows: Number.MAX_SAFE_INTEGER,
    allowInternationalSms: permissions.allowInternationalSms,
    allowLandline: permissions.allowLandline,
    allowInternationalLetters: permissions.allowInternationalLetters,
    validatePhoneNumbers: false,
    // A text message is rendered once per row, below, for its message check and for the outbox alike.
    checkMessages: renderSms === null,
  };

  const checkRow = (row: SheetRow, notifyErrors: Record<string, string> | undefined): CheckedRow => {
    const errors: ImportRowError[] = [];
    if (notifyErrors !== undefined) {
      for (const [notifyHeader, message] of Object.entries(notifyErrors))
        errors.push({ row: row.rowNumber, column: headerOf(notifyHeader), message });
    }
    let recipient: string | null = null;
    let international = false;
    const personalisation: StoredPersonalisation = {};
    for (const entry of placeholderFields) {
      if (entry.indexes.length === 1) {
        const value = stripAndRemoveObscureWhitespace(row.cells[entry.index] ?? '');
        if (value !== '') personalisation[entry.field] = value;
        continue;
      }
      const values = entry.indexes
        .map((index) => stripAndRemoveObscureWhitespace(row.cells[index] ?? ''))
        .filter((value) => value !== '');
      if (values.length === 1) personalisation[entry.field] = values[0] ?? '';
      else if (values.length > 1) personalisation[entry.field] = values;
    }
    if (recipientField) {
      const header = matched.columns[recipientField.index]?.header ?? recipientField.field;
      const raw = stripAndRemoveObscureWhitespace(row.cells[recipientField.index] ?? '');
      const alreadyFlagged = errors.length > 0 && errors.some((error) => error.column === header);
      // Notify leaves an empty cell unflagged when the recipient header repeats (it refuses the whole file instead).
      if (raw === '' && !alreadyFlagged)
        errors.push({ row: row.rowNumber, column: header, message: MISSING_CELL_ERROR });
      else if (raw !== '' && !alreadyFlagged) {
        const verdict =
          template.type === 'sms'
            ? validatePhoneNumber(raw, {
                allowInternational: permissions.allowInternationalSms,
                allowLandline: permissions.allowLandline,
              })
            : validateEmailAddress(raw);
        if (verdict.valid) {
          recipient = verdict.normalised;
          international = 'international' in verdict && verdict.international === true;
        } else errors.push({ row: row.rowNumber, column: header, message: verdict.error });
      }
    } else if (template.type === 'letter' && errors.length === 0) {
      const addressValues: Record<string, string> = {};
      for (const entry of addressFields)
        addressValues[entry.field] = stripAndRemoveObscureWhitespace(row.cells[entry.index] ?? '');
      const address = analysePostalAddress(postalAddressFromPersonalisation(addressValues, { insensitiveKeys: true }), {
        allowInternational: permissions.allowInternationalLetters,
      });
      recipient = address.normalisedLines.join(', ');
      international = address.international;
      Object.assign(personalisation, postalAddressAsPersonalisation(address));
    }
    const recipientKey = recipient === null ? null : recipient.toLowerCase();
    const sms = renderSms ? renderSms(personalisation) : null;
    if (sms?.tooLong || sms?.empty) {
      errors.push({
        row: row.rowNumber,
        column: null,
        message: sms.tooLong ? ROW_ERROR_MESSAGES.messageTooLong : ROW_ERROR_MESSAGES.messageEmpty,
      });
    }
    if (errors.length > 1) errors.sort((a, b) => columnOrder(a.column) - columnOrder(b.column));
    if (errors.length > 0 || recipient === null) {
      return { rowNumber: row.rowNumber, errors, message: null, recipientKey, international, fragments: null };
    }
    if (sms) {
      return {
        rowNumber: row.rowNumber,
        errors,
        message: {
          recipient,
          personalisation,
          renderedBody: sms.rendered,
          renderedSubject: null,
          rowNumber: row.rowNumber,
          cells: row.cells,
        },
        recipientKey,
        international,
        fragments: sms.fragmentCount,
      };
    }
    return {
      rowNumber: row.rowNumber,
      errors,
      message: {
        recipient,
        personalisation,
        renderedBody: (fillBody ? fillBody(personalisation) : template.body).trim(),
        renderedSubject: fillSubject ? fillSubject(personalisation) : null,
        rowNumber: row.rowNumber,
        cells: row.cells,
      },
      recipientKey,
      international,
      fragments: null,
    };
  };

  return (rows) => {
    const verdict = checkRecipients([matched.notifyHeaders, ...rows.map((row) => row.cells)], sheet, options);
    const errorsByIndex = new Map(verdict.rows.map((entry) => [entry.index, entry.errors]));
    return rows.map((row, index) => checkRow(row, errorsByIndex.get(index)));
  };
}
