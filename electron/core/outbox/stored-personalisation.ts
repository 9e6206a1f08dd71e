import * as z from 'zod';

/**
 * The values the outbox keeps with a message (as JSON) and sends to Notify: text per placeholder, or a list where
 * a spreadsheet repeated the placeholder's column.
 */
export const storedPersonalisationSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type StoredPersonalisation = z.infer<typeof storedPersonalisationSchema>;

export class UnreadablePersonalisationError extends Error {
  constructor(detail: string) {
    super(
      `The values stored with this message cannot be read (${detail}), so it cannot be sent. Cancel it and send it again.`,
    );
    this.name = 'UnreadablePersonalisationError';
  }
}

/** Reads the `personalisation` column of an outbox message. */
export function parseStoredPersonalisation(json: string): StoredPersonalisation {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new UnreadablePersonalisationError('they are not JSON');
  }
  const parsed = storedPersonalisationSchema.safeParse(value);
  if (!parsed.success) throw new UnreadablePersonalisationError('each value must be text or a list of text');
  return parsed.data;
}
