import type { ActiveService } from '../core-context';
import type { NotifyClient, SendResponse } from '../notify-client';
import type { ClaimedMessage } from '../outbox/leases';
import { parseStoredPersonalisation, type StoredPersonalisation } from '../outbox/stored-personalisation';
import { passThroughTemplateToCreate } from '../services/pass-through-templates';

const MESSAGE_NAMES = { sms: 'text', email: 'email', letter: 'letter' } as const;

/** A message written on the desk, for a channel the service has no pass-through template for: a person creates one in Notify. */
export class MissingPassThroughTemplateError extends Error {
  constructor(channel: ClaimedMessage['type']) {
    super(
      `This ${MESSAGE_NAMES[channel]} was written on the desk and is sent through a pass-through template, which the service does not have yet: ` +
        `in Notify, create ${passThroughTemplateToCreate(channel)}, and notify-desk will send this ${MESSAGE_NAMES[channel]} by itself.`,
    );
    this.name = 'MissingPassThroughTemplateError';
  }
}

const ADDRESS_KEYS = [
  'address_line_1',
  'address_line_2',
  'address_line_3',
  'address_line_4',
  'address_line_5',
  'address_line_6',
  'address_line_7',
  'postcode',
];
const normaliseKey = (key: string): string => key.toLowerCase().replace(/[\s_-]/g, '');

/** The Notify send for a leased message: the Notify template and the user's values, or the pass-through template with the desk's rendering. */
export function sendMessage(
  client: NotifyClient,
  service: ActiveService,
  message: ClaimedMessage,
  beforeSend: () => void = () => undefined,
): Promise<SendResponse> {
  if (message.precompiled) {
    beforeSend();
    return client.sendPrecompiledLetter({
      reference: message.reference,
      pdf: message.precompiled.pdf,
      postage: message.precompiled.postage,
    });
  }
  const values = parseStoredPersonalisation(message.personalisation);
  let templateId: string;
  let personalisation: StoredPersonalisation;
  if (message.templateSource === 'notify' && message.notifyTemplateId) {
    templateId = message.notifyTemplateId;
    personalisation = values;
  } else {
    const passThrough = service.passThroughTemplates[message.type];
    if (!passThrough) throw new MissingPassThroughTemplateError(message.type);
    templateId = passThrough;
    personalisation = passThroughPersonalisation(message, values);
  }
  const reference = message.reference;
  beforeSend();
  switch (message.type) {
    case 'sms':
      return client.sendSms({ templateId, phoneNumber: message.recipient, personalisation, reference });
    case 'email':
      return client.sendEmail({ templateId, emailAddress: message.recipient, personalisation, reference });
    case 'letter':
      return client.sendLetter({ templateId, personalisation, reference });
  }
}

function passThroughPersonalisation(message: ClaimedMessage, values: StoredPersonalisation): Record<string, string> {
  if (message.type === 'sms') return { body: message.renderedBody };
  if (message.type === 'email') return { subject: message.renderedSubject ?? '', body: message.renderedBody };
  const address: Record<string, string> = {};
  const byNormalisedKey = new Map(Object.entries(values).map(([key, value]) => [normaliseKey(key), value]));
  for (const key of ADDRESS_KEYS) {
    const value = byNormalisedKey.get(normaliseKey(key));
    if (typeof value === 'string' && value.trim() !== '') address[key] = value;
  }
  return { ...address, subject: message.renderedSubject ?? '', body: message.renderedBody };
}
