import type { NotifyTemplate } from '../notify-client';
import type { PassThroughTemplates } from '../services/service-repository';
import type { TemplateRepository } from './template-repository';

const postageOf = (postage: string | null | undefined) =>
  postage === 'first' || postage === 'second' || postage === 'economy' ? postage : null;

/** Keeps a local copy of the service's own templates so they can be chosen and sent offline; pass-through ones are tools, not templates. */
export function mirrorNotifyTemplates(
  templates: TemplateRepository,
  fetched: readonly NotifyTemplate[],
  passThrough: PassThroughTemplates,
  user: string,
): number {
  const passThroughIds = new Set([passThrough.sms, passThrough.email, passThrough.letter]);
  let mirrored = 0;
  for (const template of fetched) {
    if (passThroughIds.has(template.id)) continue;
    templates.upsertNotifyTemplate({
      notifyTemplateId: template.id,
      type: template.type,
      name: template.name,
      subject: template.type === 'sms' ? null : (template.subject ?? ''),
      body: template.body,
      letterContactBlock: template.letter_contact_block ?? null,
      postage: postageOf(template.postage),
      createdBy: template.created_by ?? user,
    });
    mirrored += 1;
  }
  return mirrored;
}
