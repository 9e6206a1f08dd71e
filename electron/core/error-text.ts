/** The most of one error text from elsewhere (Notify, a proxy, a library) a person is shown: a sentence, never a page. */
export const MAX_ERROR_TEXT = 300;
/** The most of a message the desk wrote itself: room for what to do next, still bounded (it may quote a file name). */
export const MAX_DESK_MESSAGE = 600;

const MARKUP_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi;
const CONTROL_OR_SPACE_RUN = /[\s\u0000-\u001f\u007f-\u009f]+/g;

/**
 * Error text from anywhere (Notify, a proxy's HTML page, a library) as one tidy line: markup tags and line breaks
 * gone, spaces collapsed, and cut at a word boundary with "…" past `maxLength` characters.
 */
export function tidyErrorText(text: string, maxLength: number = MAX_ERROR_TEXT): string {
  // Only the start matters: tidying a megabyte to show 300 characters of it would be wasted work.
  const start = text.length > maxLength * 8 ? text.slice(0, maxLength * 8) : text;
  const tidy = start.replace(MARKUP_TAG, ' ').replace(CONTROL_OR_SPACE_RUN, ' ').trim();
  if (tidy.length <= maxLength && start.length === text.length) return tidy;
  if (tidy.length <= maxLength) return `${tidy}…`;
  const cut = tidy.slice(0, maxLength - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** The text of anything thrown, tidied and bounded. */
export const errorText = (error: unknown, maxLength: number = MAX_ERROR_TEXT): string =>
  tidyErrorText(error instanceof Error ? error.message : String(error), maxLength);
