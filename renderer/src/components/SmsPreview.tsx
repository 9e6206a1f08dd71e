import type { MessagePreview } from '../../../shared/contract';
import { charactersOutsideGsm } from '../format/gsmAlphabet';

export function SmsPreview({ preview }: { preview: MessagePreview }) {
  const sms = preview.sms;
  const unusual = sms?.encoding === 'UCS-2' ? charactersOutsideGsm(preview.body) : [];
  return (
    <div className="nd-sms">
      <div className="nd-sms__bubble" data-testid="sms-preview">
        {preview.body}
      </div>
      {sms && (
        <>
          <p className="govuk-body-s nd-sms__counts" aria-live="polite" data-testid="sms-count">
            {sms.characterCount} {sms.characterCount === 1 ? 'character' : 'characters'}, charged as {sms.fragmentCount}{' '}
            {sms.fragmentCount === 1 ? 'text message' : 'text messages'}
            {preview.missing.length > 0 && `. ${unfilledSentence(preview.missing)}`}
          </p>
          {sms.encoding === 'UCS-2' && (
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                {unusual.length > 0
                  ? `This message contains ${unusual.map((c) => `‘${c}’`).join(', ')}: `
                  : 'This message contains a character outside the GSM alphabet: '}
                each text message can only hold 70 characters instead of 160, so it costs more.
              </strong>
            </div>
          )}
          {sms.tooLong && (
            <p className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> Text messages cannot be longer than 918 characters
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** How the count treats placeholders, said where the count is (the core counts them this way everywhere). */
function unfilledSentence(missing: readonly string[]): string {
  const names = missing.map((name) => `((${name}))`);
  const listed = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  return `${listed} ${names.length === 1 ? 'counts' : 'count'} as no characters until filled in`;
}
