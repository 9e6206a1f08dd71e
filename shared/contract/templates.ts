import * as z from 'zod';
import { channelSchema, idSchema, personalisationSchema, type Channel } from './common';
import type { PermissionsFor } from './permissions';
import { roles, type Role } from './roles';

export const postageSchema = z.enum(['first', 'second', 'economy']);

const templateFields = {
  name: z.string().trim().min(1, 'Enter a template name').max(255, 'A template name can be at most 255 characters'),
  subject: z.string().max(1000, 'A subject can be at most 1,000 characters').optional(),
  body: z.string().max(2_000_000, 'A message can be at most 2,000,000 characters'),
  folder: z.string().trim().max(255, 'A folder name can be at most 255 characters').optional(),
  letterContactBlock: z.string().max(1000, 'A contact block can be at most 1,000 characters').optional(),
  postage: postageSchema.optional(),
  /** The roles that may use the template; absent or null: every role. Administrators always may. */
  allowedRoles: z
    .array(z.enum(roles))
    .min(1, 'Choose at least one role, or let every role use the template')
    .max(roles.length)
    .nullable()
    .optional(),
};

export interface TemplateVersion {
  version: number;
  subject: string | null;
  body: string;
  letterContactBlock: string | null;
  postage: 'first' | 'second' | 'economy' | null;
  createdAt: string;
  createdBy: string;
}

export interface TemplateSummary {
  id: string;
  type: Channel;
  name: string;
  folder: string | null;
  /** `local`: written on this desk, sent through the service's pass-through template. `notify`: lives on the Notify service. */
  source: 'local' | 'notify';
  archived: boolean;
  /** The roles that may use it (administrators always may); null: every role. */
  allowedRoles: Role[] | null;
  currentVersion: number;
  updatedAt: string;
}

export interface TemplateDetail extends TemplateSummary {
  latest: TemplateVersion;
  placeholders: string[];
}

export interface MessagePreview {
  type: Channel;
  body: string;
  /** An email's subject as text; a letter's heading as Notify's HTML (escaped text, unfilled placeholders marked up). */
  subject: string | null;
  html: string | null;
  placeholders: string[];
  missing: string[];
  sms: { characterCount: number; fragmentCount: number; encoding: 'GSM-7' | 'UCS-2'; tooLong: boolean } | null;
  errors: string[];
}

export const templateHandlerArgs = {
  'templates.list': z.object({ includeArchived: z.boolean().optional(), type: channelSchema.optional() }).strict(),
  'templates.get': z.object({ id: idSchema }).strict(),
  'templates.create': z.object({ type: channelSchema, ...templateFields }).strict(),
  'templates.update': z.object({ id: idSchema, ...templateFields }).strict(),
  'templates.archive': z.object({ id: idSchema }).strict(),
  'templates.versions': z.object({ id: idSchema }).strict(),
  'templates.preview': z
    .object({
      type: channelSchema,
      body: z.string().max(2_000_000),
      subject: z.string().max(1000).optional(),
      letterContactBlock: z.string().max(1000).optional(),
      values: personalisationSchema.optional(),
    })
    .strict(),
} as const;

export const templateHandlerPermissions = {
  'templates.list': 'use-desk',
  'templates.get': 'use-desk',
  'templates.create': 'manage-templates',
  'templates.update': 'manage-templates',
  'templates.archive': 'manage-templates',
  'templates.versions': 'use-desk',
  'templates.preview': 'use-desk',
} as const satisfies PermissionsFor<typeof templateHandlerArgs>;

export interface TemplateHandlerResults {
  'templates.list': TemplateSummary[];
  'templates.get': TemplateDetail;
  'templates.create': TemplateDetail;
  'templates.update': TemplateDetail;
  'templates.archive': TemplateSummary;
  'templates.versions': TemplateVersion[];
  'templates.preview': MessagePreview;
}
