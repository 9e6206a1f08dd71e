import type { ImportRowError } from '../../../shared/contract';
import { validateEmailAddress } from '../../../shared/notify/email-address';
import { stripAndRemoveObscureWhitespace } from '../../../shared/notify/formatters';
import { validatePhoneNumber } from '../../../shared/notify/phone-number';
import { compileField } from '../../../shared/notify/placeholders';
import { analysePostalAddress, postalAddressAsPersonalisation, postalAddressFromPersonalisation } from '../../../shared/notify/postal-address';
import { compileSmsTemplate, SMS_CHARACTER_LIMIT } from '../../../shared/notify/sms';
import type { MatchedColumns } from './column-mapping';
import type { SheetRow } from './sheet-row';
import type { TemplateForImport } from './template-for-import';

/** Notify's text for an empty cell the template needs. */
export const MISSING_CELL_MESSAGE = 'Missing';

/** What the outbox stores for one accepted row (the fields of NewOutboxMessage that vary by row). */
export interface RowMessage {
  recipient: string;
  personalisation: Record<string, string>;
  renderedBody: string;
  renderedSubject: string | null;
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

export type RowChecker = (row: SheetRow) => CheckedRow;

/**
 * Checks and renders rows as Notify does for a spreadsheet: the template is compiled once, and each row is a
 * look-up of its cells by precomputed column index.
 */
export function createRowChecker(template: TemplateForImport, matched: MatchedColumns, permissions = importPermissions): RowChecker {
  const fields = [...matched.fieldColumns.entries()].map(([field, index]) => ({
    field,
    index,
    header: matched.columns[index]?.header ?? field,
    isRecipient: matched.recipientFields.includes(field),
  }));
  const placeholderFields = fields.filter((entry) => !entry.isRecipient);
  const recipientField = template.type === 'letter' ? undefined : fields.find((entry) => entry.isRecipient);
  const addressFields = template.type === 'letter' ? fields.filter((entry) => entry.isRecipient) : [];
  const renderSms = template.type === 'sms' ? compileSmsTemplate(template.body) : null;
  const fillBody = template.type === 'sms' ? null : compileField(template.body);
  const fillSubject = template.subject === null || template.type === 'sms' ? null : compileField(template.subject);
  const columnIndexes = new Map(fields.map((entry) => [entry.header, entry.index]));
  const columnOrder = (header: string | null): number => (header === null ? -1 : (columnIndexes.get(header) ?? -1));

  return (row) => {
    const errors: ImportRowError[] = [];
    const personalisation: Record<string, string> = {};
    for (const entry of placeholderFields) {
      const value = stripAndRemoveObscureWhitespace(row.cells[entry.index] ?? '');
      if (value === '') errors.push({ row: row.rowNumber, column: entry.header, message: MISSING_CELL_MESSAGE });
      else personalisation[entry.field] = value;
    }
    let recipient: string | null = null;
    let international = false;
    if (recipientField) {
      const raw = stripAndRemoveObscureWhitespace(row.cells[recipientField.index] ?? '');
      if (raw === '') errors.push({ row: row.rowNumber, column: recipientField.header, message: MISSING_CELL_MESSAGE });
      else if (template.type === 'sms') {
        const phone = validatePhoneNumber(raw, {
          allowInternational: permissions.allowInternationalSms,
          allowLandline: permissions.allowLandline,
        });
        if (phone.valid) {
          recipient = phone.normalised;
          international = phone.international;
        } else errors.push({ row: row.rowNumber, column: recipientField.header, message: phone.error });
      } else {
        const email = validateEmailAddress(raw);
        if (email.valid) recipient = email.normalised;
        else errors.push({ row: row.rowNumber, column: recipientField.header, message: email.error });
      }
    } else if (template.type === 'letter') {
      const addressValues: Record<string, string> = {};
      for (const entry of addressFields) addressValues[entry.field] = stripAndRemoveObscureWhitespace(row.cells[entry.index] ?? '');
      const address = analysePostalAddress(postalAddressFromPersonalisation(addressValues, { insensitiveKeys: true }), {
        allowInternational: permissions.allowInternationalLetters,
      });
      if (address.valid) {
        recipient = address.normalisedLines.join(', ');
        international = address.international;
        Object.assign(personalisation, postalAddressAsPersonalisation(address));
      } else errors.push({ row: row.rowNumber, column: null, message: address.error ?? 'Enter a real address' });
    }
    const recipientKey = recipient === null ? null : recipient.toLowerCase();
    if (errors.length > 1) errors.sort((a, b) => columnOrder(a.column) - columnOrder(b.column));
    if (errors.length > 0) return { rowNumber: row.rowNumber, errors, message: null, recipientKey, international, fragments: null };

    if (renderSms) {
      const sms = renderSms(personalisation);
      if (sms.tooLong) {
        errors.push({
          row: row.rowNumber,
          column: null,
          message: `Message is too long: it has ${sms.characterCountWithoutPrefix} characters and text messages cannot be longer than ${SMS_CHARACTER_LIMIT}`,
        });
      } else if (sms.empty) errors.push({ row: row.rowNumber, column: null, message: 'Message is empty' });
      if (errors.length > 0 || recipient === null) return { rowNumber: row.rowNumber, errors, message: null, recipientKey, international, fragments: null };
      return {
        rowNumber: row.rowNumber,
        errors,
        message: { recipient, personalisation, renderedBody: sms.rendered, renderedSubject: null },
        recipientKey,
        international,
        fragments: sms.fragmentCount,
      };
    }
    if (recipient === null) return { rowNumber: row.rowNumber, errors, message: null, recipientKey, international, fragments: null };
    return {
      rowNumber: row.rowNumber,
      errors,
      message: {
        recipient,
        personalisation,
        renderedBody: (fillBody ? fillBody(personalisation) : template.body).trim(),
        renderedSubject: fillSubject ? fillSubject(personalisation) : null,
      },
      recipientKey,
      international,
      fragments: null,
    };
  };
}
