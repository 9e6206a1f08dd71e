import type { Channel, HandlerInput, Role, TemplateDetail } from '../../../../shared/contract';
import type { FieldError } from '../../components/ErrorSummary';

export type Postage = 'first' | 'second' | 'economy';

export interface TemplateDraft {
  type: Channel;
  name: string;
  subject: string;
  body: string;
  folder: string;
  letterContactBlock: string;
  postage: Postage;
  /** The roles that may use it; none ticked: every role. */
  allowedRoles: Role[];
}

export const fieldIds = {
  type: 'template-type',
  name: 'template-name',
  subject: 'template-subject',
  body: 'template-body',
  folder: 'template-folder',
  letterContactBlock: 'template-contact-block',
  postage: 'template-postage',
  allowedRoles: 'template-roles',
} as const;

export function emptyDraft(type: Channel): TemplateDraft {
  return {
    type,
    name: '',
    subject: '',
    body: '',
    folder: '',
    letterContactBlock: '',
    postage: 'second',
    allowedRoles: [],
  };
}

export function draftFromTemplate(template: TemplateDetail): TemplateDraft {
  return {
    type: template.type,
    name: template.name,
    subject: template.latest.subject ?? '',
    body: template.latest.body,
    folder: template.folder ?? '',
    letterContactBlock: template.latest.letterContactBlock ?? '',
    postage: template.latest.postage ?? 'second',
    allowedRoles: template.allowedRoles ?? [],
  };
}

export function hasSubject(type: Channel): boolean {
  return type !== 'sms';
}

export function validateDraft(draft: TemplateDraft): FieldError[] {
  const errors: FieldError[] = [];
  if (!draft.name.trim()) errors.push({ fieldId: fieldIds.name, message: 'Enter a template name' });
  if (hasSubject(draft.type) && !draft.subject.trim()) {
    errors.push({
      fieldId: fieldIds.subject,
      message: draft.type === 'email' ? 'Enter a subject line' : 'Enter a main heading',
    });
  }
  if (!draft.body.trim()) errors.push({ fieldId: fieldIds.body, message: 'Enter a message' });
  return errors;
}

/** The fields templates.create and templates.update share, without the ones this type does not use. */
export function templateFields(draft: TemplateDraft): Omit<HandlerInput<'templates.create'>, 'type'> {
  const letter = draft.type === 'letter';
  return {
    name: draft.name,
    body: draft.body,
    subject: hasSubject(draft.type) ? draft.subject : undefined,
    folder: draft.folder.trim() || undefined,
    letterContactBlock: letter ? draft.letterContactBlock : undefined,
    postage: letter ? draft.postage : undefined,
    allowedRoles: draft.allowedRoles.length > 0 ? draft.allowedRoles : null,
  };
}
