import { useState } from 'react';
import type { ImportCheckReport } from '../../../../shared/contract';
import { Checkbox } from '../../components/Checkbox';
import { ErrorSummary, errorFor, type FieldError } from '../../components/ErrorSummary';
import {
  chosenSendTime,
  sendAtFieldId,
  SendTimeFields,
  sendNow,
  type SendTimeDraft,
} from '../../components/SendTimeFields';
import { formatCount } from '../../format/numbers';

export interface QueueChoice {
  excludeInvalid: boolean;
  sendAt: string | undefined;
}

const excludeInvalidFieldId = 'exclude-invalid';

/**
 * Send now or later (within 7 days), and whether to set the rows with problems aside. The button is never greyed
 * out: what stops it is said when it is pressed, at the field that fixes it.
 */
export function QueueForm({
  report,
  busy,
  onQueue,
}: {
  report: ImportCheckReport;
  busy: boolean;
  onQueue: (choice: QueueChoice) => void;
}) {
  const [sendTime, setSendTime] = useState<SendTimeDraft>(sendNow);
  const [excludeInvalid, setExcludeInvalid] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  if (report.fileError !== null || report.valid === 0) {
    return (
      <p className="govuk-body">No row of this file can be sent. Fix the file and choose it again to import it.</p>
    );
  }

  function submit(): void {
    const when = chosenSendTime(sendTime);
    const problems: FieldError[] = [];
    if (report.invalid > 0 && !excludeInvalid) {
      problems.push({
        fieldId: excludeInvalidFieldId,
        message: `${formatCount(report.invalid)} ${report.invalid === 1 ? 'row has' : 'rows have'} problems. Tick the box to queue the ${formatCount(report.valid)} rows without problems and set the others aside, or fix the file and choose it again`,
      });
    }
    if (!when.ok) problems.push({ fieldId: sendAtFieldId, message: when.message });
    setErrors(problems);
    if (problems.length > 0 || !when.ok) return;
    onQueue({ excludeInvalid, sendAt: when.sendAt });
  }

  const excludeError = errorFor(errors, excludeInvalidFieldId);
  return (
    <>
      <ErrorSummary errors={errors} />
      <SendTimeFields
        legend="When should the messages be sent?"
        draft={sendTime}
        onChange={setSendTime}
        error={errorFor(errors, sendAtFieldId)}
      />
      {report.invalid > 0 && (
        <div className={`govuk-form-group${excludeError ? ' govuk-form-group--error' : ''}`}>
          {excludeError && (
            <p id={`${excludeInvalidFieldId}-error`} className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {excludeError}
            </p>
          )}
          <Checkbox
            id={excludeInvalidFieldId}
            label={`Queue the ${formatCount(report.valid)} rows without problems and set the other ${formatCount(report.invalid)} aside in a spreadsheet to correct`}
            checked={excludeInvalid}
            onChange={setExcludeInvalid}
            describedBy={excludeError ? `${excludeInvalidFieldId}-error` : undefined}
          />
        </div>
      )}
      <button
        type="button"
        className="govuk-button govuk-!-margin-top-4"
        disabled={busy}
        aria-disabled={busy}
        onClick={submit}
      >
        Queue {formatCount(report.valid)} messages
      </button>
    </>
  );
}
