import type { Channel, Role } from '../../../shared/contract';
import type { Db } from '../database/open-database';
import { ImportError } from './import-error';

/** The template version an import renders, read once when the import starts. */
export interface TemplateForImport {
  id: string;
  name: string;
  type: Channel;
  version: number;
  subject: string | null;
  body: string;
  letterContactBlock: string | null;
  /** The roles that may use it; null: every role. */
  allowedRoles: Role[] | null;
}

interface TemplateVersionRow {
  id: string;
  name: string;
  type: Channel;
  archived_at: string | null;
  version: number;
  subject: string | null;
  body: string;
  letter_contact_block: string | null;
  allowed_roles: string | null;
}

export function loadTemplateForImport(db: Db, templateId: string): TemplateForImport {
  const row = db
    .prepare(
      `SELECT t.id, t.name, t.type, t.archived_at, t.allowed_roles, v.version, v.subject, v.body, v.letter_contact_block
       FROM templates t JOIN template_versions v ON v.template_id = t.id AND v.version = t.current_version
       WHERE t.id = ?`,
    )
    .get(templateId) as TemplateVersionRow | undefined;
  if (!row)
    throw new ImportError(
      'no-such-template',
      'That template does not exist (it may have been removed). Choose another template.',
    );
  if (row.archived_at !== null)
    throw new ImportError(
      'template-archived',
      `The template "${row.name}" has been archived. Choose another template.`,
    );
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    version: row.version,
    subject: row.subject,
    body: row.body,
    letterContactBlock: row.letter_contact_block,
    allowedRoles: row.allowed_roles === null ? null : (JSON.parse(row.allowed_roles) as Role[]),
  };
}

/** Finds a template by its exact name (or id), as the command line names it. */
export function findTemplateIdByName(db: Db, nameOrId: string): string | null {
  const rows = db
    .prepare('SELECT id FROM templates WHERE (id = ? OR name = ?) AND archived_at IS NULL ORDER BY id = ? DESC')
    .all(nameOrId, nameOrId, nameOrId) as { id: string }[];
  if (rows.length > 1 && rows[0]?.id !== nameOrId) {
    throw new ImportError(
      'ambiguous-template',
      `More than one template is called "${nameOrId}". Use the template id instead.`,
    );
  }
  return rows[0]?.id ?? null;
}
