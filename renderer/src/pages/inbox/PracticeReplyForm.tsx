import { useState } from 'react';
import { call } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import { TextInput } from '../../components/TextInput';
import { Textarea } from '../../components/Textarea';
import { useSubmission } from '../../hooks/useSubmission';

const numberFieldId = 'practice-reply-number';
const textFieldId = 'practice-reply-text';

/** Practice mode: make up a reply from a number, as if someone had answered a text, and see it arrive. */
export function PracticeReplyForm({ onArrived }: { onArrived: () => void }) {
  const [phoneNumber, setPhoneNumber] = useState('');
  const [content, setContent] = useState('');
  const { errors, problem, busy, submit } = useSubmission({ 'invalid-recipient': numberFieldId });

  async function receive(): Promise<void> {
    const found: FieldError[] = [
      ...(phoneNumber.trim()
        ? []
        : [{ fieldId: numberFieldId, message: 'Enter the phone number the reply comes from' }]),
      ...(content.trim() ? [] : [{ fieldId: textFieldId, message: 'Enter the text of the reply' }]),
    ];
    const arrived = await submit(found, async () => {
      await call('inbox.practiceReply', { phoneNumber, content });
    });
    if (arrived) {
      setContent('');
      onArrived();
    }
  }

  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Practise with a reply</span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">
          In practice mode nobody can reply. Make up a reply here to see how one arrives beside the texts you sent.
        </p>
        <ErrorSummary errors={errors} />
        {problem && <ErrorBanner message={problem} />}
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void receive();
          }}
        >
          <TextInput
            id={numberFieldId}
            label="From phone number"
            type="tel"
            value={phoneNumber}
            onChange={setPhoneNumber}
            error={errorFor(errors, numberFieldId)}
            widthClass="govuk-input--width-20"
          />
          <Textarea
            id={textFieldId}
            label="Reply"
            value={content}
            onChange={setContent}
            error={errorFor(errors, textFieldId)}
            rows={3}
          />
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={busy} aria-disabled={busy}>
            Receive this reply
          </button>
        </form>
      </div>
    </details>
  );
}
