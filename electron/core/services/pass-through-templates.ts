import type { Channel } from '../../../shared/contract';
import type { NotifyTemplate } from '../notify-client';
import type { PassThroughTemplates } from './service-repository';

export const CHANNELS: readonly Channel[] = ['sms', 'email', 'letter'];

/** What Notify calls a template of each channel. */
export const TEMPLATE_KIND = { sms: 'text message', email: 'email', letter: 'letter' } as const;

const isOnly = (text: string | null | undefined, placeholder: string) =>
  (text ?? '').trim().replace(/\s+/g, '').toLowerCase() === `((${placeholder}))`;

/** Finds the service's templates that pass a desk-written message through unchanged: body `((body))` (and subject `((subject))`). */
export function findPassThroughTemplates(templates: readonly NotifyTemplate[]): PassThroughTemplates {
  const find = (type: NotifyTemplate['type']) =>
    templates.find(
      (template) =>
        template.type === type &&
        isOnly(template.body, 'body') &&
        (type === 'sms' || isOnly(template.subject, 'subject')),
    )?.id ?? null;
  return { sms: find('sms'), email: find('email'), letter: find('letter') };
}

/**
 * The pass-through template for each channel after a look-up of the service's templates: the one already set (named
 * by the person, or found before) while the service still has it, otherwise one found by its content, or none.
 */
export function resolvePassThroughTemplates(
  current: PassThroughTemplates,
  templates: readonly NotifyTemplate[],
): PassThroughTemplates {
  const found = findPassThroughTemplates(templates);
  const stillThere = (channel: Channel) => {
    const id = current[channel];
    return id !== null && templates.some((template) => template.id === id && template.type === channel) ? id : null;
  };
  return {
    sms: stillThere('sms') ?? found.sms,
    email: stillThere('email') ?? found.email,
    letter: stillThere('letter') ?? found.letter,
  };
}

/** The template a person creates in Notify so that messages written on the desk can be sent on a channel. */
export function passThroughTemplateToCreate(channel: Channel): string {
  switch (channel) {
    case 'sms':
      return 'a text message template whose content is only ((body))';
    case 'email':
      return 'an email template whose subject is only ((subject)) and content only ((body))';
    case 'letter':
      return 'a letter template whose subject is only ((subject)) and content only ((body))';
  }
}

const MESSAGES_OF = { sms: 'texts', email: 'emails', letter: 'letters' } as const;

function inWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** What to tell the person who saved a service lacking pass-through templates: which to create, and that the desk finds them. */
export function missingPassThroughWarning(passThrough: PassThroughTemplates): string | null {
  const missing = CHANNELS.filter((channel) => !passThrough[channel]);
  if (missing.length === 0) return null;
  const messages = inWords(missing.map((channel) => MESSAGES_OF[channel]));
  const kind =
    missing.length === 1 && missing[0]
      ? `a pass-through ${TEMPLATE_KIND[missing[0]]} template`
      : 'a pass-through template for each';
  return (
    `${messages.charAt(0).toUpperCase()}${messages.slice(1)} written on this desk cannot be sent until the service has ${kind}: ` +
    `in Notify, create ${inWords(missing.map(passThroughTemplateToCreate))}, and notify-desk will find ${missing.length === 1 ? 'it' : 'them'} by itself.`
  );
}
