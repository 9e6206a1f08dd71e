import type { ColumnMapping, ImportCheckReport } from '../../../shared/contract';
import { placeholderKey, templatePlaceholders } from '../../../shared/notify/placeholders';
import { readSheetColumns, recipientColumnNames } from '../../../shared/notify/recipient-sheet-columns';
import type { Db } from '../database/open-database';
import { nowIso } from '../clock';
import type { TemplateForImport } from './template-for-import';
import { usualRecipientField } from './usual-recipient-headers';

export interface MatchedColumns {
  columns: ImportCheckReport['columns'];
  /** The header row as Notify should read it: each used column named after its field, unused ones blank. */
  notifyHeaders: string[];
  /**
   * Field (recipient column or placeholder, as the template writes it) → indexes of the columns that feed it: all
   * of a repeated placeholder header's, in order; only the last of a repeated recipient header's.
   */
  fieldColumns: Map<string, number[]>;
  recipientFields: string[];
  placeholders: string[];
  missingColumns: string[];
  /** A problem with the columns that no row can fix. */
  columnError: string | null;
}

/** Fields the template reads from a spreadsheet: its recipient columns, then its placeholders. */
export function templateFields(template: TemplateForImport): { recipientFields: string[]; placeholders: string[] } {
  const placeholders = templatePlaceholders({
    type: template.type,
    body: template.body,
    subject: template.subject ?? undefined,
    contactBlock: template.letterContactBlock ?? undefined,
  });
  const recipientFields = recipientColumnNames(template.type);
  const recipientKeys = new Set(recipientFields.map(placeholderKey));
  return { recipientFields, placeholders: placeholders.filter((name) => !recipientKeys.has(placeholderKey(name))) };
}

/**
 * Matches headers to fields as Notify does (ignoring case, spaces, `_` and `-`); a hand-made mapping, by header,
 * comes first. Columns feeding one field are grouped by their exact header, and one group is used, as Notify's
 * reading of a row keeps it (`readRow` in recipient-sheet.ts): the header that first appears last. A repeated
 * placeholder header gives a list of its columns' values; a repeated recipient header gives its last column.
 */
export function matchColumns(
  headers: readonly string[],
  template: TemplateForImport,
  mapping: ColumnMapping = {},
): MatchedColumns {
  const { recipientFields, placeholders } = templateFields(template);
  const fieldsByKey = new Map<string, string>();
  for (const field of [...recipientFields, ...placeholders]) fieldsByKey.set(placeholderKey(field), field);
  const mappingByKey = new Map(Object.entries(mapping).map(([header, field]) => [placeholderKey(header), field]));
  const candidates = headers.map((header) => {
    const key = placeholderKey(header);
    if (mappingByKey.has(key)) {
      const chosen = mappingByKey.get(key) ?? null;
      const field = chosen === null ? null : (fieldsByKey.get(placeholderKey(chosen)) ?? null);
      return { header, placeholder: field, matchedBy: field === null ? null : ('mapping' as const) };
    }
    const field = key === '' ? undefined : fieldsByKey.get(key);
    if (field === undefined) return { header, placeholder: null, matchedBy: null };
    return { header, placeholder: field, matchedBy: 'name' as const };
  }) as MatchedColumns['columns'];
  matchUsualRecipientHeaders(candidates, recipientFields, mappingByKey);

  const columnsByFieldAndHeader = new Map<string, Map<string, number[]>>();
  candidates.forEach(({ header, placeholder }, index) => {
    if (placeholder === null) return;
    const byHeader = columnsByFieldAndHeader.get(placeholder) ?? new Map<string, number[]>();
    columnsByFieldAndHeader.set(placeholder, byHeader);
    byHeader.set(header, [...(byHeader.get(header) ?? []), index]);
  });
  const recipientSet = new Set(recipientFields);
  const fieldColumns = new Map<string, number[]>();
  const usedColumns = new Set<number>();
  for (const [field, byHeader] of columnsByFieldAndHeader) {
    const kept = [...byHeader.values()].at(-1) ?? [];
    for (const index of kept) usedColumns.add(index);
    fieldColumns.set(field, recipientSet.has(field) ? kept.slice(-1) : kept);
  }
  const columns = candidates.map((column, index) =>
    usedColumns.has(index) ? column : { header: column.header, placeholder: null, matchedBy: null },
  );

  const notifyHeaders = columns.map((column) => column.placeholder ?? '');
  const sheetColumns = readSheetColumns(notifyHeaders, sheetTemplate(template));
  let columnError: string | null = null;
  if (!sheetColumns.hasRecipientColumns && template.type === 'letter') {
    columnError =
      'Your file needs at least 3 address columns, for example ‘address line 1’, ‘address line 2’ and ‘address line 3’.';
  }
  return {
    columns,
    notifyHeaders,
    fieldColumns,
    recipientFields,
    placeholders,
    missingColumns: sheetColumns.missingColumns,
    columnError,
  };
}

