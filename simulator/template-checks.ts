import { badRequest } from './api-error';
import type { SimulatorContext } from './context';
import { isPlainObject } from './json-body';
import { latestVersion, type TemplateVersion } from './templates';
import type { NotificationType } from './types';
import { canonicalUuid } from './uuid';

const NOTIFICATION_TYPE_NAMES: Record<NotificationType, string> = { sms: 'sms', email: 'email', letter: 'letter' };

/** Step 7 of §3.5: the template exists for this service, suits the endpoint, is not archived, and has its values. */
export function templateForSend(
  context: SimulatorContext,
  templateId: string,
  notificationType: NotificationType,
  personalisation: Record<string, unknown>,
): TemplateVersion {
  const template = context.templates.find(canonicalUuid(templateId));
  if (!template || template.hidden) throw badRequest('Template not found');
  const version = latestVersion(template);
  if (version.type !== notificationType) {
    throw badRequest(
      `${version.type} template is not suitable for ${NOTIFICATION_TYPE_NAMES[notificationType]} notification`,
    );
  }
  if (template.archived) throw badRequest('Template has been deleted');
  const missing = version.compiled.missing(personalisation);
  if (missing.length > 0) throw badRequest(`Missing personalisation: ${missing.join(', ')}`);
  return version;
}

/** File objects ({"file": ...}) are only allowed in email personalisation. */
export function hasFileValue(personalisation: Record<string, unknown>): boolean {
  return Object.values(personalisation).some((value) => isPlainObject(value) && 'file' in value);
}
