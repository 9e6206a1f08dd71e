import {
  roles,
  type Channel,
  type Role,
  type TemplateDetail,
  type TemplateSummary,
  type TemplateVersion,
} from '../../../shared/contract';
import { templatePlaceholders } from '../../../shared/notify';
import type { Db } from '../database/open-database';
import { newId, nowIso } from '../clock';
import { UserError } from '../dispatch';

export class TemplateNotFoundError extends Error {
  constructor() {
    super('That template does not exist (it may have been removed). Choose another template.');
    this.name = 'TemplateNotFoundError';
  }
}

export interface TemplateContent {
  subject: string | null;
  body: string;
  letterContactBlock: string | null;
  postage: 'first' | 'second' | 'economy' | null;
}

interface TemplateRow {
  id: string;
  type: Channel;
  name: string;
  folder: string | null;
  source: 'local' | 'notify';
  notify_template_id: string | null;
  current_version: number;
  archived_at: string | null;
  updated_at: string;
  allowed_roles: string | null;
}

interface VersionRow {
  version: number;
  subject: string | null;
  body: string;
  letter_contact_block: string | null;
  postage: 'first' | 'second' | 'economy' | null;
  created_at: string;
  created_by: string;
}

function allowedRolesOf(stored: string | null): Role[] | null {
  if (stored === null) return null;
  const listed = JSON.parse(stored) as unknown;
  return Array.isArray(listed) ? roles.filter((role) => listed.includes(role)) : null;
}

const storedRoles = (allowed: readonly Role[] | null | undefined): string | null =>
  allowed ? JSON.stringify(roles.filter((role) => allowed.includes(role))) : null;

const toSummary = (row: TemplateRow): TemplateSummary => ({
  id: row.id,
  type: row.type,
  name: row.name,
  folder: row.folder,
  source: row.source,
  archived: row.archived_at !== null,
  allowedRoles: allowedRolesOf(row.allowed_roles),
  currentVersion: row.current_version,
  updatedAt: row.updated_at,
});

const toVersion = (row: VersionRow): TemplateVersion => ({
  version: row.version,
  subject: row.subject,
  body: row.body,
  letterContactBlock: row.letter_contact_block,
  postage: row.postage,
  createdAt: row.created_at,
  createdBy: row.created_by,
});

/** Templates with every saved change kept as a version: a queued message keeps the version it was rendered from. */
export class TemplateRepository {
  constructor(private readonly db: Db) {}

