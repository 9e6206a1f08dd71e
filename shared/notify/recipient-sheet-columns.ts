// How Notify reads the header row of a recipient spreadsheet (RecipientCSV in notifications_utils/recipients.py):
// which columns hold recipients, which the template needs, which are missing or repeated.
import { insensitiveKey } from './formatters';
import { templatePlaceholders, type TemplateType } from './placeholders';

const RECIPIENT_COLUMN_NAMES: Readonly<Record<TemplateType, readonly string[]>> = {
  email: ['email address'],
  sms: ['phone number'],
  letter: [
    'address line 1',
    'address line 2',
    'address line 3',
    'address line 4',
    'address line 5',
    'address line 6',
    'postcode',
    'address line 7',
  ],
};

const LETTER_ADDRESS_LINE_1_TO_6_AND_POSTCODE = RECIPIENT_COLUMN_NAMES.letter.slice(0, 7).map(insensitiveKey);
const LETTER_ADDRESS_LINE_1_TO_7 = [...RECIPIENT_COLUMN_NAMES.letter.slice(0, 6), 'address line 7'].map(insensitiveKey);
const REQUIRED_LETTER_ADDRESS_COLUMNS = 3;

/** The columns that say who a message goes to: `email address`, `phone number`, or the letter address columns. */
export function recipientColumnNames(type: TemplateType): string[] {
  return [...RECIPIENT_COLUMN_NAMES[type]];
}

export interface SheetTemplate {
  type: TemplateType;
  body: string;
  subject?: string;
}

/** What the header row means for a template, worked out once per sheet. */
export interface SheetColumns {
  /** The header row as written (empty cells as ''). */
  headers: string[];
  /** Each header's insensitive key, by position. */
  headerKeys: string[];
  recipientKeys: ReadonlySet<string>;
  /** Template placeholders and recipient columns, by insensitive key. */
  placeholderKeys: ReadonlySet<string>;
  /** For letters, the address columns (never given cell errors); empty otherwise. */
  addressKeys: ReadonlySet<string>;
  /** Placeholders and recipient columns (not letter address columns) that no header matches. */
  missingColumns: string[];
  /** Headers, as written and each once, that repeat a recipient column. */
  duplicateRecipientColumns: string[];
  /** Whether enough recipient columns are present (3 address columns for letters). */
  hasRecipientColumns: boolean;
}

function duplicateRecipientHeaders(
  headers: readonly string[],
  headerKeys: readonly string[],
  recipientKeys: ReadonlySet<string>,
): string[] {
  const timesSeen = new Map<string, number>();
  for (const key of headerKeys) {
    if (recipientKeys.has(key)) timesSeen.set(key, (timesSeen.get(key) ?? 0) + 1);
  }
  const duplicates = new Set<string>();
  headers.forEach((header, index) => {
    if ((timesSeen.get(headerKeys[index] ?? '') ?? 0) > 1) duplicates.add(header);
  });
  return [...duplicates];
}

function countPresent(keys: readonly string[], present: ReadonlySet<string>): number {
  return keys.filter((key) => present.has(key)).length;
}

/** Reads the header row against the template. */
export function readSheetColumns(headerRow: readonly (string | null)[], template: SheetTemplate): SheetColumns {
  const headers = headerRow.map((header) => header ?? '');
  const headerKeys = headers.map(insensitiveKey);
  const presentKeys = new Set(headerKeys);
  const recipientNames = RECIPIENT_COLUMN_NAMES[template.type];
  const recipientKeys = new Set(recipientNames.map(insensitiveKey));
  const addressKeys: ReadonlySet<string> = template.type === 'letter' ? recipientKeys : new Set();
  const placeholders = [
    ...templatePlaceholders(
      template.subject === undefined
        ? { type: template.type, body: template.body }
        : { type: template.type, body: template.body, subject: template.subject },
    ),
    ...recipientNames,
  ];
  const placeholderKeys = new Set(placeholders.map(insensitiveKey));
  const missingColumns = [
    ...new Set(
      placeholders.filter((name) => {
        const key = insensitiveKey(name);
        return !presentKeys.has(key) && !addressKeys.has(key);
      }),
    ),
  ];
  const hasRecipientColumns =
    template.type === 'letter'
      ? countPresent(LETTER_ADDRESS_LINE_1_TO_6_AND_POSTCODE, presentKeys) >= REQUIRED_LETTER_ADDRESS_COLUMNS ||
        countPresent(LETTER_ADDRESS_LINE_1_TO_7, presentKeys) >= REQUIRED_LETTER_ADDRESS_COLUMNS
      : [...recipientKeys].every((key) => presentKeys.has(key));
  return {
    headers,
    headerKeys,
    recipientKeys,
    placeholderKeys,
    addressKeys,
    missingColumns,
    duplicateRecipientColumns: duplicateRecipientHeaders(headers, headerKeys, recipientKeys),
    hasRecipientColumns,
  };
}
