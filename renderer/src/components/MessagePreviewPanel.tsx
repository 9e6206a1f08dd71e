import type { MessagePreview } from '../../../shared/contract';
import { EmailPreview } from './EmailPreview';
import { LetterPreview } from './LetterPreview';
import { SmsPreview } from './SmsPreview';

interface MessagePreviewPanelProps {
  preview: MessagePreview | null;
  error: string | null;
  letter?: { addressLines: string[]; contactBlock: string; postage: 'first' | 'second' | 'economy' };
}

export function MessagePreviewPanel({ preview, error, letter }: MessagePreviewPanelProps) {
  return (
    <section className="nd-preview" aria-labelledby="preview-heading">
      <h2 className="govuk-heading-m" id="preview-heading">
        Preview
      </h2>
      {error && <p className="govuk-error-message">{error}</p>}
      {!preview && !error && <p className="govuk-body govuk-hint">The preview appears as you type.</p>}
      {preview && preview.type === 'sms' && <SmsPreview preview={preview} />}
      {preview && preview.type === 'email' && <EmailPreview preview={preview} />}
      {preview && preview.type === 'letter' && (
        <LetterPreview
          preview={preview}
          addressLines={letter?.addressLines ?? []}
          contactBlock={letter?.contactBlock ?? ''}
          postage={letter?.postage ?? 'second'}
        />
      )}
      {preview && preview.errors.length > 0 && (
        <ul className="govuk-list govuk-error-message">
          {preview.errors.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
