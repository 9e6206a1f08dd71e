import { useCallback, useEffect, useState } from 'react';
import type { ConversationEntry, InboxConversationDetail } from '../../../../shared/contract';
import { call, errorMessage, subscribe } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { StatusTag } from '../../components/StatusTag';
import { formatDateTime } from '../../format/dates';
import { usePageTitle } from '../../hooks/usePageTitle';
import { href } from '../../routing/route';
import { ReplyForm } from './ReplyForm';

/** Every reply from one number, each under the texts this desk sent before it, and a reply in one click. */
export function ConversationPage({ phoneKey }: { phoneKey: string }) {
  const [detail, setDetail] = useState<InboxConversationDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  usePageTitle(detail ? `Replies from ${detail.phoneNumber}` : 'Replies');

  const load = useCallback(async () => {
    try {
      const loaded = await call('inbox.conversation', { phoneKey });
      setDetail(loaded);
      setProblem(null);
      if (loaded.unread > 0) await call('inbox.markRead', { phoneKey });
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }, [phoneKey]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () =>
      subscribe('inbox.changed', ({ fetched }) => {
        if (fetched > 0) void load();
      }),
    [load],
  );
  useEffect(
    () =>
      subscribe('message.updated', (message) => {
        if (message.type === 'sms' && message.recipient === phoneKey) void load();
      }),
    [load, phoneKey],
  );

  return (
    <>
      <a href={href('inbox')} className="govuk-back-link">
        Back to the inbox
      </a>
      {problem && <ErrorBanner message={problem} />}
      {detail && (
        <>
          <span className="govuk-caption-l">Replies from</span>
          <h1 className="govuk-heading-l">{detail.phoneNumber}</h1>
          <ol className="nd-conversation" aria-label={`Texts to and from ${detail.phoneNumber}, oldest first`}>
            {detail.entries.map((entry) => (
              <Entry key={entry.kind === 'sent' ? entry.message.id : entry.text.id} entry={entry} />
            ))}
          </ol>
          <ReplyForm phoneKey={detail.phoneKey} phoneNumber={detail.phoneNumber} onQueued={() => void load()} />
        </>
      )}
    </>
  );
}

function Entry({ entry }: { entry: ConversationEntry }) {
  if (entry.kind === 'received') {
    return (
      <li className="nd-conversation__entry nd-conversation__entry--received" data-entry="received">
        <p className="govuk-body-s govuk-hint nd-conversation__meta">They replied, {formatDateTime(entry.at)}</p>
        <div className="nd-sms__bubble">{entry.text.content}</div>
      </li>
    );
  }
  const { message } = entry;
  return (
    <li className="nd-conversation__entry nd-conversation__entry--sent" data-entry="sent">
      <p className="govuk-body-s govuk-hint nd-conversation__meta">
        {message.templateName}, sent by {message.createdBy}, {formatDateTime(entry.at)}{' '}
        <StatusTag state={message.state} type={message.type} notifyStatus={message.notifyStatus} />
      </p>
      <div className="nd-sms__bubble">{message.body}</div>
    </li>
  );
}
