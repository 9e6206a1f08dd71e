/**
 * The client reference the desk gives each message: `notify-desk-<message id>-by-<desk user>`. Notify stores it and
 * lists it back, so a lost response is found again without sending twice, and any desk harvesting the service's
 * notifications can tell who at another desk sent a message.
 */
export const REFERENCE_PREFIX = 'notify-desk-';
const USER_MARK = '-by-';
const MESSAGE_ID_LENGTH = 36;
const MAX_USER_LENGTH = 200;

/** What follows the message id: the desk user, percent-encoded so any name fits the reference's characters. */
export function referenceUserSuffix(user: string): string {
  return user ? `${USER_MARK}${encodeURIComponent(user.slice(0, MAX_USER_LENGTH))}` : '';
}

export const newReference = (messageId: string, user = ''): string =>
  `${REFERENCE_PREFIX}${messageId}${referenceUserSuffix(user)}`;

/** The message id and desk user of a reference the desk made; null for any other reference. */
export function parseDeskReference(
  reference: string | null | undefined,
): { messageId: string; user: string | null } | null {
  if (!reference?.startsWith(REFERENCE_PREFIX)) return null;
  const rest = reference.slice(REFERENCE_PREFIX.length);
  const messageId = rest.slice(0, MESSAGE_ID_LENGTH);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(messageId)) return null;
  const tail = rest.slice(MESSAGE_ID_LENGTH);
  if (tail === '') return { messageId, user: null };
  if (!tail.startsWith(USER_MARK)) return null;
  try {
    return { messageId, user: decodeURIComponent(tail.slice(USER_MARK.length)) };
  } catch {
    return { messageId, user: tail.slice(USER_MARK.length) };
  }
}
