import * as z from 'zod';

/** Notify's responses, checked where they enter. Only the fields the desk uses are required; the rest pass unread. */

export const errorEnvelopeSchema = z.object({
  status_code: z.number().optional(),
  errors: z.array(z.object({ error: z.string(), message: z.string() })).min(1),
});

export const sendResponseSchema = z.object({
  id: z.string().min(1),
  reference: z.string().nullable().optional(),
  content: z.record(z.string(), z.unknown()).optional(),
  uri: z.string().optional(),
  template: z.object({ id: z.string(), version: z.number(), uri: z.string().optional() }).optional(),
});
export type SendResponse = z.infer<typeof sendResponseSchema>;

export const notificationSchema = z.object({
  id: z.string().min(1),
  reference: z.string().nullable(),
  type: z.enum(['sms', 'email', 'letter']),
  status: z.string().min(1),
  created_at: z.string(),
  sent_at: z.string().nullable().optional(),
  completed_at: z.string().nullable().optional(),
  email_address: z.string().nullable().optional(),
  phone_number: z.string().nullable().optional(),
  body: z.string().optional(),
  subject: z.string().nullable().optional(),
  created_by_name: z.string().nullable().optional(),
  template: z.object({ id: z.string(), version: z.number() }).partial().optional(),
  line_1: z.string().nullable().optional(),
  line_2: z.string().nullable().optional(),
  line_3: z.string().nullable().optional(),
  line_4: z.string().nullable().optional(),
  line_5: z.string().nullable().optional(),
  line_6: z.string().nullable().optional(),
  postcode: z.string().nullable().optional(),
  postage: z.string().nullable().optional(),
  is_cost_data_ready: z.boolean().optional(),
  cost_in_pounds: z.number().nullable().optional(),
  cost_details: z
    .object({ billable_sms_fragments: z.number().optional(), billable_sheets_of_paper: z.number().optional() })
    .partial()
    .optional(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListSchema = z.object({
  notifications: z.array(notificationSchema),
  links: z.object({ current: z.string().optional(), next: z.string().optional() }).optional(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const templateSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  type: z.enum(['sms', 'email', 'letter']),
  created_at: z.string().optional(),
  updated_at: z.string().nullable().optional(),
  created_by: z.string().optional(),
  version: z.number().int(),
  body: z.string(),
  subject: z.string().nullable().optional(),
  personalisation: z.record(z.string(), z.unknown()).optional(),
  postage: z.string().nullable().optional(),
  letter_contact_block: z.string().nullable().optional(),
});
export type NotifyTemplate = z.infer<typeof templateSchema>;

export const templateListSchema = z.object({ templates: z.array(templateSchema) });

/** GET /v2/received-text-messages: newest first, 250 a page, `next` while the page is not empty. */
export const receivedTextSchema = z.object({
  id: z.string().min(1),
  user_number: z.string().min(1),
  notify_number: z.string().nullable().optional(),
  created_at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'created_at is not a time'),
  service_id: z.string().optional(),
  content: z.string(),
});
export type ReceivedText = z.infer<typeof receivedTextSchema>;

export const receivedTextListSchema = z.object({
  received_text_messages: z.array(receivedTextSchema),
  links: z.object({ current: z.string().optional(), next: z.string().optional() }).optional(),
});
export type ReceivedTextList = z.infer<typeof receivedTextListSchema>;
