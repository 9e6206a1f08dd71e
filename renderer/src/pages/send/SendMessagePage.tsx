import { useEffect, useState } from 'react';
import type { OutboxMessage, Personalisation, TemplateDetail } from '../../../../shared/contract';
import { CallError, call, errorMessage } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { NotificationBanner } from '../../components/NotificationBanner';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { MessagePreviewPanel } from '../../components/MessagePreviewPanel';
import { Select } from '../../components/Select';
import { TextInput } from '../../components/TextInput';
import { templateOptionLabel } from '../../format/templates';
import { usePreview } from '../../hooks/usePreview';
import { href, navigate, useRoute } from '../../routing/route';
import { useStore } from '../../store/store';
import { CostLine } from './CostLine';
import {
  emptyRecipient,
  fieldForRefusal,
  isRecipientPlaceholder,
  recipientText,
  recipientValues,
  validateRecipient,
  valueFieldId,
  type RecipientDraft,
} from './recipient';
import { RecipientFields } from './RecipientFields';
import { usePageTitle } from '../../hooks/usePageTitle';
import {
  chosenSendTime,
  sendAtFieldId,
  SendTimeFields,
  sendNow,
  type SendTimeDraft,
} from '../../components/SendTimeFields';
import { formatDateTime } from '../../format/dates';

const templateFieldId = 'template';

export function SendMessagePage() {
  const templateId = useRoute().query.get('template') ?? '';
  const templates = useStore((store) => store.templates);
  const [template, setTemplate] = useState<TemplateDetail | null>(null);
  const [recipient, setRecipient] = useState<RecipientDraft>(emptyRecipient);
  const [values, setValues] = useState<Personalisation>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [queued, setQueued] = useState<OutboxMessage | null>(null);
  const [sendTime, setSendTime] = useState<SendTimeDraft>(sendNow);
  usePageTitle('Send a message');

  useEffect(() => {
    setTemplate(null);
    setErrors([]);
    if (!templateId) return;
    call('templates.get', { id: templateId }).then(setTemplate, (error: unknown) => setProblem(errorMessage(error)));
  }, [templateId]);

  const placeholders = template ? template.placeholders.filter((name) => !isRecipientPlaceholder(name)) : [];
  const { preview, error: previewError } = usePreview(
    template
      ? {
          type: template.type,
          body: template.latest.body,
          subject: template.latest.subject ?? undefined,
          values: { ...recipientValues(template.type, recipient), ...values },
        }
      : null,
  );

  function chooseTemplate(id: string): void {
    setQueued(null);
    navigate(id ? `${href('send')}?template=${encodeURIComponent(id)}` : href('send'));
  }

  async function send(chosen: TemplateDetail): Promise<void> {
    const when = chosenSendTime(sendTime);
    const problems = [
      ...validateRecipient(chosen.type, recipient),
      ...placeholders.flatMap((name, index) =>
        values[name]?.trim() ? [] : [{ fieldId: valueFieldId(index), message: `Enter ${name}` }],
      ),
      ...(when.ok ? [] : [{ fieldId: sendAtFieldId, message: when.message }]),
    ];
    setErrors(problems);
    setProblem(null);
    setQueued(null);
    if (problems.length > 0 || !when.ok) return;
    setSending(true);
    try {
      const { message } = await call('messages.send', {
        templateId: chosen.id,
        to: recipientText(chosen.type, recipient),
        values,
        sendAt: when.sendAt,
      });
      setQueued(message);
      setRecipient(emptyRecipient());
      setValues({});
      setSendTime(sendNow);
    } catch (error) {
      if (error instanceof CallError) {
        setErrors([
          { fieldId: fieldForRefusal(error.message, chosen.type, placeholders, recipient), message: error.message },
        ]);
      } else {
        setProblem(errorMessage(error));
      }
    } finally {
      setSending(false);
    }
  }

  const templateOptions = [
    { value: '', label: 'Choose a template' },
    ...templates
      .filter((summary) => !summary.archived)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((summary) => ({ value: summary.id, label: templateOptionLabel(summary) })),
  ];

  return (
    <>
      {queued && <QueuedBanner message={queued} />}
      <ErrorSummary errors={errors} />
      {problem && <ErrorBanner message={problem} />}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h1 className="govuk-heading-l">Send a message</h1>
          <Select
            id={templateFieldId}
            label="Template"
            value={templateId}
            options={templateOptions}
            onChange={chooseTemplate}
          />
          {template && (
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                void send(template);
              }}
            >
              <RecipientFields type={template.type} recipient={recipient} onChange={setRecipient} errors={errors} />
              {placeholders.map((name, index) => (
                <TextInput
                  key={name}
                  id={valueFieldId(index)}
                  label={name}
                  value={values[name] ?? ''}
                  onChange={(value) => setValues((previous) => ({ ...previous, [name]: value }))}
                  error={errorFor(errors, valueFieldId(index))}
                  widthClass="govuk-!-width-full"
                />
              ))}
              <SendTimeFields
                legend="When should it be sent?"
                draft={sendTime}
                onChange={setSendTime}
                error={errorFor(errors, sendAtFieldId)}
              />
              <CostLine template={template} preview={preview} />
              <button type="submit" className="govuk-button" disabled={sending} aria-disabled={sending}>
                Send
              </button>
            </form>
          )}
        </div>
        <div className="govuk-grid-column-one-half">
          {template && (
            <MessagePreviewPanel
              preview={preview}
              error={previewError}
              letter={{
                addressLines: recipient.addressLines.filter((line) => line.trim()),
                contactBlock: template.latest.letterContactBlock ?? '',
                postage: template.latest.postage ?? 'second',
              }}
            />
          )}
        </div>
      </div>
    </>
  );
}

function QueuedBanner({ message }: { message: OutboxMessage }) {
  const to = message.recipient.split('\n')[0];
  const scheduled = message.state === 'scheduled';
  return (
    <NotificationBanner
      id="queued-title"
      success
      heading={scheduled ? `Message to ${to} scheduled` : `Message to ${to} queued`}
    >
      <p className="govuk-body">
        {scheduled
          ? `It will be sent on ${formatDateTime(message.sendAfter)}.`
          : 'It will be sent as soon as Notify can be reached.'}{' '}
        <a className="govuk-notification-banner__link" href={href('outbox')}>
          See it in the outbox
        </a>
      </p>
    </NotificationBanner>
  );
}
