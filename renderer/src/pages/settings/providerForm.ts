import type { HandlerInput, ProviderKind } from '../../../../shared/contract';
import type { FieldError } from '../../components/ErrorSummary';

/** What a person types for a new provider; secrets are sent once and never shown again. */
export interface ProviderDraft {
  kind: ProviderKind;
  name: string;
  host: string;
  port: string;
  user: string;
  password: string;
  from: string;
  replyTo: string;
  systemId: string;
  sender: string;
  baseUrl: string;
  accountSid: string;
  authToken: string;
}

export const emptyProviderDraft: ProviderDraft = {
  kind: 'smtp',
  name: '',
  host: '',
  port: '',
  user: '',
  password: '',
  from: '',
  replyTo: '',
  systemId: '',
  sender: '',
  baseUrl: 'https://api.twilio.com',
  accountSid: '',
  authToken: '',
};

export const providerKindLabels: Record<ProviderKind, string> = {
  smtp: 'Email relay (SMTP)',
  smpp: 'SMS gateway (SMPP 3.4)',
  'http-sms': 'SMS gateway over HTTP (Twilio’s API or compatible)',
};

export const providerFieldIds = {
  kind: 'provider-kind',
  name: 'provider-name',
  host: 'provider-host',
  port: 'provider-port',
  user: 'provider-user',
  password: 'provider-password',
  from: 'provider-from',
  replyTo: 'provider-reply-to',
  systemId: 'provider-system-id',
  sender: 'provider-sender',
  baseUrl: 'provider-base-url',
  accountSid: 'provider-account-sid',
  authToken: 'provider-auth-token',
} as const satisfies Record<keyof ProviderDraft, string>;

/** The fields each kind of provider asks for, in the order the form shows them. */
export const providerFields: Record<ProviderKind, (keyof ProviderDraft)[]> = {
  smtp: ['name', 'host', 'port', 'user', 'password', 'from', 'replyTo'],
  smpp: ['name', 'host', 'port', 'systemId', 'password', 'sender'],
  'http-sms': ['name', 'baseUrl', 'accountSid', 'authToken', 'sender'],
};

const requiredFields: Record<ProviderKind, [keyof ProviderDraft, string][]> = {
  smtp: [
    ['name', 'Enter a name for the provider'],
    ['host', 'Enter the mail server’s host name'],
    ['port', 'Enter the port'],
    ['from', 'Enter the From address'],
  ],
  smpp: [
    ['name', 'Enter a name for the provider'],
    ['host', 'Enter the gateway’s host name'],
    ['port', 'Enter the port'],
    ['systemId', 'Enter the system id'],
    ['password', 'Enter the password'],
  ],
  'http-sms': [
    ['name', 'Enter a name for the provider'],
    ['baseUrl', 'Enter the gateway’s base URL'],
    ['accountSid', 'Enter the account SID'],
    ['authToken', 'Enter the auth token'],
    ['sender', 'Enter the number or sender id texts come from'],
  ],
};

/** The checks the form can make before asking the core (which checks everything again). */
export function validateProvider(draft: ProviderDraft): FieldError[] {
  const errors = requiredFields[draft.kind]
    .filter(([field]) => !draft[field].trim())
    .map(([field, message]) => ({ fieldId: providerFieldIds[field], message }));
  if (draft.port.trim() && !/^\d{1,5}$/.test(draft.port.trim()))
    errors.push({ fieldId: providerFieldIds.port, message: 'Enter the port as a number, like 587' });
  if (draft.kind === 'smtp' && draft.password && !draft.user.trim())
    errors.push({ fieldId: providerFieldIds.user, message: 'Enter the user name for this password' });
  return errors;
}

const optional = (value: string): string | undefined => (value.trim() ? value.trim() : undefined);

export function providerArgs(draft: ProviderDraft): HandlerInput<'providers.add'> {
  const name = draft.name.trim();
  switch (draft.kind) {
    case 'smtp':
      return {
        kind: 'smtp',
        name,
        host: draft.host.trim(),
        port: Number(draft.port),
        user: optional(draft.user),
        password: draft.password || undefined,
        from: draft.from.trim(),
        replyTo: optional(draft.replyTo),
      };
    case 'smpp':
      return {
        kind: 'smpp',
        name,
        host: draft.host.trim(),
        port: Number(draft.port),
        systemId: draft.systemId,
        password: draft.password,
        sender: optional(draft.sender),
      };
    case 'http-sms':
      return {
        kind: 'http-sms',
        name,
        baseUrl: draft.baseUrl.trim(),
        accountSid: draft.accountSid.trim(),
        authToken: draft.authToken,
        from: draft.sender.trim(),
      };
  }
}

/** The core answers a bad field as `field: message`; which of the form's fields that is. */
export function fieldForProviderRefusal(message: string, kind: ProviderKind): FieldError {
  const [field, ...rest] = message.split(': ');
  const byContract: Record<string, keyof ProviderDraft> = {
    name: 'name',
    host: 'host',
    port: 'port',
    user: 'user',
    password: 'password',
    from: kind === 'smtp' ? 'from' : 'sender',
    replyTo: 'replyTo',
    systemId: 'systemId',
    sender: 'sender',
    baseUrl: 'baseUrl',
    accountSid: 'accountSid',
    authToken: 'authToken',
  };
  const draftField = field ? byContract[field] : undefined;
  return draftField && rest.length > 0
    ? { fieldId: providerFieldIds[draftField], message: rest.join(': ') }
    : { fieldId: providerFieldIds.name, message };
}