  list(options: { includeArchived?: boolean; type?: Channel } = {}): TemplateSummary[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM templates
         WHERE (@includeArchived = 1 OR archived_at IS NULL) AND (@type IS NULL OR type = @type)
         ORDER BY COALESCE(folder, ''), name COLLATE NOCASE, type`,
      )
      .all({ includeArchived: options.includeArchived ? 1 : 0, type: options.type ?? null }) as TemplateRow[];
    return rows.map(toSummary);
  }

  get(id: string): TemplateDetail {
    const row = this.row(id);
    const latest = this.version(id, row.current_version);
    return {
      ...toSummary(row),
      latest,
      placeholders: templatePlaceholders({ type: row.type, body: latest.body, subject: latest.subject ?? undefined }),
    };
  }

  /** Finds a template by its name (case-insensitive) or id: how the command line names templates. */
  findByNameOrId(nameOrId: string): TemplateSummary | null {
    const row = this.db
      .prepare(
        `SELECT * FROM templates WHERE archived_at IS NULL AND (id = ? OR name = ? COLLATE NOCASE)
         ORDER BY updated_at DESC LIMIT 1`,
      )
      .get(nameOrId, nameOrId) as TemplateRow | undefined;
    return row ? toSummary(row) : null;
  }

  notifyTemplateId(id: string): string | null {
    const row = this.db.prepare('SELECT notify_template_id FROM templates WHERE id = ?').get(id) as
      { notify_template_id: string | null } | undefined;
    return row?.notify_template_id ?? null;
  }

  version(id: string, version: number): TemplateVersion {
    const row = this.db
      .prepare('SELECT * FROM template_versions WHERE template_id = ? AND version = ?')
      .get(id, version) as VersionRow | undefined;
    if (!row) throw new TemplateNotFoundError();
    return toVersion(row);
  }

  versions(id: string): TemplateVersion[] {
    this.get(id);
    const rows = this.db
      .prepare('SELECT * FROM template_versions WHERE template_id = ? ORDER BY version DESC')
      .all(id) as VersionRow[];
    return rows.map(toVersion);
  }

  create(
    input: {
      type: Channel;
      name: string;
      folder: string | null;
      createdBy: string;
      allowedRoles?: readonly Role[] | null;
    } & TemplateContent,
  ): TemplateDetail {
    const id = newId();
    this.db.transaction(() => {
      const now = nowIso();
      this.db
        .prepare(
          `INSERT INTO templates (id, type, name, folder, source, current_version, created_at, updated_at, allowed_roles)
           VALUES (?, ?, ?, ?, 'local', 1, ?, ?, ?)`,
        )
        .run(id, input.type, input.name, input.folder, now, now, storedRoles(input.allowedRoles));
      this.insertVersion(id, 1, input, input.createdBy, now);
    })();
    return this.get(id);
  }

  /** Saves a change as a new version; an unchanged save keeps the current version. `allowedRoles` left out keeps them. */
  update(
    id: string,
    input: {
      name: string;
      folder: string | null;
      createdBy: string;
      allowedRoles?: readonly Role[] | null;
    } & TemplateContent,
  ): TemplateDetail {
    this.db.transaction(() => {
      const current = this.get(id);
      if (current.source === 'notify') {
        throw new UserError('This template lives on the Notify service: change it there, then refresh the list.');
      }
      if (current.archived) throw new UserError('This template has been archived, so it cannot be changed.');
      const now = nowIso();
      const latest = current.latest;
      const contentChanged =
        latest.body !== input.body ||
        latest.subject !== input.subject ||
        latest.letterContactBlock !== input.letterContactBlock ||
        latest.postage !== input.postage;
      const version = contentChanged ? current.currentVersion + 1 : current.currentVersion;
      if (contentChanged) this.insertVersion(id, version, input, input.createdBy, now);
      this.db
        .prepare('UPDATE templates SET name = ?, folder = ?, current_version = ?, updated_at = ? WHERE id = ?')
        .run(input.name, input.folder, version, now, id);
      if (input.allowedRoles !== undefined)
        this.db.prepare('UPDATE templates SET allowed_roles = ? WHERE id = ?').run(storedRoles(input.allowedRoles), id);
    })();
    return this.get(id);
  }

  archive(id: string): TemplateSummary {
    this.db.prepare('UPDATE templates SET archived_at = COALESCE(archived_at, ?) WHERE id = ?').run(nowIso(), id);
    return toSummary(this.row(id));
  }

  /** Mirrors the templates that live on the Notify service; a changed one gets a new local version. */
  upsertNotifyTemplate(
    input: { notifyTemplateId: string; type: Channel; name: string; createdBy: string } & TemplateContent,
  ): string {
    return this.db.transaction(() => {
      const existing = this.db
        .prepare('SELECT id FROM templates WHERE notify_template_id = ?')
        .get(input.notifyTemplateId) as { id: string } | undefined;
      const now = nowIso();
      if (!existing) {
        const id = newId();
        this.db
          .prepare(
            `INSERT INTO templates (id, type, name, folder, source, notify_template_id, current_version, created_at, updated_at)
             VALUES (?, ?, ?, NULL, 'notify', ?, 1, ?, ?)`,
          )
          .run(id, input.type, input.name, input.notifyTemplateId, now, now);
        this.insertVersion(id, 1, input, input.createdBy, now);
        return id;
      }
      const current = this.get(existing.id);
      const latest = current.latest;
      if (
        latest.body !== input.body ||
        latest.subject !== input.subject ||
        latest.letterContactBlock !== input.letterContactBlock ||
        latest.postage !== input.postage
      ) {
        this.insertVersion(existing.id, current.currentVersion + 1, input, input.createdBy, now);
        this.db
          .prepare('UPDATE templates SET current_version = current_version + 1, updated_at = ? WHERE id = ?')
          .run(now, existing.id);
      }
      this.db.prepare('UPDATE templates SET name = ?, archived_at = NULL WHERE id = ?').run(input.name, existing.id);
      return existing.id;
    })();
  }

  private row(id: string): TemplateRow {
    const row = this.db.prepare('SELECT * FROM templates WHERE id = ?').get(id) as TemplateRow | undefined;
    if (!row) throw new TemplateNotFoundError();
    return row;
  }

  private insertVersion(id: string, version: number, content: TemplateContent, createdBy: string, now: string): void {
    this.db
      .prepare(
        `INSERT INTO template_versions (template_id, version, subject, body, letter_contact_block, postage, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, version, content.subject, content.body, content.letterContactBlock, content.postage, now, createdBy);
  }
}
