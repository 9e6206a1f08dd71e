import { z } from 'zod';

export const channelSchema = z.enum(['sms', 'email', 'letter']);
export type Channel = z.infer<typeof channelSchema>;

export const idSchema = z.string().min(1).max(100);

/** Values for a template's placeholders, as typed by a user or read from a spreadsheet row. */
export const personalisationSchema = z.record(z.string().max(200), z.string().max(100_000));
export type Personalisation = z.infer<typeof personalisationSchema>;

export const emptyArgs = z.object({}).strict();

/** What every host returns for a call: a value, or a message a user can read. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: { message: string; code?: string } };
