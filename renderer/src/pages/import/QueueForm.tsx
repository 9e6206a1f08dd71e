import { useState } from 'react';
import type { ImportCheckReport } from '../../../../shared/contract';
import { Checkbox } from '../../components/Checkbox';
import { Radios } from '../../components/Radios';

export interface QueueChoice {
  excludeInvalid: boolean;
  sendAt: string | undefined;
}

const sevenDaysMs = 7 * 24 * 60 * 60 * 1000;

/** Send now or later (within 7 days), and whether to set the rows with problems aside. */
export function QueueForm({ report, busy, onQueue }: { report: ImportCheckReport; busy: boolean; onQueue(choice: QueueChoice): void }) {
  const [when, setWhen] = useState('now');
  const [at, setAt] = useState('');
  const [excludeInvalid, setExcludeInvalid] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const blocked = report.fileError !== null || report.missingColumns.length > 0 || report.valid === 0;
  if (blocked) return <p className="govuk-body">Fix the file and choose it again to import it.</p>;

  function submit(): void {
    let sendAt: string | undefined;
    if (when === 'later') {
      const time = new Date(at).getTime();
      if (!at || Number.isNaN(time) || time <= Date.now() || time > Date.now() + sevenDaysMs) {
        setError('Choose a time within the next 7 days');
        return;
      }
      sendAt = new Date(time).toISOString();
    }
    setError(undefined);
    onQueue({ excludeInvalid, sendAt });
  }

  return (
    <>
      <Radios
        name="send-when"
        legend="When should the messages be sent?"
        value={when}
        onChange={setWhen}
        options={[
          { value: 'now', label: 'Send now' },
          { value: 'later', label: 'Schedule for later (within 7 days)' },
        ]}
      />
      {when === 'later' && (
        <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor="send-at">
            Date and time
          </label>
          {error && <p className="govuk-error-message">{error}</p>}
          <input className="govuk-input govuk-input--width-20" id="send-at" type="datetime-local" value={at} onChange={(event) => setAt(event.target.value)} />
        </div>
      )}
      {report.invalid > 0 && (
        <Checkbox
          id="exclude-invalid"
          label={`Queue the ${report.valid.toLocaleString('en-GB')} rows without problems and set the other ${report.invalid.toLocaleString('en-GB')} aside in a spreadsheet to correct`}
          checked={excludeInvalid}
          onChange={setExcludeInvalid}
        />
      )}
      <button type="button" className="govuk-button govuk-!-margin-top-4" disabled={busy || (report.invalid > 0 && !excludeInvalid)} onClick={submit}>
        Queue {report.valid.toLocaleString('en-GB')} messages
      </button>
    </>
  );
}
