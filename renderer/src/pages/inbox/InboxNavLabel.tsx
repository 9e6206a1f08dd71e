import { formatCount } from '../../format/numbers';
import { useStore } from '../../store/store';

/** "Inbox", with the number of replies nobody has read yet. */
export function InboxNavLabel() {
  const unread = useStore((store) => store.unreadReplies);
  return (
    <>
      Inbox
      {unread !== null && unread > 0 && (
        <span className="nd-nav-count" data-testid="unread-replies">
          {formatCount(unread)}
          <span className="govuk-visually-hidden"> unread</span>
        </span>
      )}
    </>
  );
}
