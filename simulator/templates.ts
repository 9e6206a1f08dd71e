import { compileTemplate, type CompiledTemplate, type TemplateContent } from './notify-rules';
import type { TemplateSeed } from './seed-file';
import type { NotificationType, Postage } from './types';

export interface TemplateVersion extends TemplateContent {
  version: number;
  name: string;
  createdAtMs: number;
  updatedAtMs: number | null;
  createdBy: string;
  postage: Postage | null;
  letterContactBlock: string | null;
  /** Parsed once: placeholders and fillers. */
  compiled: CompiledTemplate;
}

export interface Template {
  id: string;
  archived: boolean;
  /** The per-service "Pre-compiled PDF" template: never listed or fetchable. */
  hidden: boolean;
  /** Oldest first; versions[n - 1] is version n. */
  versions: TemplateVersion[];
}

const SEEDED_AT_MS = Date.parse('2026-01-05T09:30:00.000Z');
const TEMPLATE_AUTHOR = 'simulator@notify-desk.invalid';

/** A template as a seed gives it: version n was made n - 1 days after the first. */
export function templateFromSeed(seed: TemplateSeed): Template {
  return {
    id: seed.id,
    archived: seed.archived ?? false,
    hidden: seed.hidden ?? false,
    versions: seed.versions.map((versionSeed, index) => {
      const content: TemplateContent = {
        type: seed.type,
        subject: seed.type === 'sms' ? null : (versionSeed.subject ?? ''),
        body: versionSeed.body,
        letterContactBlock: seed.type === 'letter' ? (versionSeed.letterContactBlock ?? null) : null,
      };
      return {
        ...content,
        version: index + 1,
        name: versionSeed.name,
        createdAtMs: SEEDED_AT_MS + index * 86_400_000,
        updatedAtMs: index === 0 ? null : SEEDED_AT_MS + index * 86_400_000,
        createdBy: TEMPLATE_AUTHOR,
        postage: seed.type === 'letter' ? (seed.postage ?? 'second') : null,
        letterContactBlock: content.letterContactBlock ?? null,
        compiled: compileTemplate(content),
      };
    }),
  };
}

export function latestVersion(template: Template): TemplateVersion {
  const latest = template.versions[template.versions.length - 1];
  if (!latest) throw new Error(`template ${template.id} has no versions`);
  return latest;
}

export class TemplateCatalogue {
  private readonly byId: Map<string, Template>;

  constructor(templates: Template[]) {
    this.byId = new Map(templates.map((template) => [template.id, template]));
  }

  find(id: string): Template | undefined {
    return this.byId.get(id);
  }

  /** Every non-archived, non-hidden template (of this type), sorted by its latest version's name, then type. */
  listed(type?: NotificationType): Template[] {
    return [...this.byId.values()]
      .filter((template) => !template.archived && !template.hidden)
      .filter((template) => type === undefined || latestVersion(template).type === type)
      .sort((a, b) => {
        const [first, second] = [latestVersion(a), latestVersion(b)];
        if (first.name !== second.name) return first.name < second.name ? -1 : 1;
        return first.type.localeCompare(second.type);
      });
  }
}
