import type { HandlerInput } from '../../../../shared/contract';
import type { FieldError } from '../../components/ErrorSummary';

export const notifyBaseUrl = 'https://api.notifications.service.gov.uk';

export interface ServiceDraft {
  name: string;
  baseUrl: string;
  apiKey: string;
  smsTemplateId: string;
  emailTemplateId: string;
  letterTemplateId: string;
}

export const serviceFieldIds = {
  name: 'service-name',
  baseUrl: 'service-base-url',
  apiKey: 'service-api-key',
  smsTemplateId: 'service-sms-template-id',
  emailTemplateId: 'service-email-template-id',
  letterTemplateId: 'service-letter-template-id',
} as const;

export function validateService(draft: ServiceDraft): FieldError[] {
  const errors: FieldError[] = [];
  if (!draft.name.trim()) errors.push({ fieldId: serviceFieldIds.name, message: 'Enter the service name' });
  if (!/^https?:\/\/\S+$/.test(draft.baseUrl.trim())) errors.push({ fieldId: serviceFieldIds.baseUrl, message: 'Enter the service URL, starting with https://' });
  if (!draft.apiKey.trim()) errors.push({ fieldId: serviceFieldIds.apiKey, message: 'Enter the API key' });
  return errors;
}

export function configureArgs(draft: ServiceDraft): HandlerInput<'services.configure'> {
  return {
    name: draft.name.trim(),
    baseUrl: draft.baseUrl.trim(),
    apiKey: draft.apiKey.trim(),
    smsTemplateId: draft.smsTemplateId.trim() || undefined,
    emailTemplateId: draft.emailTemplateId.trim() || undefined,
    letterTemplateId: draft.letterTemplateId.trim() || undefined,
  };
}

/** Which field a refusal from the core is about, judged by the words Notify and the contract use. */
export function fieldForServiceRefusal(message: string): string {
  const lower = message.toLowerCase();
  if (lower.includes('url')) return serviceFieldIds.baseUrl;
  if (lower.includes('template id')) {
    if (lower.includes('email')) return serviceFieldIds.emailTemplateId;
    if (lower.includes('letter')) return serviceFieldIds.letterTemplateId;
    return serviceFieldIds.smsTemplateId;
  }
  return serviceFieldIds.apiKey;
}