/**
 * A recipient column no header fills, by name or by hand, is filled by the first unused column with a usual name for
 * it ("Mobile number", "E-mail"); a column the person chose not to use stays unused.
 */
function matchUsualRecipientHeaders(
  candidates: MatchedColumns['columns'],
  recipientFields: readonly string[],
  mappingByKey: ReadonlyMap<string, string | null>,
): void {
  const filled = new Set(
    candidates.flatMap((column) => (column.placeholder === null ? [] : [placeholderKey(column.placeholder)])),
  );
  candidates.forEach((column, index) => {
    if (column.placeholder !== null || mappingByKey.has(placeholderKey(column.header))) return;
    const usual = usualRecipientField(column.header);
    const field =
      usual === null
        ? undefined
        : recipientFields.find((candidate) => placeholderKey(candidate) === placeholderKey(usual));
    if (field === undefined || filled.has(placeholderKey(field))) return;
    filled.add(placeholderKey(field));
    candidates[index] = { header: column.header, placeholder: field, matchedBy: 'usual-name' };
  });
}

/**
 * Why a mapping given by hand cannot be used: it names a column the file does not have, or something to fill the
 * template does not have (said with the names that do exist); null when every name exists.
 */
export function unknownMappingNames(
  headers: readonly string[],
  template: TemplateForImport,
  mapping: ColumnMapping,
): string | null {
  const headerKeys = new Set(headers.map(placeholderKey));
  const { recipientFields, placeholders } = templateFields(template);
  const fields = [...recipientFields, ...placeholders];
  const fieldKeys = new Set(fields.map(placeholderKey));
  const quoted = (names: readonly string[]) =>
    names
      .filter(Boolean)
      .map((name) => `“${name}”`)
      .join(', ');
  for (const [column, field] of Object.entries(mapping)) {
    if (!headerKeys.has(placeholderKey(column)))
      return `The file has no column called “${column}”. Its columns are: ${quoted(headers)}.`;
    if (field !== null && !fieldKeys.has(placeholderKey(field))) {
      return `The template “${template.name}” has no placeholder called “${field}”. The columns it can use are: ${quoted(fields)}.`;
    }
  }
  return null;
}

export function sheetTemplate(template: TemplateForImport): {
  type: TemplateForImport['type'];
  body: string;
  subject?: string;
} {
  return template.subject === null || template.type === 'sms'
    ? { type: template.type, body: template.body }
    : { type: template.type, body: template.body, subject: template.subject };
}

/** Hand-made matches of columns to placeholders, remembered per template (migration 002). */
export class ColumnMappingStore {
  constructor(private readonly db: Db) {}

  load(templateId: string): ColumnMapping {
    const rows = this.db
      .prepare(
        'SELECT column_header, placeholder FROM import_column_mappings WHERE template_id = ? ORDER BY column_header',
      )
      .all(templateId) as { column_header: string; placeholder: string | null }[];
    return Object.fromEntries(rows.map((row) => [row.column_header, row.placeholder]));
  }

  save(templateId: string, mapping: ColumnMapping): void {
    const upsert = this.db.prepare(
      `INSERT INTO import_column_mappings (template_id, column_key, column_header, placeholder, updated_at)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (template_id, column_key) DO UPDATE SET column_header = excluded.column_header,
         placeholder = excluded.placeholder, updated_at = excluded.updated_at`,
    );
    const now = nowIso();
    this.db.transaction(() => {
      for (const [header, placeholder] of Object.entries(mapping))
        upsert.run(templateId, placeholderKey(header), header, placeholder, now);
    })();
  }
}
