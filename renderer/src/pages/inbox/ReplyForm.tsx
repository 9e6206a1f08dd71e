import { useEffect, useState } from 'react';
import type { Personalisation, TemplateDetail } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { NotificationBanner } from '../../components/NotificationBanner';
import { Select } from '../../components/Select';
import { SmsPreview } from '../../components/SmsPreview';
import { TextInput } from '../../components/TextInput';
import { usePreview } from '../../hooks/usePreview';
import { useSubmission } from '../../hooks/useSubmission';
import { templateChoices } from '../../format/templateChoices';
import { useStore } from '../../store/store';
import { isRecipientPlaceholder } from '../send/recipient';

const templateFieldId = 'reply-template';
const valueFieldId = (index: number): string => `reply-placeholder-${index}`;
/** The template last replied with, chosen again next time: with no placeholders, a reply is one click. */
const lastTemplateKey = 'notifyDesk.replyTemplate';

/** A one-off text to the number, from a text message template. */
export function ReplyForm({
  phoneKey,
  phoneNumber,
  onQueued,
}: {
  phoneKey: string;
  phoneNumber: string;
  onQueued: () => void;
}) {
  const templates = useStore((store) => store.templates);
  const choices = templateChoices(templates, 'sms');
  const remembered = window.localStorage.getItem(lastTemplateKey) ?? '';
  const [templateId, setTemplateId] = useState(remembered);
  const [template, setTemplate] = useState<TemplateDetail | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [values, setValues] = useState<Personalisation>({});
  const [queued, setQueued] = useState<string | null>(null);
  const { errors, problem, busy: sending, submit } = useSubmission({ 'invalid-message': templateFieldId });
  const chosenExists = templateId !== '' && choices.some((choice) => choice.value === templateId);

  useEffect(() => {
    setTemplate(null);
    if (!templateId || !chosenExists) return;
    call('templates.get', { id: templateId }).then(setTemplate, (error: unknown) =>
      setLoadProblem(errorMessage(error)),
    );
  }, [templateId, chosenExists]);

  const placeholders = template ? template.placeholders.filter((name) => !isRecipientPlaceholder(name)) : [];
  const { preview } = usePreview(
    template ? { type: 'sms', body: template.latest.body, values: { 'phone number': phoneNumber, ...values } } : null,
  );

  const shownProblem = problem ?? loadProblem;

  async function send(): Promise<void> {
    const found: FieldError[] = [
      ...(template ? [] : [{ fieldId: templateFieldId, message: 'Choose a text message template to reply with' }]),
      ...placeholders.flatMap((name, index) =>
        values[name]?.trim() ? [] : [{ fieldId: valueFieldId(index), message: `Enter ${name}` }],
      ),
    ];
    setQueued(null);
    const sent = await submit(found, async () => {
      await call('inbox.reply', { phoneKey, templateId: template?.id ?? '', values });
    });
    if (sent && template) {
      window.localStorage.setItem(lastTemplateKey, template.id);
      setValues({});
      setQueued(`Reply to ${phoneNumber} queued`);
      onQueued();
    }
  }

  return (
    <section aria-labelledby="reply-heading">
      <h2 className="govuk-heading-m" id="reply-heading">
        Reply
      </h2>
      {queued && (
        <NotificationBanner id="reply-queued-title" success heading={queued}>
          <p className="govuk-body">It will be sent as soon as Notify can be reached, and shows here once sent.</p>
        </NotificationBanner>
      )}
      <ErrorSummary errors={errors} />
      {shownProblem && <ErrorBanner message={shownProblem} />}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <Select
          id={templateFieldId}
          label="Text message template"
          value={chosenExists ? templateId : ''}
          options={choices}
          onChange={(id) => {
            setTemplateId(id);
            setValues({});
            setQueued(null);
          }}
          error={errorFor(errors, templateFieldId)}
        />
        {placeholders.map((name, index) => (
          <TextInput
            key={name}
            id={valueFieldId(index)}
            label={name}
            value={values[name] ?? ''}
            onChange={(value) => setValues((previous) => ({ ...previous, [name]: value }))}
            error={errorFor(errors, valueFieldId(index))}
            widthClass="govuk-!-width-two-thirds"
          />
        ))}
        {template && preview && <SmsPreview preview={preview} />}
        <button type="submit" className="govuk-button" disabled={sending} aria-disabled={sending}>
          Send reply<span className="govuk-visually-hidden"> to {phoneNumber}</span>
        </button>
      </form>
    </section>
  );
}
