import type { NotifyTemplate } from '../notify-client';
import type { PassThroughTemplates } from './service-repository';

const isOnly = (text: string | null | undefined, placeholder: string) =>
  (text ?? '').trim().replace(/\s+/g, '').toLowerCase() === `((${placeholder}))`;

/** Finds the service's templates that pass a desk-written message through unchanged: body `((body))` (and subject `((subject))`). */
export function findPassThroughTemplates(templates: readonly NotifyTemplate[]): PassThroughTemplates {
  const find = (type: NotifyTemplate['type']) =>
    templates.find(
      (template) => template.type === type && isOnly(template.body, 'body') && (type === 'sms' || isOnly(template.subject, 'subject')),
    )?.id ?? null;
  return { sms: find('sms'), email: find('email'), letter: find('letter') };
}
