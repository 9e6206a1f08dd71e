import * as z from 'zod';

export const channelSchema = z.enum(['sms', 'email', 'letter']);
export type Channel = z.infer<typeof channelSchema>;

export const idSchema = z.string().min(1).max(100);

/** Values for a template's placeholders, as typed by a user or read from a spreadsheet row. */
export const personalisationSchema = z.record(
  z.string().max(200, 'A placeholder name can be at most 200 characters'),
  z.string().max(100_000, 'What fills a placeholder can be at most 100,000 characters'),
);

/** A time to send at, as an ISO time with its offset (the UI and the command line read what a person types). */
export const sendAtSchema = z.iso.datetime({
  offset: true,
  error: 'Enter the time to send as a date and time, for example 5 December 2026 at 9:00am',
});
export type Personalisation = z.infer<typeof personalisationSchema>;

export const emptyArgs = z.object({}).strict();

/** What every host returns for a call: a value, or a message a user can read. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: { message: string; code?: string } };
