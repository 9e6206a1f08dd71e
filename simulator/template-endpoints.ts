import { badRequest, noResultFound } from './api-error';
import type { SimulatorContext } from './context';
import { isPlainObject, parseJsonBody } from './json-body';
import { renderEmailHtml } from './notify-rules';
import { queryToLists } from './query';
import { GET_TEMPLATES_REQUEST } from './request-schemas';
import { validateAgainstSchema, type ObjectSchema } from './schema';
import { latestVersion, type Template, type TemplateVersion } from './templates';
import { formatMs } from './timestamps';
import type { NotificationType } from './types';
import { canonicalUuid } from './uuid';

const TEMPLATE_ID_REQUEST: ObjectSchema = { properties: [['id', { kind: 'uuid' }]], required: ['id'] };
const PREVIEW_REQUEST: ObjectSchema = {
  properties: [
    ['personalisation', { kind: 'typed', types: ['object'] }],
    ['id', { kind: 'uuid' }],
  ],
  required: ['id'],
};

function findTemplate(context: SimulatorContext, templateId: string): Template {
  validateAgainstSchema({ id: templateId }, TEMPLATE_ID_REQUEST);
  const template = context.templates.find(canonicalUuid(templateId));
  if (!template || template.hidden) throw noResultFound();
  return template;
}

/** notify-api.md §4.8. */
export function templateResponse(version: TemplateVersion, templateId: string): Record<string, unknown> {
  return {
    id: templateId,
    name: version.name,
    type: version.type,
    created_at: formatMs(version.createdAtMs),
    updated_at: version.updatedAtMs === null ? null : formatMs(version.updatedAtMs),
    created_by: version.createdBy,
    version: version.version,
    body: version.body,
    subject: version.subject,
    personalisation: Object.fromEntries(version.compiled.placeholders.map((name) => [name, { required: true }])),
    postage: version.postage,
    letter_contact_block: version.letterContactBlock,
  };
}

/** GET /v2/template/{id} and /v2/template/{id}/version/{n}; version 0 means the latest (Notify's quirk). */
export function getTemplate(
  context: SimulatorContext,
  templateId: string,
  versionNumber?: number,
): Record<string, unknown> {
  const template = findTemplate(context, templateId);
  const version = versionNumber ? template.versions[versionNumber - 1] : latestVersion(template);
  if (!version) throw noResultFound();
  return templateResponse(version, template.id);
}

/** GET /v2/templates[?type=]. */
export function listTemplates(context: SimulatorContext, search: URLSearchParams): Record<string, unknown> {
  const data = Object.fromEntries([...queryToLists(search)].map(([key, values]) => [key, values[0] ?? '']));
  validateAgainstSchema(data, GET_TEMPLATES_REQUEST);
  const templates = context.templates.listed(data['type'] as NotificationType | undefined);
  return { templates: templates.map((template) => templateResponse(latestVersion(template), template.id)) };
}

/** POST /v2/template/{id}/preview: renders with the given values; the address is not validated. */
export function previewTemplate(
  context: SimulatorContext,
  templateId: string,
  rawBody: Buffer,
): Record<string, unknown> {
  const body = parseJsonBody(rawBody, { emptyIsObject: true });
  const request = isPlainObject(body) ? { ...body, id: templateId } : body;
  validateAgainstSchema(request, PREVIEW_REQUEST);
  const template = findTemplate(context, templateId);
  const version = latestVersion(template);
  const personalisation = ((request as Record<string, unknown>)['personalisation'] ?? {}) as Record<string, unknown>;
  const missing = version.compiled.missing(personalisation);
  if (missing.length > 0) throw badRequest(`Missing personalisation: ${missing.join(', ')}`);

  const subject = version.subject === null ? null : version.compiled.subject(personalisation);
  const renderedBody =
    version.type === 'sms' ? version.compiled.sms(personalisation).rendered : version.compiled.body(personalisation);
  return {
    id: template.id,
    type: version.type,
    version: version.version,
    body: renderedBody,
    html: version.type === 'email' ? renderEmailHtml(version.subject ?? '', version.body, personalisation) : null,
    subject,
    postage: version.postage,
  };
}
