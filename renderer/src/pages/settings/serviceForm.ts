import type { ApiKeyType, HandlerInput } from '../../../../shared/contract';
import type { FieldError } from '../../components/ErrorSummary';

export const notifyBaseUrl = 'https://api.notifications.service.gov.uk';

export interface ServiceDraft {
  name: string;
  baseUrl: string;
  /** `provided`: the key IT provides outside the keychain; `typed`: a key entered here, kept in the keychain. */
  keySource: 'typed' | 'provided';
  apiKey: string;
  keyType: ApiKeyType | '';
  smsTemplateId: string;
  emailTemplateId: string;
  letterTemplateId: string;
}

export const serviceFieldIds = {
  name: 'service-name',
  baseUrl: 'service-base-url',
  keySource: 'service-key-source',
  apiKey: 'service-api-key',
  keyType: 'service-key-type',
  smsTemplateId: 'service-sms-template-id',
  emailTemplateId: 'service-email-template-id',
  letterTemplateId: 'service-letter-template-id',
} as const;

export function validateService(draft: ServiceDraft): FieldError[] {
  const errors: FieldError[] = [];
  if (!draft.name.trim()) errors.push({ fieldId: serviceFieldIds.name, message: 'Enter the service name' });
  if (!/^https?:\/\/\S+$/.test(draft.baseUrl.trim()))
    errors.push({ fieldId: serviceFieldIds.baseUrl, message: 'Enter the service URL, starting with https://' });
  if (draft.keySource === 'typed' && !draft.apiKey.trim())
    errors.push({ fieldId: serviceFieldIds.apiKey, message: 'Enter the API key' });
  if (draft.keyType === '')
    errors.push({
      fieldId: serviceFieldIds.keyType,
      message: 'Choose the type of API key: live, team and guest list, or test',
    });
  return errors;
}

export function configureArgs(draft: ServiceDraft): HandlerInput<'services.configure'> {
  return {
    name: draft.name.trim(),
    baseUrl: draft.baseUrl.trim(),
    apiKey: draft.keySource === 'typed' ? draft.apiKey.trim() : undefined,
    keyType: draft.keyType === '' ? undefined : draft.keyType,
    smsTemplateId: draft.smsTemplateId.trim() || undefined,
    emailTemplateId: draft.emailTemplateId.trim() || undefined,
    letterTemplateId: draft.letterTemplateId.trim() || undefined,
  };
}

/** Which field a refusal from the core is about, judged by the words Notify and the contract use. */
export function fieldForServiceRefusal(message: string): string {
  const lower = message.toLowerCase();
  if (lower.includes('url')) return serviceFieldIds.baseUrl;
  if (lower.includes('type of api key')) return serviceFieldIds.keyType;
  if (lower.includes('template id')) {
    if (lower.includes('email')) return serviceFieldIds.emailTemplateId;
    if (lower.includes('letter')) return serviceFieldIds.letterTemplateId;
    return serviceFieldIds.smsTemplateId;
  }
  return serviceFieldIds.apiKey;
}
