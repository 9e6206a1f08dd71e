// Notify's times are London times. The first Intl formatter of a process that names a time zone loads the platform's
// time-zone data (about 12 ms), so each formatter is made when first used: commands that show no time (notify-desk
// --help, template list) do not wait for it.

/** Notify's time zone: its services are British. */
export const LONDON_TIME_ZONE = 'Europe/London';

/** Returns Intl's en-GB formatter of London time with these fields, made on the first call and kept. */
export function londonFormatter(fields: Omit<Intl.DateTimeFormatOptions, 'timeZone'>): () => Intl.DateTimeFormat {
  let formatter: Intl.DateTimeFormat | undefined;
  return () => (formatter ??= new Intl.DateTimeFormat('en-GB', { ...fields, timeZone: LONDON_TIME_ZONE }));
}
