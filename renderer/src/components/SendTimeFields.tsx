import {
  DESK_TIME_EXAMPLES,
  DESK_TIME_ZONE_NAME,
  formatDeskDateTime,
  parseDeskDateTime,
  readSendTime,
} from '../../../shared/desk-time';
import { Radios } from './Radios';
import { TextInput } from './TextInput';

export interface SendTimeDraft {
  when: 'now' | 'later';
  /** The date and time as typed, read as UK time. */
  text: string;
}

export const sendNow: SendTimeDraft = { when: 'now', text: '' };
export const sendAtFieldId = 'send-at';

/** The time to send at, or why the typed one cannot be used (shown at the date and time field). */
export function chosenSendTime(
  draft: SendTimeDraft,
  now = new Date(),
): { ok: true; sendAt: string | undefined } | { ok: false; message: string } {
  if (draft.when === 'now') return { ok: true, sendAt: undefined };
  const read = readSendTime(draft.text, now);
  return read.ok ? { ok: true, sendAt: read.iso } : { ok: false, message: read.message };
}

interface SendTimeFieldsProps {
  legend: string;
  draft: SendTimeDraft;
  onChange: (draft: SendTimeDraft) => void;
  error?: string;
}

/** Send now, or later at a date and time typed in the desk's own format, read back as the desk understood it. */
export function SendTimeFields({ legend, draft, onChange, error }: SendTimeFieldsProps) {
  const reading = draft.when === 'later' && draft.text.trim() ? parseDeskDateTime(draft.text) : null;
  return (
    <>
      <Radios
        name="send-when"
        legend={legend}
        value={draft.when}
        onChange={(when) => onChange({ ...draft, when: when === 'later' ? 'later' : 'now' })}
        options={[
          { value: 'now', label: 'Send now' },
          { value: 'later', label: 'Send later (within the next 7 days)' },
        ]}
      />
      {draft.when === 'later' && (
        <>
          <TextInput
            id={sendAtFieldId}
            label={`Date and time (${DESK_TIME_ZONE_NAME})`}
            hint={`For example, ${DESK_TIME_EXAMPLES}`}
            value={draft.text}
            onChange={(text) => onChange({ ...draft, text })}
            error={error}
            widthClass="govuk-!-width-two-thirds"
          />
          {reading?.ok && (
            <p className="govuk-body" data-testid="send-at-reading" aria-live="polite">
              It will be sent on {formatDeskDateTime(reading.iso)} ({DESK_TIME_ZONE_NAME}).
            </p>
          )}
        </>
      )}
    </>
  );
}
