import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useMay } from '../../access/access';
import type { InboxConversation } from '../../../../shared/contract';
import { call, errorMessage, inboxDownloadUrl, isDesktopApp, saveInboxDownload, subscribe } from '../../api/client';
import { Checkbox } from '../../components/Checkbox';
import { ErrorBanner } from '../../components/ErrorBanner';
import { NotificationBanner } from '../../components/NotificationBanner';
import { TableHead } from '../../components/TableHead';
import { TextInput } from '../../components/TextInput';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { usePageTitle } from '../../hooks/usePageTitle';
import { href, navigate, useRoute } from '../../routing/route';
import { useStore } from '../../store/store';
import { PracticeReplyForm } from './PracticeReplyForm';

const PAGE_SIZE = 50;
const searchFieldId = 'inbox-search';

function inboxHref(search: string, unreadOnly: boolean): string {
  const query = new URLSearchParams();
  if (search.trim()) query.set('search', search.trim());
  if (unreadOnly) query.set('unread', '1');
  const text = query.toString();
  return text ? `${href('inbox')}?${text}` : href('inbox');
}

/** Replies to the service's texts, one row per phone number, with the latest message the desk sent to it. */
export function InboxPage() {
  const may = useMay();
  const { query } = useRoute();
  const search = query.get('search') ?? '';
  const unreadOnly = query.get('unread') === '1';
  const practiceMode = useStore((store) => store.status?.practiceMode ?? false);
  const [draft, setDraft] = useState(search);
  const [shown, setShown] = useState(PAGE_SIZE);
  const [page, setPage] = useState<{ conversations: InboxConversation[]; total: number; unread: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle('Inbox');

  const load = useCallback(async () => {
    try {
      setPage(await call('inbox.conversations', { search: search || undefined, unreadOnly, limit: shown }));
      setProblem(null);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }, [search, unreadOnly, shown]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => subscribe('inbox.changed', () => void load()), [load]);
  useEffect(() => setDraft(search), [search]);

  async function act(action: () => Promise<string | null>): Promise<void> {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      setNotice(await action());
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const checkForReplies = () =>
    act(async () => {
      const { fetched } = await call('inbox.refresh', {});
      await load();
      return fetched === 0
        ? 'There are no new replies.'
        : `${formatCount(fetched)} new ${fetched === 1 ? 'reply' : 'replies'} arrived.`;
    });

  const saveDownload = () =>
    act(async () => {
      const saved = await saveInboxDownload();
      return (
        saved &&
        `Saved ${formatCount(saved.rows)} received text ${saved.rows === 1 ? 'message' : 'messages'} to ${saved.path}`
      );
    });

  function applySearch(event: FormEvent): void {
    event.preventDefault();
    setShown(PAGE_SIZE);
    navigate(inboxHref(draft, unreadOnly));
  }

  const filtered = search !== '' || unreadOnly;
  return (
    <>
      {notice && <NotificationBanner id="inbox-notice-title" success heading={notice} />}
      {problem && <ErrorBanner message={problem} />}
      <h1 className="govuk-heading-l">Inbox</h1>
      <p className="govuk-body">
        Text messages people sent to your service’s number, each beside the texts this desk sent to that number.
        {page &&
          page.unread > 0 &&
          ` ${formatCount(page.unread)} ${page.unread === 1 ? 'reply has' : 'replies have'} not been read yet.`}
      </p>
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          disabled={busy}
          aria-disabled={busy}
          onClick={() => void checkForReplies()}
        >
          Check for new replies
        </button>
        {!may('export-record') ? null : isDesktopApp() ? (
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            disabled={busy}
            onClick={() => void saveDownload()}
          >
            Download all received texts (CSV)
          </button>
        ) : (
          <a className="govuk-button govuk-button--secondary" href={inboxDownloadUrl()} download>
            Download all received texts (CSV)
          </a>
        )}
      </div>
      <form className="nd-filters" role="search" noValidate onSubmit={applySearch}>
        <TextInput
          id={searchFieldId}
          label="Search by phone number or text"
          value={draft}
          onChange={setDraft}
          widthClass="govuk-input--width-20"
        />
        <Checkbox
          id="inbox-unread-only"
          label="Only numbers with unread replies"
          checked={unreadOnly}
          onChange={(checked) => navigate(inboxHref(search, checked))}
        />
        <button type="submit" className="govuk-button govuk-!-margin-bottom-0">
          Search
        </button>
      </form>
      {page && page.conversations.length === 0 && (
        <p className="govuk-body">
          {filtered ? 'No replies match this search.' : 'No replies have been received yet.'}
        </p>
      )}
      {page && page.conversations.length > 0 && <ConversationTable conversations={page.conversations} />}
      {page && page.total > page.conversations.length && (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => setShown((count) => count + PAGE_SIZE)}
        >
          Show more numbers ({formatCount(page.total - page.conversations.length)} more)
        </button>
      )}
      {practiceMode && <PracticeReplyForm onArrived={() => void load()} />}
    </>
  );
}

function ConversationTable({ conversations }: { conversations: InboxConversation[] }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">Replies by phone number</caption>
      <TableHead columns={['Phone number', 'Latest reply', 'Last sent from this desk', 'Replies']} />
      <tbody className="govuk-table__body">
        {conversations.map((conversation) => (
          <tr className="govuk-table__row" key={conversation.phoneKey} data-phone-key={conversation.phoneKey}>
            <td className="govuk-table__cell nd-recipient">
              <a className="govuk-link" href={href('inbox', conversation.phoneKey)}>
                {conversation.phoneNumber}
              </a>
              {conversation.unread > 0 && (
                <strong className="govuk-tag govuk-tag--blue nd-tag-after">
                  {formatCount(conversation.unread)} unread
                </strong>
              )}
            </td>
            <td className="govuk-table__cell">
              <span className="nd-preserve-lines">{conversation.lastText.content}</span>
              <span className="govuk-body-s govuk-hint nd-block">
                {formatDateTime(conversation.lastText.receivedAt)}
              </span>
            </td>
            <td className="govuk-table__cell">
              {conversation.lastSent ? (
                <>
                  {conversation.lastSent.templateName}
                  <span className="govuk-body-s govuk-hint nd-block">
                    by {conversation.lastSent.createdBy}, {formatDateTime(conversation.lastSent.createdAt)}
                  </span>
                </>
              ) : (
                <span className="govuk-hint">Nothing sent from this desk</span>
              )}
            </td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatCount(conversation.texts)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
