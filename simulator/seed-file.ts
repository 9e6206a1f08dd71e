// The seed file of `notify-desk simulator --seed FILE`: what the simulated service holds, added to the built-in data
// ("mode": "extend") or instead of it ("mode": "replace"). Checked with zod; a bad file is refused with the field
// and the reason.
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { checkEmailAddress, checkPhoneNumber } from './notify-rules';
import { canonicalUuid, isUuid } from './uuid';

const ANY_NUMBER = { allowInternational: true, allowLandline: true };

const uuid = z
  .string()
  .refine(isUuid, 'must be a UUID (32 hexadecimal digits, as 8-4-4-4-12)')
  .transform((value) => canonicalUuid(value));

const phoneNumber = z.string().superRefine((value, context) => {
  const checked = checkPhoneNumber(value, ANY_NUMBER);
  if (!checked.valid) context.addIssue({ code: 'custom', message: checked.message.replace(/^phone_number /, '') });
});

/** A phone number checked with Notify's rules, as Notify stores a received text's sender: 447… */
export const phoneNumberAsStored = phoneNumber.transform((value) => {
  const checked = checkPhoneNumber(value, ANY_NUMBER);
  return checked.valid ? checked.normalised : value;
});

const emailAddress = z.string().refine((value) => checkEmailAddress(value).valid, 'Not a valid email address');

export const SERVICE_PERMISSIONS = [
  'sms',
  'email',
  'letter',
  'international_sms',
  'international_letters',
  'sms_to_uk_landlines',
] as const;
export type ServicePermission = (typeof SERVICE_PERMISSIONS)[number];

const templateVersion = z
  .object({
    name: z.string().min(1, 'a template needs a name'),
    subject: z.string().nullable().optional(),
    body: z.string(),
    letterContactBlock: z.string().nullable().optional(),
  })
  .strict();

const templateSeed = z
  .object({
    id: uuid,
    type: z.enum(['sms', 'email', 'letter']),
    postage: z.enum(['first', 'second', 'economy']).optional(),
    archived: z.boolean().optional(),
    hidden: z.boolean().optional(),
    versions: z.array(templateVersion).min(1, 'a template needs at least one version'),
  })
  .strict()
  .superRefine((template, context) => {
    if (template.type !== 'letter' && template.postage !== undefined) {
      context.addIssue({ code: 'custom', path: ['postage'], message: 'only letter templates have postage' });
    }
    template.versions.forEach((version, index) => {
      const hasSubject = version.subject !== undefined && version.subject !== null;
      if (template.type === 'sms' && hasSubject) {
        context.addIssue({
          code: 'custom',
          path: ['versions', index, 'subject'],
          message: 'text message templates have no subject',
        });
      }
      if (template.type !== 'sms' && !hasSubject) {
        context.addIssue({
          code: 'custom',
          path: ['versions', index, 'subject'],
          message: `${template.type} templates need a subject`,
        });
      }
      if (
        template.type !== 'letter' &&
        version.letterContactBlock !== undefined &&
        version.letterContactBlock !== null
      ) {
        context.addIssue({
          code: 'custom',
          path: ['versions', index, 'letterContactBlock'],
          message: 'only letter templates have a contact block',
        });
      }
    });
  });
export type TemplateSeed = z.output<typeof templateSeed>;

const recipients = z
  .object({ emailAddresses: z.array(emailAddress).optional(), phoneNumbers: z.array(phoneNumber).optional() })
  .strict();
export type RecipientsSeed = { emailAddresses: string[]; phoneNumbers: string[] };

const sender = (value: z.ZodType<string>) => z.object({ id: uuid, value, isDefault: z.boolean().optional() }).strict();
export type SenderSeed = { id: string; value: string; isDefault?: boolean | undefined };

const receivedText = z
  .object({
    userNumber: phoneNumberAsStored,
    content: z.string().min(1, 'a text has some content'),
    minutesAgo: z.number().min(0),
  })
  .strict();
export type ReceivedTextSeed = z.output<typeof receivedText>;

const dailyLimit = z.number().int().min(0);

const serviceSettings = z
  .object({
    name: z.string().trim().min(1, 'a service needs a name'),
    trialMode: z.boolean(),
    permissions: z.array(z.enum(SERVICE_PERMISSIONS)),
    rateLimitPerMinute: z.number().positive(),
    dailyLimits: z
      .object({ sms: dailyLimit, email: dailyLimit, letter: dailyLimit, international_sms: dailyLimit })
      .partial()
      .strict(),
  })
  .partial()
  .strict();

function atMostOneDefault(senders: readonly SenderSeed[] | undefined, context: z.RefinementCtx, field: string): void {
  if (senders && senders.filter((candidate) => candidate.isDefault).length > 1) {
    context.addIssue({ code: 'custom', path: [field], message: 'only one can be the default' });
  }
}

function uniqueIds(items: ReadonlyArray<{ id: string }> | undefined, context: z.RefinementCtx, field: string): void {
  const seen = new Set<string>();
  items?.forEach((item, index) => {
    if (seen.has(item.id))
      context.addIssue({ code: 'custom', path: [field, index, 'id'], message: `${item.id} is used twice` });
    seen.add(item.id);
  });
}

export const SIMULATOR_SEED = z
  .object({
    mode: z.enum(['extend', 'replace']),
    service: serviceSettings.optional(),
    templates: z.array(templateSeed).optional(),
    team: recipients.optional(),
    guestList: recipients.optional(),
    smsSenders: z.array(sender(z.string().min(1, 'a sender needs a value'))).optional(),
    emailReplyTos: z.array(sender(emailAddress)).optional(),
    receivedTexts: z.array(receivedText).optional(),
  })
  .strict()
  .superRefine((seed, context) => {
    uniqueIds(seed.templates, context, 'templates');
    uniqueIds(seed.smsSenders, context, 'smsSenders');
    uniqueIds(seed.emailReplyTos, context, 'emailReplyTos');
    atMostOneDefault(seed.smsSenders, context, 'smsSenders');
    atMostOneDefault(seed.emailReplyTos, context, 'emailReplyTos');
  });

export type SimulatorSeed = z.output<typeof SIMULATOR_SEED>;
/** A seed as written in the file, before its ids and numbers are put in Notify's form. */
export type SimulatorSeedInput = z.input<typeof SIMULATOR_SEED>;

/** A seed that cannot be used; the message names each bad field and why. */
export class SeedError extends Error {}

function fieldName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const part of path) name += typeof part === 'number' ? `[${part}]` : `${name === '' ? '' : '.'}${String(part)}`;
  return name === '' ? 'the seed' : name;
}

/** Checks a parsed seed, refusing it with every bad field and its reason. */
export function parseSimulatorSeed(value: unknown): SimulatorSeed {
  const parsed = SIMULATOR_SEED.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new SeedError(parsed.error.issues.map((issue) => `${fieldName(issue.path)}: ${issue.message}`).join('; '));
}

/** Reads and checks a seed file; a SeedError says what is wrong with it (not which file). */
export function readSimulatorSeedFile(path: string): SimulatorSeed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SeedError(code === 'ENOENT' ? 'there is no such file' : `it cannot be read (${code ?? 'unknown error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedError(`it is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseSimulatorSeed(json);
}
